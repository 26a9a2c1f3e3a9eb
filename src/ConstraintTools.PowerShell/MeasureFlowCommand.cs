using System.Management.Automation;
using ConstraintTools.Flow;
using ConstraintTools.Notation;

namespace ConstraintTools.PowerShell
{
    /// <summary>
    /// Measure-Flow: the real flow of a work-item log against a workflow's status mapping — per stage
    /// arrivals, departures, throughput, time-weighted WIP, time in stage, wait and active time and
    /// utilization, or with -Summary the flow summary (throughput, lead time, flow efficiency, age of
    /// open items, rework and unmeasured time). One type per call, so that `| Export-Csv` of either
    /// gives one table: a StageFlow per stage, or with -Summary one FlowSummary per log.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Measure, "Flow", DefaultParameterSetName = StagesSet)]
    [OutputType(typeof(StageFlow), ParameterSetName = new[] { StagesSet })]
    [OutputType(typeof(FlowSummary), ParameterSetName = new[] { SummarySet })]
    public sealed class MeasureFlowCommand : WindowedLogCommandBase
    {
        private const string StagesSet = "Stages";
        private const string SummarySet = "Summary";

        /// <summary>Write the FlowSummary of each log instead of the StageFlow of each stage.</summary>
        [Parameter(Mandatory = true, ParameterSetName = SummarySet)]
        public SwitchParameter Summary { get; set; }

        protected override void Process(WorkItemLog log)
        {
            WriteVerbose($"{Display.Excerpt(log.Source)}: measuring {log.EventCount:N0} status changes against '{Display.Excerpt(Workflow.Name)}'" + VerboseText.Window(From, To));
            var report = FlowMeasurement.Measure(log, Workflow, From, To, StopToken);
            if (Summary) WriteObject(report.Summary);
            else foreach (var stage in report.Stages) WriteObject(stage);
        }
    }
}
