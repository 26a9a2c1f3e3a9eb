using System.Management.Automation;
using ConstraintTools.Analysis;

namespace ConstraintTools.PowerShell
{
    /// <summary>
    /// Measure-Flow: the real flow of a work-item log against a workflow's status mapping — per stage
    /// arrivals, departures, throughput, time-weighted WIP, time in stage, wait and active time and
    /// utilization, then a flow summary (throughput, lead time, flow efficiency, age of open items,
    /// rework and unmeasured time). Writes one StageFlow per stage, then the FlowSummary; with
    /// -Summary only the FlowSummary.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Measure, "Flow")]
    [OutputType(typeof(StageFlow), typeof(FlowSummary))]
    public sealed class MeasureFlowCommand : WindowedLogCommandBase
    {
        /// <summary>Write only the FlowSummary, not the StageFlow of each stage.</summary>
        [Parameter]
        public SwitchParameter Summary { get; set; }

        protected override void Process(WorkItemLog log)
        {
            var report = FlowMeasurement.Measure(log, Workflow, From, To, StopToken);
            if (!Summary)
                foreach (var stage in report.Stages) WriteObject(stage);
            WriteObject(report.Summary);
        }
    }
}
