using System.Management.Automation;
using System.Text;
using ConstraintTools.Yaml;

namespace ConstraintTools.PowerShell
{
    /// <summary>ConvertFrom-WorkflowYaml: reads a workflow from YAML text a script already holds.</summary>
    [Cmdlet(VerbsData.ConvertFrom, "WorkflowYaml")]
    [OutputType(typeof(Workflow))]
    public sealed class ConvertFromWorkflowYamlCommand : ConstraintCmdlet
    {
        protected override string InvalidInputErrorId => "InvalidWorkflowYaml";

        private readonly StringBuilder text = new StringBuilder();

        /// <summary>YAML text; lines piped one by one (Get-Content without -Raw) are joined into one document.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [AllowEmptyString]
        public string InputObject { get; set; } = "";

        /// <summary>Names the text in error messages and becomes the workflow's Source.</summary>
        [Parameter]
        public string? SourceName { get; set; }

        /// <summary>Characters piped in all, counted on past the limit, where the text stops being kept.</summary>
        private long chars;

        protected override void ProcessRecord()
        {
            chars += (text.Length > 0 ? 1 : 0) + InputObject.Length;
            if (chars > WorkflowYaml.MaxTextChars) return;
            if (text.Length > 0) text.Append('\n');
            text.Append(InputObject);
        }

        protected override void EndProcessing()
        {
            try
            {
                if (chars > WorkflowYaml.MaxTextChars) throw WorkflowYaml.TextTooLong(chars, SourceName);
                WriteObject(WorkflowYaml.Parse(text.ToString(), SourceName));
            }
            catch (InputException ex)
            {
                WriteError(ErrorFor(ex, SourceName ?? (object)text.ToString()));
            }
        }
    }
}
