using System;
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
    public sealed class MeasureFlowCommand : PSCmdlet
    {
        /// <summary>The work-item logs to measure, usually from Import-WorkItemLog or a WorkItemLogBuilder; each is measured on its own.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ValidateNotNull]
        public WorkItemLog[] Log { get; set; } = Array.Empty<WorkItemLog>();

        /// <summary>The workflow whose stages' states and queue statuses, and whose doneStates, map the log's statuses onto stages.</summary>
        [Parameter(Mandatory = true)]
        [ValidateNotNull]
        public Workflow Workflow { get; set; } = null!;

        /// <summary>Start of the window, included; defaults to the log's first event. A local time is converted to UTC, a time without a kind is taken as UTC.</summary>
        [Parameter]
        public DateTime? From { get; set; }

        /// <summary>End of the window, excluded, and the measurement time (later events are ignored); defaults to the log's last event, which is then included.</summary>
        [Parameter]
        public DateTime? To { get; set; }

        /// <summary>Write only the FlowSummary, not the StageFlow of each stage.</summary>
        [Parameter]
        public SwitchParameter Summary { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var log in Log)
            {
                FlowReport report;
                try
                {
                    report = FlowMeasurement.Measure(log, Workflow, From, To);
                }
                catch (ArgumentException ex)
                {
                    WriteError(new ErrorRecord(ex, "InvalidWindow", ErrorCategory.InvalidArgument, log));
                    continue;
                }
                if (!Summary)
                    foreach (var stage in report.Stages) WriteObject(stage);
                WriteObject(report.Summary);
            }
        }
    }
}
