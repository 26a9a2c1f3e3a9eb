using System;
using System.Globalization;
using System.Linq;
using System.Management.Automation;

namespace ConstraintTools.PowerShell.Tests;

/// <summary>
/// Output objects survive PowerShell serialization — the CLIXML that remoting, jobs and
/// Export-Clixml use — with their type names and figures, and still print through their views.
/// </summary>
public sealed class SerializationTests : IDisposable
{
    private const string Setup = """
        $w = Import-Workflow examples/delivery-log.yaml
        $log = Import-WorkItemLog examples/delivery-log.csv
        function RoundTrip($o) { [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($o)) }

        """;

    private readonly ModuleSession session = new();

    [Theory]
    [InlineData("$w | Find-Constraint", "ConstraintReport", "Constraint,Utilization,ThroughputPerWeek,RelocationFactor")]
    [InlineData("$w | Measure-Workflow", "StageMetrics", "Stage,Utilization,WaitTime,Wip,IsConstraint")]
    [InlineData("$w | Measure-Improvement 'Code Review' -Servers 3", "ImprovementResult", "Stage,ThroughputAfter,LeadTimeAfter,Verdict")]
    [InlineData("$w | Get-ConstraintPath 40/week", "ConstraintStep", "Step,Stage")]
    [InlineData("$w | Test-Workflow", "AuditFinding", "Rule,Stage,Message")]
    [InlineData("$log | Measure-Flow -Workflow $w", "StageFlow", "Stage,Arrivals,QueueWip,TimeInStageP85")]
    [InlineData("$log | Measure-Flow -Workflow $w -Summary", "FlowSummary", "Finished,LeadTimeP85,FlowEfficiency")]
    [InlineData("$log | Find-Constraint -Workflow $w", "FlowConstraintReport", "Constraint,Confidence,Utilization")]
    [InlineData("$log | Get-CumulativeFlow -Workflow $w -Interval 1w", "CumulativeFlowPoint", "Date,Stage,Count")]
    [InlineData("$log | Get-WorkItemAge -Workflow $w", "WorkItemAge", "Id,Age,Stage,OlderThan")]
    [InlineData("$w | Invoke-FlowSimulation -Duration 8w -Replications 2", "SimulatedStage", "Stage,Utilization,WaitTime,WipHalfWidth")]
    [InlineData("$log | Get-Forecast -Workflow $w -Items 50", "Forecast", "Likelihood,Date,Days")]
    public void KeepsItsTypeNameAndFigures(string command, string type, string properties)
    {
        var (output, errors) = session.Invoke(Setup + $"$original = @({command})[0]; $original; RoundTrip $original");

        Assert.Empty(errors);
        var (original, copy) = (output[0], output[1]);
        Assert.Equal("ConstraintTools." + type, original.TypeNames[0]);
        Assert.Equal("Deserialized.ConstraintTools." + type, copy.TypeNames[0]);
        foreach (var name in properties.Split(','))
        {
            var before = original.Properties[name].Value;
            var after = copy.Properties[name].Value;
            Assert.True(Same(before, after), $"{type}.{name}: {before} became {after}");
        }
    }

    /// <summary>Numbers, times and strings come back as they were; enums come back as their names.</summary>
    private static bool Same(object? before, object? after) => before switch
    {
        null => after is null,
        Enum e => e.ToString() == (after is PSObject p ? p.ToString() : after?.ToString()),
        double or int or long or bool or string or TimeSpan or DateTime => Equals(before, after is PSObject q ? q.BaseObject : after),
        _ => Convert.ToString(before, CultureInfo.InvariantCulture) == Convert.ToString(after is PSObject r ? r.BaseObject : after, CultureInfo.InvariantCulture),
    };

    [Fact]
    public void ADeserializedReportStillPrintsThroughItsView()
    {
        var table = session.Render(Setup + "RoundTrip @($w | Measure-Workflow)");

        Assert.Contains("Stage            Role          Util Grow/wk     Wait    Cycle          WIP", table);
        Assert.Contains("CONSTRAINT", table);
    }

    [Fact]
    public void AConstraintStepKeepsItsElevationsAsADictionaryAndPrintsThemTheSame()
    {
        const string Path = "$plan = @(Import-Workflow examples/ai-coding.yaml | Get-ConstraintPath -TargetThroughput 10/week -WarningAction SilentlyContinue)[-1]; ";
        var (output, errors) = session.Invoke(Setup + Path + "$copy = RoundTrip $plan; $copy.Elevations['Review']; $copy.Elevations['Code']; $copy.Elevations.Count");

        Assert.Empty(errors);
        Assert.Equal(new object[] { 1.5625, 1.25, 2 }, output.Select(o => o.BaseObject));
        Assert.Contains("Review x1.56, Code x1.25", session.Render(Setup + Path + "RoundTrip $plan | Format-Table -View Wide"));
    }

    public void Dispose() => session.Dispose();
}
