using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;

namespace ConstraintTools.PowerShell.Tests;

/// <summary>Invoke-FlowSimulation through the hosted engine.</summary>
public sealed class SimulationCmdletTests : IDisposable
{
    private const string SupportDesk = "$w = Import-Workflow examples/support-desk.yaml\n";
    private readonly ModuleSession session = new();

    private static object? Get(PSObject o, string property) => o.Properties[property].Value;

    [Fact]
    public void WritesEachStageThenTheSummary()
    {
        var (output, errors) = session.Invoke(SupportDesk + "$w | Invoke-FlowSimulation -Duration 20w -Replications 4");

        Assert.Empty(errors);
        Assert.Equal(new[] { "SimulatedStage", "SimulatedStage", "SimulatedStage", "SimulatedStage", "SimulationSummary" },
            output.Select(o => o.TypeNames[0].Replace("ConstraintTools.", "")));
        Assert.Equal(("Fix", true, 4), (Get(output[2], "Stage"), Get(output[2], "IsConstraint"), Get(output[2], "Replications")));
        var summary = output[4];
        Assert.Equal((4, 1, TimeSpan.FromDays(140), TimeSpan.FromDays(14), "Fix"),
            (Get(summary, "Replications"), Get(summary, "Seed"), Get(summary, "Duration"), Get(summary, "WarmUp"), Get(summary, "Constraint")));
        Assert.NotNull(Get(summary, "ThroughputHalfWidthPerWeek"));
    }

    [Fact]
    public void AsLogWritesTheLogOfOneReplicationThatTheLogCmdletsReadAsTheModelSaysAndWhoseEventsReadBackAsTheSameLog()
    {
        var (output, errors) = session.Invoke("$w = Import-Workflow examples/code-review.yaml\n" +
            "$log = $w | Invoke-FlowSimulation -AsLog -Duration 26w -Start 2026-01-05 -Seed 3\n" +
            "$log\n" +
            "(Find-Constraint -Workflow $w -Log $log).Constraint\n" +
            "($log.Events | ConvertTo-WorkItemLog -IdColumn ItemId -TimestampColumn TimestampUtc).EventCount\n" +
            "@($w | Invoke-FlowSimulation -AsLog -Duration 4w -Replications 3).Count");

        Assert.Empty(errors);
        var log = output[0];
        Assert.Equal("ConstraintTools.WorkItemLog", log.TypeNames[0]);
        Assert.Equal("simulated Feature delivery, replication 1 of seed 3", Get(log, "Source"));
        Assert.InRange((DateTime)Get(log, "FirstEventUtc")!, new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 1, 12, 0, 0, 0, DateTimeKind.Utc));
        Assert.InRange((DateTime)Get(log, "LastEventUtc")!, new DateTime(2026, 6, 22, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 7, 6, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal("Review", output[1].BaseObject);
        Assert.Equal(Get(log, "EventCount"), output[2].BaseObject);
        Assert.Equal(3, output[3].BaseObject);
    }

    [Fact]
    public void AsLogTakesNoParameterOfTheFigures()
    {
        var (_, errors) = session.Invoke(SupportDesk + "$w | Invoke-FlowSimulation -AsLog -TimeSeries");

        Assert.Equal("AmbiguousParameterSet,ConstraintTools.PowerShell.InvokeFlowSimulationCommand", Assert.Single(errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void TheSameSeedGivesTheSameFigures()
    {
        const string Run = "$w | Invoke-FlowSimulation -Duration 10w -Replications 3 -Seed 9 -Summary | ForEach-Object { '{0:R} {1} {2:R}' -f $_.ThroughputPerWeek, $_.LeadTimeP85, $_.Wip }";
        var (first, _) = session.Invoke(SupportDesk + Run);
        var (second, _) = session.Invoke(SupportDesk + Run);
        var (other, _) = session.Invoke(SupportDesk + Run.Replace("-Seed 9", "-Seed 10"));

        Assert.Equal(first.Single().ToString(), second.Single().ToString());
        Assert.NotEqual(first.Single().ToString(), other.Single().ToString());
    }

    [Fact]
    public void TimeSeriesWritesEachStagesWipAtEverySample()
    {
        var (output, errors) = session.Invoke(SupportDesk + "$w | Invoke-FlowSimulation -Duration 10w -Replications 2 -Summary -TimeSeries -SampleInterval 1w");

        Assert.Empty(errors);
        var samples = output.Skip(1).ToList();
        // Samples at 0, 1, …, 10 weeks: 11 per replication and stage.
        Assert.Equal(2 * 11 * 4, samples.Count);
        Assert.All(samples, s => Assert.Equal("ConstraintTools.WipSample", s.TypeNames[0]));
        Assert.Equal((1, TimeSpan.FromDays(7), "Triage"), (Get(samples[4], "Replication"), Get(samples[4], "Time"), Get(samples[4], "Stage")));
        Assert.Equal(0, Get(samples[0], "Wip"));
    }

    [Fact]
    public void ASampleIntervalOfATickIsRefusedBeforeAnyWork()
    {
        var (refused, _) = session.Invoke(SupportDesk +
            "try { $w | Invoke-FlowSimulation -TimeSeries -SampleInterval ([timespan]1); 'ran' } catch { $_.FullyQualifiedErrorId; $_.CategoryInfo.Category; $_.Exception.Message }");

        Assert.Equal("TooManyWipSamples,ConstraintTools.PowerShell.InvokeFlowSimulationCommand", refused[0].ToString());
        Assert.Equal("InvalidArgument", refused[1].ToString());
        // 52 weeks are 314,496,000,000,000 ticks: one sample at 0 and one at each tick, in each of 10 replications.
        Assert.Equal("Sampling the WIP every 100ns over 52w would keep 3,144,960,000,000,010 samples (314,496,000,000,001 instants × 10 replications × 1 stage), "
            + "more than the 2,000,000 allowed; sample every 3m or less often, or run fewer replications.", refused[2].ToString());
    }

    [Fact]
    public void AnIntervalTooFineForAWorkflowsStagesIsRefusedForThatWorkflowAlone()
    {
        // Every 5 minutes for 52 weeks: 104,833 instants, 1,048,330 samples for one stage but four times that for the desk's four.
        var (output, errors) = session.Invoke(SupportDesk + "$w | Invoke-FlowSimulation -TimeSeries -SampleInterval 5m -Summary; 'next'");

        Assert.Equal("next", output.Single().ToString());
        var error = errors.Single();
        Assert.Equal("TooManyWipSamples,ConstraintTools.PowerShell.InvokeFlowSimulationCommand", error.FullyQualifiedErrorId);
        Assert.Contains("would keep 4,193,320 samples (104,833 instants × 10 replications × 4 stages)", error.Exception.Message);
    }

    [Fact]
    public void RendersTheStagesWithTheirHalfWidths()
    {
        var text = session.Render(SupportDesk + "$w | Invoke-FlowSimulation -Duration 20w -Replications 4");

        Assert.Contains("Stage          Role                Util      Done/wk             Wait", text);
        Assert.Matches(@"Fix\s+CONSTRAINT\s+\d+\.\d% ±\d+\.\d%", text);
        Assert.Matches(@"Fix\s+CONSTRAINT\s+\d+\.\d% ±\d+\.\d%.*\s3\r?\n", session.Render(SupportDesk + "$w | Invoke-FlowSimulation -Duration 20w -Replications 4 | Where-Object { $_ -is [ConstraintTools.SimulatedStage] } | Format-Table -View Wide"));
    }

    [Fact]
    public void BadArgumentsStopAndABadWorkflowIsReported()
    {
        var (warmUp, _) = session.Invoke(SupportDesk + "try { $w | Invoke-FlowSimulation -Duration 4w -WarmUp 4w } catch { $_.FullyQualifiedErrorId }");
        var (output, bad) = session.Invoke("[ConstraintTools.Workflow]::new('Empty') | Invoke-FlowSimulation -Duration 1w; 'next'");

        Assert.Equal("InvalidWarmUp,ConstraintTools.PowerShell.InvokeFlowSimulationCommand", warmUp.Single().ToString());
        Assert.Equal("next", output.Last().ToString());
        Assert.Equal("InvalidWorkflow,ConstraintTools.PowerShell.InvokeFlowSimulationCommand", bad.Single().FullyQualifiedErrorId);
        var (_, tooLong) = session.Invoke(SupportDesk + "$w | Invoke-FlowSimulation -Duration 1000000w -Replications 100");
        Assert.Equal("SimulationTooLong,ConstraintTools.PowerShell.InvokeFlowSimulationCommand", tooLong.Single().FullyQualifiedErrorId);
    }

    [Fact]
    public void StoppingThePipelineStopsTheSimulation()
    {
        using var shell = System.Management.Automation.PowerShell.Create();
        shell.Runspace = session.Runspace;
        // Hours of work if it ran to the end; it must stop as soon as the pipeline is stopped.
        shell.AddScript("Import-Workflow examples/support-desk.yaml | Invoke-FlowSimulation -Duration 100000w -Replications 64");
        using var running = new ManualResetEventSlim();
        shell.Streams.Progress.DataAdded += (_, _) => running.Set();

        var invocation = shell.BeginInvoke();
        running.Wait();
        var stop = shell.BeginStop(null, null);

        Assert.True(stop.AsyncWaitHandle.WaitOne(TimeSpan.FromMinutes(2)), "the simulation did not stop");
        Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
        Assert.True(invocation.IsCompleted);
    }

    public void Dispose() => session.Dispose();
}
