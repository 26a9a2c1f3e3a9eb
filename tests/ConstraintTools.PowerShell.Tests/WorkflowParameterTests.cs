using System;
using System.Linq;

namespace ConstraintTools.PowerShell.Tests;

/// <summary>
/// Every -Workflow parameter takes a workflow or the path of a workflow file; a string that names no file is refused.
/// PowerShell used to turn the path into an empty workflow of that name, and Measure-Flow reported 0 of 513 finished.
/// </summary>
public sealed class WorkflowParameterTests : IDisposable
{
    private readonly ModuleSession session = new();

    [Theory]
    [InlineData("(Import-WorkItemLog examples/delivery-log.csv | Measure-Flow -Workflow examples/delivery-log.yaml -Summary).Finished")]
    [InlineData("(Import-WorkItemLog examples/delivery-log.csv | Measure-Flow -Workflow (Import-Workflow examples/delivery-log.yaml) -Summary).Finished")]
    public void APathReadsTheWorkflowFile(string script)
    {
        var (output, errors) = session.Invoke(script);

        Assert.Empty(errors);
        Assert.True((int)Assert.Single(output).BaseObject > 400);
    }

    [Theory]
    [InlineData("Find-Constraint -Workflow examples/ai-*.yaml", "Review")]
    [InlineData("'examples/ai-coding.yaml' | Find-Constraint", "Review")]
    [InlineData("Find-Constraint examples/ai-coding.yaml", "Review")]
    [InlineData("Measure-Improvement -Workflow examples/ai-coding.yaml -Stage Code -CapacityFactor 2", "Review")]
    public void AWorkflowArgumentOfEveryKindTakesAFile(string script, string constraint)
    {
        var (output, errors) = session.Invoke($"@({script}) | ForEach-Object {{ if ($_.Constraint) {{ $_.Constraint }} else {{ $_.ConstraintAfter }} }}");

        Assert.Empty(errors);
        Assert.Equal(constraint, Assert.Single(output).BaseObject);
    }

    [Theory]
    [InlineData("Import-WorkItemLog examples/delivery-log.csv | Measure-Flow -Workflow Delivery")]
    [InlineData("Import-WorkItemLog examples/delivery-log.csv | Get-WorkItemAge -Workflow nofile.yaml")]
    [InlineData("Find-Constraint -Workflow examples")]
    [InlineData("Import-WorkItemLog examples/delivery-log.csv | Get-Forecast -Workflow Delivery -Items 5")]
    public void AStringThatNamesNoFileIsRefusedSayingHow(string script)
    {
        var (output, errors) = session.Invoke(script);

        Assert.Empty(output);
        var error = Assert.Single(errors);
        Assert.StartsWith("ParameterArgumentTransformationError", error.FullyQualifiedErrorId);
        Assert.Contains("is not a workflow and names no workflow file; give a workflow, e.g. -Workflow (Import-Workflow flows/delivery.yaml), or the path of a workflow file.", error.Exception.Message);
    }

    [Fact]
    public void ABrokenWorkflowFileSaysWhereItIsBroken()
    {
        var (_, errors) = session.Invoke("Find-Constraint -Workflow tests/corpus/yaml/duplicate-keys.yaml");
        var error = Assert.Single(errors);

        Assert.Matches(@"duplicate-keys\.yaml:\d+:\d+: ", error.Exception.Message);
    }

    public void Dispose() => session.Dispose();
}
