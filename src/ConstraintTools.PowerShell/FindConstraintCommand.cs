using System.Management.Automation;
using ConstraintTools.Analysis;

namespace ConstraintTools.PowerShell
{
    /// <summary>Find-Constraint: the stage that limits a workflow's throughput, with evidence.</summary>
    [Cmdlet(VerbsCommon.Find, "Constraint")]
    [OutputType(typeof(ConstraintReport))]
    public sealed class FindConstraintCommand : PositionalWorkflowCommandBase
    {
        protected override void Process(Workflow workflow) => WriteObject(WorkflowAnalyzer.Analyze(workflow));
    }
}
