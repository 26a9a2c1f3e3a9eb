using System;
using System.Management.Automation;
using ConstraintTools.Flow;

namespace ConstraintTools.PowerShell
{
    /// <summary>
    /// Get-CumulativeFlow: the data of a cumulative flow diagram — for each interval of the window and
    /// each stage, the items in the stage at the interval's end (queue and active), with arrivals and
    /// departures counted from the window's start; then rows for unmapped statuses and Done.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CumulativeFlow")]
    [OutputType(typeof(CumulativeFlowPoint))]
    public sealed class GetCumulativeFlowCommand : WindowedLogCommandBase
    {
        /// <summary>Length of each interval in calendar time: '1d' (the default), '12h', '1w', or a number of hours.</summary>
        [Parameter]
        [CalendarDurationTransformation]
        [ArgumentCompleter(typeof(DurationCompleter))]
        public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);

        protected override void BeginProcessing()
        {
            RequirePositiveInterval(Interval);
        }

        protected override void Process(WorkItemLog log)
        {
            foreach (var point in CumulativeFlow.Compute(log, Workflow, Interval, From, To, StopToken)) WriteObject(point);
        }
    }
}
