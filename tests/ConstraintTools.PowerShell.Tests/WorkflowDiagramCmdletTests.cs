using System;
using System.IO;
using System.Linq;
using System.Management.Automation;

namespace ConstraintTools.PowerShell.Tests;

/// <summary>ConvertTo-WorkflowDiagram through real pipelines; the text itself is checked by parsers in the engine tests.</summary>
public sealed class WorkflowDiagramCmdletTests : IDisposable
{
    private readonly ModuleSession session = new();

    [Fact]
    public void WritesAMermaidFlowchartByDefault()
    {
        var (output, errors) = session.Invoke("Import-Workflow examples/code-review.yaml | ConvertTo-WorkflowDiagram");

        Assert.Empty(errors);
        var text = Assert.IsType<string>(output.Single().BaseObject);
        Assert.StartsWith("flowchart LR\n", text);
        Assert.Contains("    s3[\"Review<br/>87.5#37;, 2 servers<br/>constraint\"]\n", text);
        Assert.Contains("    s3 -->|\"20#37;\"| s2\n", text);
        Assert.EndsWith("    class s3 constraint\n", text);
    }

    [Fact]
    public void WritesAGraphvizDigraphWithFormatDot()
    {
        var (output, errors) = session.Invoke("Import-Workflow examples/code-review.yaml | ConvertTo-WorkflowDiagram -Format Dot");

        Assert.Empty(errors);
        var text = (string)output.Single().BaseObject;
        Assert.StartsWith("digraph \"Feature delivery\" {\n    rankdir=LR;\n", text);
        Assert.Contains("    s3 -> s2 [label=\"20%\"];\n", text);
        Assert.Contains("s3 [label=\"Review\\n87.5%, 2 servers\\nconstraint\", style=\"rounded,filled,bold\"", text);
        Assert.EndsWith("}\n", text);
    }

    [Fact]
    public void WritesOneDiagramPerWorkflowInPipelineOrder()
    {
        var (workflows, _) = session.Invoke("Import-Workflow examples/*.yaml | ForEach-Object Name");
        var (output, errors) = session.Invoke("Import-Workflow examples/*.yaml | ConvertTo-WorkflowDiagram -Format Dot");

        Assert.Empty(errors);
        Assert.Equal(workflows.Count, output.Count);
        Assert.Equal(workflows.Select(w => $"digraph \"{w}\" {{"), output.Select(o => o.ToString().Split('\n')[0]));
    }

    [Fact]
    public void TakesTheWorkflowAsAPositionalArgument()
    {
        var (output, errors) = session.Invoke("ConvertTo-WorkflowDiagram (Import-Workflow examples/support-desk.yaml) -Format Mermaid");

        Assert.Empty(errors);
        Assert.Contains("|\"16.67#37;\"|", output.Single().ToString());
    }

    [Fact]
    public void AnInvalidWorkflowIsAnErrorAndTheOthersAreStillDrawn()
    {
        var (output, errors) = session.Invoke("[ConstraintTools.Workflow]::new('Empty'), (Import-Workflow examples/code-review.yaml) | ConvertTo-WorkflowDiagram");

        Assert.StartsWith("flowchart LR", output.Single().ToString());
        Assert.Equal("InvalidWorkflow,ConstraintTools.PowerShell.ConvertToWorkflowDiagramCommand", errors.Single().FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, errors.Single().CategoryInfo.Category);
    }

    [Fact]
    public void AnUnknownFormatStopsTheCommand()
    {
        var (output, errors) = session.Invoke("try { Import-Workflow examples/code-review.yaml | ConvertTo-WorkflowDiagram -Format Svg; 'not stopped' } catch { $_.FullyQualifiedErrorId }");

        Assert.Empty(errors);
        Assert.Equal("CannotConvertArgumentNoMessage,ConstraintTools.PowerShell.ConvertToWorkflowDiagramCommand", output.Single().ToString());
    }

    [Fact]
    public void TheFormatCompletesToMermaidAndDot()
    {
        var (output, errors) = session.Invoke("$line = 'ConvertTo-WorkflowDiagram -Format '; (TabExpansion2 $line $line.Length).CompletionMatches.CompletionText");

        Assert.Empty(errors);
        Assert.Equal(new[] { "Dot", "Mermaid" }, output.Select(o => o.ToString()));
    }

    public void Dispose() => session.Dispose();
}
