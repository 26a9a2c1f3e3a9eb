using System.Management.Automation;
using ConstraintTools.Reports;

namespace ConstraintTools.PowerShell
{
    /// <summary>ConvertTo-WorkflowDiagram: the workflow graph as Mermaid or Graphviz text, to paste into Markdown or render with dot.</summary>
    [Cmdlet(VerbsData.ConvertTo, "WorkflowDiagram")]
    [OutputType(typeof(string))]
    public sealed class ConvertToWorkflowDiagramCommand : PositionalWorkflowCommandBase
    {
        /// <summary>Mermaid (a flowchart for Markdown) or Dot (a Graphviz digraph).</summary>
        [Parameter]
        public DiagramFormat Format { get; set; } = DiagramFormat.Mermaid;

        protected override void Process(Workflow workflow) => WriteObject(WorkflowDiagram.Write(workflow, Format));
    }
}
