using System.Management.Automation;
using ConstraintTools.Analysis;

namespace ConstraintTools.PowerShell
{
    /// <summary>Measure-Workflow: utilization, WIP, waiting and queue growth of every stage.</summary>
    [Cmdlet(VerbsDiagnostic.Measure, "Workflow")]
    [OutputType(typeof(StageMetrics))]
    public sealed class MeasureWorkflowCommand : WorkflowCommandBase
    {
        protected override void Process(Workflow workflow)
        {
            foreach (var stage in WorkflowAnalyzer.Analyze(workflow).Stages) WriteObject(stage);
        }
    }
}
