using System;
using System.IO;
using System.Linq;

namespace ConstraintTools.PowerShell.Tests;

/// <summary>
/// Every output type goes through the utility cmdlets a runbook reaches for without an exception:
/// ConvertTo-Json at its default depth, Export-Clixml and Import-Clixml, Export-Csv and Import-Csv.
/// </summary>
public sealed class CompositionTests : IDisposable
{
    private const string Setup = """
        $w = Import-Workflow examples/delivery-log.yaml
        $log = Import-WorkItemLog examples/delivery-log.csv

        """;

    private readonly ModuleSession session = new();
    private readonly string folder = Directory.CreateTempSubdirectory("ct-composition-").FullName;

    [Theory]
    [InlineData("$w | Find-Constraint", "ConstraintReport")]
    [InlineData("$w | Measure-Workflow", "StageMetrics")]
    [InlineData("$w | Measure-Improvement 'Code Review' -Servers 3", "ImprovementResult")]
    [InlineData("Import-Workflow examples/ai-coding.yaml | Get-ConstraintPath -TargetThroughput 10/week -WarningAction SilentlyContinue", "ConstraintStep")]
    [InlineData("$w | Test-Workflow", "AuditFinding")]
    [InlineData("$log | Measure-Flow -Workflow $w", "StageFlow")]
    [InlineData("$log | Measure-Flow -Workflow $w -Summary", "FlowSummary")]
    [InlineData("$log | Find-Constraint -Workflow $w", "FlowConstraintReport")]
    [InlineData("$log | Find-Constraint -Workflow $w -Interval 2w", "ConstraintWindow")]
    [InlineData("($log | Find-Constraint -Workflow $w).Loads", "StageLoad")]
    [InlineData("($w | Invoke-FlowSimulation -Duration 4w -AsLog).Events", "StatusChange")]
    [InlineData("$log | Get-CumulativeFlow -Workflow $w -Interval 1w", "CumulativeFlowPoint")]
    [InlineData("$log | Get-WorkItemAge -Workflow $w", "WorkItemAge")]
    [InlineData("$w | Invoke-FlowSimulation -Duration 8w -Replications 2", "SimulatedStage")]
    [InlineData("$w | Invoke-FlowSimulation -Duration 8w -Replications 2 -Summary", "SimulationSummary")]
    [InlineData("$w | Invoke-FlowSimulation -Duration 8w -Replications 2 -TimeSeries -SampleInterval 1w", "WipSample")]
    [InlineData("$log | Get-Forecast -Workflow $w -Items 50", "Forecast")]
    [InlineData("$w", "Workflow")]
    [InlineData("$w.Stages", "WorkflowStage")]
    [InlineData("$log", "WorkItemLog")]
    public void GoesThroughJsonClixmlAndCsv(string command, string type)
    {
        var json = Path.Combine(folder, type + ".json");
        var clixml = Path.Combine(folder, type + ".clixml");
        var csv = Path.Combine(folder, type + ".csv");

        var (output, errors) = session.Invoke(Setup + $"""
            $objects = @({command}) | Where-Object {"{"} $_ -is [ConstraintTools.{type}] {"}"}
            $objects.Count
            [System.IO.File]::WriteAllText('{json}', ($objects | ConvertTo-Json -WarningAction SilentlyContinue))
            $objects | Export-Clixml -LiteralPath '{clixml}'
            @(Import-Clixml -LiteralPath '{clixml}').Count
            $objects | Export-Csv -LiteralPath '{csv}' -NoTypeInformation
            @(Import-Csv -LiteralPath '{csv}').Count
            """);

        Assert.Empty(errors);
        var count = (int)output[0].BaseObject;
        Assert.True(count > 0, $"no {type} was written");
        Assert.Equal(new object[] { count, count, count }, output.Select(o => o.BaseObject));
        Assert.True(new FileInfo(json).Length > 2);
    }

    [Fact]
    public void AConstraintStepsElevationsAreAnObjectInJson()
    {
        var (output, errors) = session.Invoke(
            "(@(Import-Workflow examples/ai-coding.yaml | Get-ConstraintPath -TargetThroughput 10/week -WarningAction SilentlyContinue)[-1] | ConvertTo-Json | ConvertFrom-Json).Elevations.Review");

        Assert.Empty(errors);
        Assert.Equal(1.5625, Convert.ToDouble(Assert.Single(output).BaseObject, System.Globalization.CultureInfo.InvariantCulture));
    }

    public void Dispose()
    {
        session.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
