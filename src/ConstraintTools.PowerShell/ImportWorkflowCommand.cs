using System.Management.Automation;
using ConstraintTools.Notation;
using ConstraintTools.Yaml;

namespace ConstraintTools.PowerShell
{
    /// <summary>Import-Workflow: reads workflow YAML files into Workflow objects.</summary>
    [Cmdlet(VerbsData.Import, "Workflow", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(Workflow))]
    public sealed class ImportWorkflowCommand : FileReadingCommandBase
    {
        protected override string InvalidInputErrorId => "InvalidWorkflowFile";

        protected override string FileKind => "workflow";
        protected override string ErrorIdPrefix => "Workflow";
        protected override string FilePattern => "*.yaml";

        protected override void Read(string file)
        {
            try
            {
                var workflow = ReadStoppably(_ => WorkflowYaml.Load(file));
                WriteVerbose($"{Display.FilePath(file)}: '{Display.Excerpt(workflow.Name)}', {workflow.Stages.Count:N0} stages");
                WriteObject(workflow);
            }
            catch (InputException ex)
            {
                WriteError(ErrorFor(ex, file));
            }
        }
    }
}
