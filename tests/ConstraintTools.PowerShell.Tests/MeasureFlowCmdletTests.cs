using System;
using System.Linq;
using System.Management.Automation;

namespace ConstraintTools.PowerShell.Tests;

/// <summary>Measure-Flow through the hosted engine, on a log built in PowerShell with the WorkItemLogBuilder.</summary>
public sealed class MeasureFlowCmdletTests : IDisposable
{
    /// <summary>The log of the engine's FlowMeasurementTests (hours after 5 January 2026, rows out of order) and its workflow.</summary>
    internal const string Setup = """
        $t0 = [DateTimeOffset]'2026-01-05T00:00:00Z'
        $b = [ConstraintTools.WorkItemLogBuilder]::new()
        $b.Source = 'tracker'
        $rows = 'E,30,Ready', 'E,32,Blocked',
            'A,0,Ready', 'A,2,In Progress', 'A,10,To Review', 'A,12,Reviewing', 'A,16,Done',
            'B,4,Ready', 'B,6,In Progress', 'B,8,Blocked', 'B,12,In Progress', 'B,20,To Review',
            'B,22,Reviewing', 'B,24,In Progress', 'B,30,To Review', 'B,31,Reviewing', 'B,34,Done',
            'C,26,To Review', 'C,10,Ready', 'C,14,In Progress', 'C,14,In Progress',
            'D,1,Ready', 'D,3,In Progress', 'D,9,Done', 'D,18,In Progress', 'D,28,Done'
        foreach ($row in $rows) { $id, $hours, $status = $row -split ','; $b.Add($id, $t0.AddHours([double]$hours), $status) }
        $log = $b.Build()
        $w = New-Workflow -Name Delivery -Stage (New-WorkflowStage -Name Dev -Servers 2 -Queue Ready -States 'In Progress'), (New-WorkflowStage -Name Review -Queue 'To Review' -States Reviewing) -DoneStates Done

        """;

    private readonly ModuleSession session = new();

    private static object? Get(PSObject o, string property) => o.Properties[property].Value;

    [Fact]
    public void WritesEachStageThenTheSummary()
    {
        var (output, errors) = session.Invoke(Setup + "$log | Measure-Flow -Workflow $w");

        Assert.Empty(errors);
        Assert.Equal(new[] { "ConstraintTools.StageFlow", "ConstraintTools.StageFlow", "ConstraintTools.FlowSummary" }, output.Select(o => o.TypeNames[0]));
        var dev = output[0];
        Assert.Equal(("Dev", 8, 8, 0, 2), (Get(dev, "Stage"), Get(dev, "Arrivals"), Get(dev, "Departures"), Get(dev, "CurrentWip"), Get(dev, "Servers")));
        Assert.Equal(52 / 34.0 / 2, (double)Get(dev, "Utilization")!, 12);
        Assert.Equal(TimeSpan.FromHours(16), Get(dev, "TimeInStageP95"));
        var review = output[1];
        Assert.Equal(("Review", 4, 3, 1, 1), (Get(review, "Stage"), Get(review, "Arrivals"), Get(review, "Departures"), Get(review, "NetFlow"), Get(review, "CurrentWip")));
        Assert.Equal(13 / 34.0, (double)Get(review, "QueueWip")!, 12);
        var summary = output[2];
        Assert.Equal((3, 2, "tracker"), (Get(summary, "Finished"), Get(summary, "OpenItems"), Get(summary, "Log")));
        Assert.Equal(49 / 73.0, (double)Get(summary, "FlowEfficiency")!, 12);
        Assert.Equal(2 / 3.0, (double)Get(summary, "ReworkRate")!, 12);
        Assert.Equal(TimeSpan.FromHours(27), Get(summary, "LeadTimeP50"));
    }

    [Fact]
    public void RendersTheStagesAsATable()
    {
        var text = session.Render(Setup + "$log | Measure-Flow -Workflow $w");
        var wide = session.Render(Setup + "$log | Measure-Flow -Workflow $w | Where-Object { $_ -is [ConstraintTools.StageFlow] } | Format-Table -View Wide");

        var lines = text.Split('\n').Select(l => l.TrimEnd()).ToList();
        var wideLines = wide.Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.Contains("   Workflow: Delivery", lines);
        Assert.Contains("Stage             In   Out Done/wk   WIP   Util     p50     p85    Wait  Active", lines);
        Assert.Contains("Dev                8     8   39.53     0  76.5%      8h     10h    1.5h    6.5h", lines);
        Assert.Contains("Stage             In   Out Done/wk   WIP   Util     p50     p85    Wait  Active   Net  Queue   Busy", wideLines);
        Assert.Contains("Dev                8     8   39.53     0  76.5%      8h     10h    1.5h    6.5h     0   0.35   1.53", wideLines);
        Assert.Contains("Review             4     3   14.82     1  26.5%      4h      6h    1.7h      3h    +1   0.38   0.26", wideLines);
        // PowerShell formats the first type of a pipeline as its table; the summary that follows shows as a list.
        Assert.Contains("FlowEfficiency    : 0.671232876712329", lines);
    }

    [Fact]
    public void SummaryAloneRendersAsATable()
    {
        var text = session.Render(Setup + "$log | Measure-Flow -Workflow $w -Summary | Format-Table -View Wide");

        var lines = text.Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.Contains("Workflow                      Items  Done Done/wk     p50     p85     p95   Eff.  Open  Oldest Rework Unmeas.", lines);
        Assert.Contains("Delivery                          5     3   14.82     27h     30h     30h  67.1%     2     24h  66.7%    5.5%", lines);
    }

    [Fact]
    public void AWindowTakesDatesWithOffsetsAsUtc()
    {
        // 13:00+01:00 is 12:00 UTC; a date without offset or kind is UTC.
        var (output, errors) = session.Invoke(Setup + "Measure-Flow $log -Workflow $w -From '2026-01-05T13:00:00+01:00' -To '2026-01-06'");

        Assert.Empty(errors);
        var dev = output[0];
        Assert.Equal((2, 1, 1, 2), (Get(dev, "Arrivals"), Get(dev, "Departures"), Get(dev, "StartWip"), Get(dev, "CurrentWip")));
        Assert.Equal(2.0, (double)Get(dev, "ActiveWip")!, 12);
        var summary = output[2];
        Assert.Equal(new DateTime(2026, 1, 5, 12, 0, 0, DateTimeKind.Utc), Get(summary, "From"));
        Assert.Equal((1, 3, 14.0), (Get(summary, "Finished"), Get(summary, "OpenItems"), Get(summary, "ThroughputPerWeek")));
        Assert.Equal(TimeSpan.FromHours(23), Get(summary, "MaxAge"));
    }

    [Fact]
    public void MeasuresEachLogOfThePipelineAndReportsAnEmptyWindowAsAnError()
    {
        var (output, errors) = session.Invoke(Setup + "$log, $log | Measure-Flow -Workflow $w -Summary; $log | Measure-Flow -Workflow $w -From '2026-02-01' -Summary; 'next'");

        Assert.Equal(new[] { "ConstraintTools.FlowSummary", "ConstraintTools.FlowSummary", "System.String" }, output.Select(o => o.TypeNames[0]));
        var error = errors.Single();
        Assert.Equal("InvalidWindow,ConstraintTools.PowerShell.MeasureFlowCommand", error.FullyQualifiedErrorId);
        Assert.Contains("The window is empty", error.Exception.Message);
    }

    public void Dispose() => session.Dispose();
}
