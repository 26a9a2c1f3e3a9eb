using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;

namespace ConstraintTools.PowerShell.Tests;

/// <summary>
/// Get-Forecast through the hosted engine. The log of MeasureFlowCmdletTests runs from 5 January 2026 00:00
/// to 6 January 10:00 UTC: its one whole day, 5 January, finishes one item (A), so forecasts from it are
/// exact, and start on 7 January.
/// </summary>
public sealed class ForecastCmdletTests : IDisposable
{
    private const string Setup = MeasureFlowCmdletTests.Setup;
    private static readonly DateTime January1 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly ModuleSession session = new();

    private static object? Get(PSObject o, string property) => o.Properties[property].Value;

    private static DateTime January(int day) => January1.AddDays(day - 1);

    [Fact]
    public void ForecastsWhenItemsAreDoneFromDailyCounts()
    {
        var (output, errors) = session.Invoke("Get-Forecast -Throughput 5, 5, 5 -Items 50 -Start 2026-01-01");

        Assert.Empty(errors);
        Assert.All(output, o => Assert.Equal("ConstraintTools.Forecast", o.TypeNames[0]));
        Assert.Equal(new[] { 0.5, 0.85, 0.95 }, output.Select(o => (double)Get(o, "Likelihood")!));
        Assert.All(output, o => Assert.Equal((50, 10, January(11), January1), (Get(o, "Items"), Get(o, "Days"), Get(o, "Date"), Get(o, "Start"))));
        Assert.All(output, o => Assert.Equal(("throughput", 10_000, 1, 3, 5.0), (Get(o, "Source"), Get(o, "Trials"), Get(o, "Seed"), Get(o, "HistoryDays"), Get(o, "ThroughputPerDay"))));
    }

    [Fact]
    public void TakesDailyCountsFromThePipelineAndStartsTodayByDefault()
    {
        var (output, errors) = session.Invoke("5, 5 | Get-Forecast -By ([DateTime]::UtcNow.Date.AddDays(10))");

        Assert.Empty(errors);
        Assert.All(output, o => Assert.Equal((50, 10, DateTime.UtcNow.Date, "HowMany"), (Get(o, "Items"), Get(o, "Days"), Get(o, "Start"), Get(o, "Question")!.ToString())));
    }

    [Fact]
    public void TheSeedAndTheTrialsAreTheCallers()
    {
        var script = "Get-Forecast -Throughput (0..40 | ForEach-Object { $_ * $_ % 17 }) -By 2026-03-01 -Start 2026-01-01 -Trials 500 -Seed SEED | ForEach-Object Items";
        var (first, _) = session.Invoke(script.Replace("SEED", "3"));
        var (again, _) = session.Invoke(script.Replace("SEED", "3"));
        var (other, errors) = session.Invoke(script.Replace("SEED", "4") + "; Get-Forecast -Throughput 1 -Items 1 -Trials 7 -Seed 4 -Start 2026-01-01 | ForEach-Object { $_.Trials, $_.Seed }");

        Assert.Empty(errors);
        Assert.Equal(first.Select(o => o.BaseObject), again.Select(o => o.BaseObject));
        Assert.NotEqual(first.Select(o => o.BaseObject), other.Take(3).Select(o => o.BaseObject));
        Assert.Equal(new object[] { 7, 4, 7, 4, 7, 4 }, other.Skip(3).Select(o => o.BaseObject));
    }

    [Fact]
    public void ForecastsFromALogStartingTheDayAfterItsHistory()
    {
        var (output, errors) = session.Invoke(Setup + "$log | Get-Forecast -Workflow $w -Items 3; Get-Forecast $log -Workflow $w -By 2026-01-17");

        Assert.Empty(errors);
        Assert.Equal(6, output.Count);
        Assert.All(output.Take(3), o => Assert.Equal((3, 3, January(10), January(7)), (Get(o, "Items"), Get(o, "Days"), Get(o, "Date"), Get(o, "Start"))));
        Assert.All(output, o => Assert.Equal(("tracker", "Delivery", 1, January(5), January(6), 1.0), (Get(o, "Source"), Get(o, "Workflow"), Get(o, "HistoryDays"), Get(o, "HistoryFrom"), Get(o, "HistoryTo"), Get(o, "ThroughputPerDay"))));
        Assert.All(output.Skip(3), o => Assert.Equal((10, 10, January(17)), (Get(o, "Items"), Get(o, "Days"), Get(o, "Date"))));
    }

    [Fact]
    public void AWindowChoosesTheHistoryAndStartMovesTheForecast()
    {
        // 5 January finishes A; 6 January D (reopened, done again at 04:00) and B (10:00).
        var (output, errors) = session.Invoke(Setup + "$log | Get-Forecast -Workflow $w -From 2026-01-05 -To 2026-01-07 -By 2026-02-02 -Start 2026-01-31");

        Assert.Empty(errors);
        Assert.All(output, o => Assert.Equal((2, 1.5, January(31), 2), (Get(o, "HistoryDays"), Get(o, "ThroughputPerDay"), Get(o, "Start"), Get(o, "Days"))));
        // Two days of 1 or 2: P(total ≥ 3) = 3/4, P(total ≥ 2) = 1.
        Assert.Equal(new[] { 3, 2, 2 }, output.Select(o => (int)Get(o, "Items")!));
    }

    [Fact]
    public void RendersAsATable()
    {
        var text = session.Render(Setup + "& { $log | Get-Forecast -Workflow $w -Items 3; Get-Forecast -Throughput 4 -By 2026-03-01 -Start 2026-02-01 }");

        var lines = text.Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.Contains("Source     Likelihood Items Done by    Days Start      Throughput/day History days Trials Seed", lines);
        Assert.Contains("tracker           50%     3 2026-01-10    3 2026-01-07              1            1  10000    1", lines);
        Assert.Contains("tracker           95%     3 2026-01-10    3 2026-01-07              1            1  10000    1", lines);
        Assert.Contains("throughput        85%   112 2026-03-01   28 2026-02-01              4            1  10000    1", lines);
    }

    [Theory]
    [InlineData("Get-Forecast -Throughput 1, 2", "MissingItemsOrBy")]
    [InlineData("Get-Forecast -Throughput 1, 2 -Items 3 -By 2030-01-01", "ItemsAndByTogether")]
    [InlineData("Get-Forecast -Throughput 0, 0 -Items 3", "NoThroughput")]
    [InlineData("Get-Forecast -Throughput 1 -Items 40000", "ForecastTooLong")]
    [InlineData("Get-Forecast -Throughput 1 -Items 30000 -Trials 10000000", "ForecastTooLong")]
    [InlineData("Get-Forecast -Throughput 1 -By 2026-01-01T12:00 -Start 2026-01-01", "InvalidBy")]
    [InlineData("$log | Get-Forecast -Workflow $w -By 2026-01-06 -Start 2026-01-07", "InvalidBy")]
    [InlineData("$log | Get-Forecast -Workflow $w", "MissingItemsOrBy")]
    [InlineData("Get-Forecast -Throughput 1 -Items 0", "ParameterArgumentValidationError")]
    [InlineData("Get-Forecast -Throughput 1, -1 -Items 3", "ParameterArgumentValidationError")]
    [InlineData("Get-Forecast -Throughput 1 -Items 3 -Trials 0", "ParameterArgumentValidationError")]
    public void BadArgumentsStopTheCommand(string command, string errorId)
    {
        var (output, errors) = session.Invoke(Setup + $"try {{ {command}; 'not stopped' }} catch {{ $_.FullyQualifiedErrorId }}");

        Assert.Empty(errors);
        Assert.Equal($"{errorId},ConstraintTools.PowerShell.GetForecastCommand", output.Single().ToString());
    }

    [Fact]
    public void AProblemWithOneLogIsAnErrorForThatLog()
    {
        var script = Setup + """
            $none = New-Workflow -Name None -Stage $w.Stages
            $log, $log | Get-Forecast -Workflow $none -Items 3
            $log | Get-Forecast -Workflow $w -Items 3 -To 2026-01-05T12:00
            $log | Get-Forecast -Workflow $w -By 2026-01-07T12:00
            'next'
            """;

        var (output, errors) = session.Invoke(script);

        Assert.Equal("next", output.Single().ToString());
        Assert.Equal(new[] { "NoThroughput", "NoThroughput", "InvalidWindow", "InvalidBy" }, errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
        Assert.All(errors, e => Assert.Equal("tracker", Get(PSObject.AsPSObject(e.TargetObject), "Source")));
        Assert.Contains("lists no doneStates", errors[0].Exception.Message);
    }

    [Fact]
    public void AMessageNamesNoParameterOfTheEngine()
    {
        var script = Setup + """
            $none = New-Workflow -Name None -Stage $w.Stages
            $log | Get-Forecast -Workflow $none -Items 3
            $log | Get-Forecast -Workflow $w -By 2026-01-07T12:00
            try { Get-Forecast -Throughput 0, 0 -Items 3 } catch { $_ }
            """;

        var (output, errors) = session.Invoke(script);
        var messages = errors.Concat(output.Select(o => (ErrorRecord)o.BaseObject)).Select(e => e.Exception.Message).ToArray();

        Assert.Equal(3, messages.Length);
        Assert.Equal("No forecast of when 3 items are done: workflow 'None' lists no doneStates, so no item of the log is ever finished, so at that throughput they are never done.", messages[0]);
        Assert.All(messages, m => Assert.DoesNotContain("(Parameter '", m, StringComparison.Ordinal));
    }

    [Fact]
    public void ALongForecastShowsProgressAndStopsPromptly()
    {
        using var shell = System.Management.Automation.PowerShell.Create();
        shell.Runspace = session.Runspace;
        // About 20,000 days a trial, 4 million trials: minutes of work unless it stops, and just within the limit.
        shell.AddScript("Get-Forecast -Throughput 0, 0, 0, 1 -Items 5000 -Trials 4000000 -Start 2026-01-01");
        using var progressShown = new ManualResetEventSlim();
        shell.Streams.Progress.DataAdded += (_, _) => progressShown.Set();

        var run = shell.BeginInvoke();
        Assert.True(progressShown.Wait(TimeSpan.FromSeconds(20)), "no progress record within 20 s");
        var record = shell.Streams.Progress.First();
        Assert.Contains("when 5000 items are done", record.Activity);
        Assert.Contains("of 4000000 trials", record.StatusDescription);

        // Minutes of trials are left: ending well within the wait means the stop cancelled them.
        shell.Stop();
        Assert.True(run.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(60)), "the forecast did not stop");
        Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
    }

    public void Dispose() => session.Dispose();
}
