using System;
using System.IO;
using System.Management.Automation;
using ConstraintTools.Notation;
using ConstraintTools.Yaml;

namespace ConstraintTools.PowerShell
{
    /// <summary>Export-Workflow: writes each workflow to a YAML file that Import-Workflow reads back to the same figures.</summary>
    [Cmdlet(VerbsData.Export, "Workflow", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportWorkflowCommand : FileWritingCommandBase
    {
        /// <summary>The workflows to write, usually from New-Workflow or Import-Workflow.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
        [WorkflowFileTransformation]
        [ValidateNotNull]
        public Workflow[] Workflow { get; set; } = Array.Empty<Workflow>();

        protected override string FileKind => "workflows";
        protected override string ErrorIdPrefix => "Workflow";
        protected override string ExampleFileName => "workflow.yaml";

        protected override void ProcessRecord()
        {
            foreach (var workflow in Workflow)
            {
                if (!TakeFileFor(workflow)) continue;
                string yaml;
                try
                {
                    yaml = WorkflowYaml.Write(workflow);
                }
                catch (InputException ex)
                {
                    WriteError(ErrorFor(ex, workflow));
                    continue;
                }
                WriteFile(yaml, $"workflow '{Display.Excerpt(workflow.Name)}'");
            }
        }
    }
}
