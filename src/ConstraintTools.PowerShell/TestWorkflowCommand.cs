using System.Linq;
using System.Management.Automation;
using ConstraintTools.Queueing;

namespace ConstraintTools.PowerShell
{
    /// <summary>Test-Workflow: audit findings for a workflow; -Quiet answers $true when nothing is an error.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "Workflow")]
    [OutputType(typeof(AuditFinding))]
    [OutputType(typeof(bool))]
    public sealed class TestWorkflowCommand : PositionalWorkflowCommandBase
    {
        /// <summary>Return only $true (no Error finding) or $false, one per workflow.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        protected override void Process(Workflow workflow)
        {
            var findings = WorkflowAudit.Run(workflow);
            if (Quiet) WriteObject(findings.All(f => f.Severity != AuditSeverity.Error));
            else foreach (var finding in findings) WriteObject(finding);
        }
    }
}
