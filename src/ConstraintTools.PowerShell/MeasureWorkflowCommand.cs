using System;
using System.Management.Automation;
using ConstraintTools.Queueing;

namespace ConstraintTools.PowerShell
{
    /// <summary>Measure-Workflow: utilization, WIP, waiting and queue growth of every stage.</summary>
    [Cmdlet(VerbsDiagnostic.Measure, "Workflow")]
    [OutputType(typeof(StageMetrics))]
    public sealed class MeasureWorkflowCommand : PositionalWorkflowCommandBase
    {
        /// <summary>Also project each stage's WIP this far ahead: '12w', '30d' (calendar time) or a TimeSpan.</summary>
        [Parameter]
        [CalendarDurationTransformation]
        [ArgumentCompleter(typeof(DurationCompleter))]
        public TimeSpan? Horizon { get; set; }

        protected override void BeginProcessing()
        {
            if (Horizon <= TimeSpan.Zero)
                ThrowArgumentError("-Horizon must be a positive duration such as 12w.", "InvalidHorizon", Horizon);
        }

        protected override void Process(Workflow workflow)
        {
            foreach (var stage in WorkflowAnalyzer.Analyze(workflow, Horizon).Stages) WriteObject(stage);
        }
    }
}
