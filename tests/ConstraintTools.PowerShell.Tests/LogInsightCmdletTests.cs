using System;
using System.Linq;
using System.Management.Automation;
using static ConstraintTools.PowerShell.Tests.MeasureFlowCmdletTests;

namespace ConstraintTools.PowerShell.Tests;

/// <summary>Find-Constraint -Log, Get-CumulativeFlow, Get-WorkItemAge and ConvertTo-Workflow through the hosted engine, on the log of MeasureFlowCmdletTests.</summary>
public sealed class LogInsightCmdletTests : IDisposable
{
    private readonly ModuleSession session = new();

    private static object? Get(PSObject o, string property) => o.Properties[property].Value;

    private static string[] Lines(string text) => text.Split('\n').Select(l => l.TrimEnd()).ToArray();

    private static readonly string Example =
        $"$w = Import-Workflow -LiteralPath '{ModuleSession.RepoRoot}/examples/delivery-log.yaml'; $log = Import-WorkItemLog -LiteralPath '{ModuleSession.RepoRoot}/examples/delivery-log.csv'\n";

    [Fact]
    public void FindConstraintTakesALogFromThePipelineOrByName()
    {
        var (output, errors) = session.Invoke(Example + "$log | Find-Constraint -Workflow $w; $w | Find-Constraint -Log $log");

        Assert.Empty(errors);
        Assert.Equal(2, output.Count);
        foreach (var report in output)
        {
            Assert.Equal("ConstraintTools.FlowConstraintReport", report.TypeNames[0]);
            Assert.Equal(("Stage", "Code Review", "High", "Utilization", "Development"),
                (Get(report, "Verdict")!.ToString(), Get(report, "Constraint"), Get(report, "Confidence")!.ToString(), Get(report, "Basis")!.ToString(), Get(report, "NextConstraint")));
            Assert.Equal(5, ((System.Collections.ICollection)Get(report, "Loads")!).Count);
        }
    }

    [Fact]
    public void FindConstraintFromALogRendersItsTableItsLoadsAndItsEvidence()
    {
        using var wide = new ModuleSession(width: 120);
        var table = Lines(wide.Render(Example + "$log | Find-Constraint -Workflow $w"));
        var loads = Lines(wide.Render(Example + "($log | Find-Constraint -Workflow $w).Loads"));
        var evidence = wide.Render(Example + "$log | Find-Constraint -Workflow $w | ForEach-Object Evidence");

        Assert.Contains("Workflow                    Constraint  Confidence Basis        Load Next        Next load Throughput/wk Arrivals/wk", table);
        Assert.Contains("Delivery (from a changelog) Code Review High       Utilization 96.6% Development     78.3%         28.24       32.85", table);
        Assert.Contains("Code Review    559 96.6%       2       37.05         35.79 25.88  4.2d      60.2% 4.21 22.46 50.95 rising", loads);
        Assert.Contains("Code Review is the constraint: busy 96.6% of the time, 1.93 items active on average for 2 servers; the most loaded of 5 stages with 20 visits or more.", evidence);
        Assert.Contains("Confidence: High.", evidence);
    }

    [Fact]
    public void FindConstraintWithAnIntervalWritesAVerdictPerWindow()
    {
        var (output, errors) = session.Invoke(Example + "$log | Find-Constraint -Workflow $w -Interval 4w");
        var (_, refused) = session.Invoke(Example + "$log | Find-Constraint -Workflow $w -Interval 0");

        Assert.Empty(errors);
        Assert.Equal(4, output.Count);
        Assert.All(output, o => Assert.Equal("ConstraintTools.ConstraintWindow", o.TypeNames[0]));
        Assert.All(output, o => Assert.Equal("Code Review", Get(o, "Constraint")));
        Assert.Equal(new DateTime(2026, 6, 29, 0, 0, 0, DateTimeKind.Utc), ((DateTime)Get(output[0], "To")!).Date);
        Assert.Equal("InvalidInterval,ConstraintTools.PowerShell.FindConstraintCommand", Assert.Single(refused).FullyQualifiedErrorId);
    }

    [Fact]
    public void FindConstraintSaysTooLittleToJudgeOfAHandfulOfItems()
    {
        var (output, errors) = session.Invoke(Setup + "$log | Find-Constraint -Workflow $w");

        Assert.Empty(errors);
        Assert.Equal(("Unknown", null), (Get(output.Single(), "Verdict")!.ToString(), Get(output.Single(), "Constraint")));
        Assert.Equal("(unknown)", session.Render(Setup + "($log | Find-Constraint -Workflow $w).ToString()").Trim());
    }

    [Fact]
    public void FindConstraintStillAnalysesAModel()
    {
        var (output, errors) = session.Invoke("Import-Workflow \"$root/examples/delivery-log.yaml\" | Find-Constraint", new System.Collections.Generic.Dictionary<string, object?> { ["root"] = ModuleSession.RepoRoot });

        Assert.Empty(errors);
        Assert.Equal(("ConstraintTools.ConstraintReport", "Code Review"), (output.Single().TypeNames[0], Get(output.Single(), "Constraint")));
    }

    [Fact]
    public void FindConstraintReportsAnEmptyWindowAsAnError()
    {
        var (output, errors) = session.Invoke(Setup + "$log | Find-Constraint -Workflow $w -From 2026-02-01; 'next'");

        Assert.Equal("next", output.Single().ToString());
        Assert.Equal("InvalidWindow,ConstraintTools.PowerShell.FindConstraintCommand", errors.Single().FullyQualifiedErrorId);
    }

    [Fact]
    public void CumulativeFlowRowsPerIntervalAndStage()
    {
        var (output, errors) = session.Invoke(Setup + "$log | Get-CumulativeFlow -Workflow $w -Interval 12h");

        Assert.Empty(errors);
        Assert.Equal(12, output.Count);
        Assert.All(output, o => Assert.Equal("ConstraintTools.CumulativeFlowPoint", o.TypeNames[0]));
        Assert.Equal(new[] { "Dev", "Review", "(unmapped)", "Done" }, output.Take(4).Select(o => (string)Get(o, "Stage")!));
        Assert.Equal((1, 4, 3), (Get(output[0], "Count"), Get(output[0], "CumulativeArrivals"), Get(output[0], "CumulativeDepartures")));
        Assert.Equal(3, Get(output[11], "Count"));
        Assert.Equal(new DateTime(2026, 1, 6, 0, 0, 0, DateTimeKind.Utc), Get(output[8], "Date"));
    }

    [Fact]
    public void CumulativeFlowRendersATableAndRejectsAZeroInterval()
    {
        var table = Lines(session.Render(Setup + "$log | Get-CumulativeFlow -Workflow $w -Interval 1d"));
        var (_, errors) = session.Invoke(Setup + "$log | Get-CumulativeFlow -Workflow $w -Interval 0");

        Assert.Contains("Date             Stage      Count Queue Active Arrived Departed", table);
        Assert.Contains("2026-01-05 00:00 Dev            2     0      2       6        4", table);
        Assert.Contains("2026-01-06 00:00 Done           3                    4", table);
        Assert.Equal("InvalidInterval,ConstraintTools.PowerShell.GetCumulativeFlowCommand", errors.Single().FullyQualifiedErrorId);
    }

    [Fact]
    public void AnIntervalOfATickIsNamedAsOneInTheMessage()
    {
        var (_, errors) = session.Invoke(Setup + "$log | Get-CumulativeFlow -Workflow $w -Interval ([timespan]1)");

        Assert.Equal("An interval of 100ns cuts the window (2026-01-05 00:00:00Z to 2026-01-06 10:00:00Z) into 1,224,000,000,001 intervals, more than 100,000; choose a longer interval or a shorter window.", errors.Single().Exception.Message);
    }

    [Fact]
    public void WorkItemAgeListsOpenItemsOldestFirst()
    {
        var (output, errors) = session.Invoke(Setup + "$log | Get-WorkItemAge -Workflow $w; Get-WorkItemAge $log -Workflow $w -AsOf '2026-01-05T20:00:00Z' | ForEach-Object Id");
        var table = Lines(session.Render(Setup + "$log | Get-WorkItemAge -Workflow $w"));

        Assert.Empty(errors);
        Assert.Equal(("C", TimeSpan.FromHours(24), "Review", true), (Get(output[0], "Id"), Get(output[0], "Age"), Get(output[0], "Stage"), Get(output[0], "IsWaiting")));
        Assert.Equal(("E", null, "Blocked"), (Get(output[1], "Id"), Get(output[1], "Stage"), Get(output[1], "Status")));
        Assert.Equal(new[] { "D", "B", "C" }, output.Skip(2).Select(o => o.ToString()));
        Assert.Contains("Id Age Stage      Status    Waiting In stage Visits Older than Started", table);
        Assert.Contains("C  24h Review     To Review yes           8h      1      33.3% 2026-01-05", table);
        Assert.Contains("E   4h (unmapped) Blocked                 2h      0       0.0% 2026-01-06", table);
    }

    [Fact]
    public void ConvertToWorkflowFitsAModelEveryModelCmdletTakes()
    {
        var (output, errors) = session.Invoke(Setup + """
            $fitted = $log | ConvertTo-Workflow -Workflow $w -Name Fitted
            $fitted
            $fitted | Find-Constraint
            $fitted | Measure-Improvement Review -Servers 2 | ForEach-Object Verdict
            $fitted | ConvertTo-WorkflowYaml
            """);

        Assert.Empty(errors);
        var fitted = output[0];
        Assert.Equal(("ConstraintTools.Workflow", "Fitted", 5 / (34 / 168.0)), (fitted.TypeNames[0], Get(fitted, "Name"), Get(fitted, "DemandPerWeek")));
        var dev = PSObject.AsPSObject(((System.Collections.IList)Get(fitted, "Stages")!)[0]);
        Assert.Equal(6.5 * 40 / 168, (double)Get(dev, "ServiceTimeHours")!, 12);
        Assert.Equal("ConstraintTools.ConstraintReport", output[1].TypeNames[0]);
        Assert.False(string.IsNullOrEmpty(output[2].ToString()));
        var yaml = output[3].ToString();
        Assert.Contains("name: Fitted", yaml);
        Assert.Contains("- {to: Review, probability: 0.5}", yaml);
        Assert.Contains("- name: Blocked", yaml);
    }

    [Fact]
    public void ConvertToWorkflowWarnsWhatItCouldNotFit()
    {
        var (output, errors) = session.Invoke(Setup + """
            $solo = New-Workflow -Name Solo -Stage (New-WorkflowStage -Name Dev -States 'In Progress' -Queue Ready), (New-WorkflowStage -Name Review -Queue 'To Review' -States Reviewing) -DoneStates Done
            $null = $log | ConvertTo-Workflow -Workflow $solo -WarningVariable said -WarningAction SilentlyContinue
            $said | ForEach-Object Message
            """);

        Assert.Empty(errors);
        Assert.Contains("Dev had 1.53 items active on average, more than 1 server can work on: it gets 3, the most items active at once.", output.Select(o => o.ToString()));
        Assert.Contains(output, o => o.ToString().StartsWith("Time in 'Blocked', mapped to no stage, is held as a delay of 4h a visit", StringComparison.Ordinal));
    }

    public void Dispose() => session.Dispose();
}
