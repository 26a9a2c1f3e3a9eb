using System.Management.Automation;
using ConstraintTools.Yaml;

namespace ConstraintTools.PowerShell
{
    /// <summary>ConvertTo-WorkflowYaml: the YAML text of each workflow, for a runbook that posts it somewhere rather than saving a file.</summary>
    [Cmdlet(VerbsData.ConvertTo, "WorkflowYaml")]
    [OutputType(typeof(string))]
    public sealed class ConvertToWorkflowYamlCommand : PositionalWorkflowCommandBase
    {
        protected override void Process(Workflow workflow) => WriteObject(WorkflowYaml.Write(workflow));
    }
}
