using System;
using System.Linq;
using ConstraintTools.Flow;
using ConstraintTools.Simulation;

namespace ConstraintTools.Tests;

/// <summary>
/// The log a simulation writes against the simulation itself: measured over the same window with the log
/// measures, it must give the simulator's own figures (the same runs, the same random streams), up to the
/// 100 ns a timestamp is rounded to.
/// </summary>
public class SimulatedLogTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    private static readonly SimulationOptions OneRun = new()
    {
        Duration = TimeSpan.FromDays(7 * 26),
        WarmUp = TimeSpan.FromDays(7 * 4),
        Replications = 1,
        Seed = 11,
    };

    /// <summary>Intake → Build ⇄ Review (one in four back) → Deploy, with an unmeasured sign-off between Review and Deploy.</summary>
    private static Workflow Delivery(bool reviewHasQueue = true) => new("Delivery")
    {
        Calendar = WorkCalendar.AllHours,
        DemandPerWeek = 9,
        DoneStates = new[] { "Released", "Closed" },
        Stages = new[]
        {
            new WorkflowStage("Intake") { ServiceTimeHours = 4, Cv = 0.5, States = new[] { "Triage" }, QueueStates = new[] { "New" } },
            new WorkflowStage("Build") { Servers = 3, ServiceTimeHours = 40, Cv = 1.2, States = new[] { "In Progress" }, QueueStates = new[] { "Ready" } },
            new WorkflowStage("Review")
            {
                ServiceTimeHours = 12, States = new[] { "In Review" }, QueueStates = reviewHasQueue ? new[] { "Ready for Review" } : Array.Empty<string>(),
                Routes = new[] { new Route("Build", 0.25), new Route("Sign-off", 0.75) },
            },
            new WorkflowStage("Sign-off") { States = new[] { "Signed off" } },
            new WorkflowStage("Deploy") { CapacityPerWeek = 50, Cv = 0, States = new[] { "Deploying" } },
        },
    };

    private static double Hours(TimeSpan? time) => time!.Value.TotalHours;

    [Fact]
    public void TheLogMeasuredOverTheSimulatedWindowGivesTheSimulationsFigures()
    {
        var workflow = Delivery();
        var simulated = FlowSimulator.Run(workflow, OneRun);
        var log = FlowSimulator.Logs(workflow, OneRun, Start).Single();

        var measured = FlowMeasurement.Measure(log, workflow, (Start + OneRun.WarmUp).UtcDateTime, (Start + OneRun.Duration).UtcDateTime);

        const double Tick = 1e-7 / 3600 * 2;
        Assert.Equal(simulated.Summary.Completed, measured.Summary.Finished);
        Assert.Equal(Hours(simulated.Summary.LeadTime), Hours(measured.Summary.LeadTime), Tick * 10);
        foreach (var (sim, fromLog) in simulated.Stages.Zip(measured.Stages))
        {
            if (!sim.IsMeasured) continue;
            Assert.Equal(sim.ThroughputPerWeek, fromLog.ThroughputPerWeek!.Value, 1e-9);
            // A stage without a queue status (Deploy) keeps its wait inside its active status.
            if (workflow.Stages[sim.Position - 1].QueueStates.Count > 0) Assert.Equal(Hours(sim.WaitTime), Hours(fromLog.WaitTime), Tick * 10);
            Assert.Equal(Hours(sim.CycleTime), Hours(fromLog.TimeInStage), Tick * 10);
            Assert.Equal(sim.Wip, fromLog.Wip!.Value, 1e-6);
        }
        Assert.True(measured.Stages[2].Departures > 50, "enough reviews to make the comparison mean something");
        Assert.True(measured.Summary.ReworkRate > 0.1, "rework happened");
    }

    [Fact]
    public void ItemsEnterTheFirstQueueStatusWhenTheyWaitTheActiveOneWhenWorkStartsAndTheFirstDoneStatusAtTheEnd()
    {
        var log = FlowSimulator.Logs(Delivery(), OneRun, Start).Single();

        Assert.Equal(new[] { "New", "Triage", "Ready", "In Progress", "Ready for Review", "In Review", "Deploying", "Released" }.OrderBy(s => s),
            log.Statuses.OrderBy(s => s));
        Assert.DoesNotContain("Signed off", log.Statuses);
        Assert.All(log.Events, e => Assert.StartsWith("SIM-", e.ItemId));
        Assert.True(log.FirstEventUtc >= Start.UtcDateTime && log.LastEventUtc <= (Start + OneRun.Duration).UtcDateTime);
        var byItem = log.Events.GroupBy(e => e.ItemId).ToList();
        Assert.All(byItem, item =>
        {
            var statuses = item.Select(e => e.Status).ToList();
            Assert.Contains(statuses[0], new[] { "New", "Triage" });
            for (var i = 1; i < statuses.Count; i++) Assert.NotEqual(statuses[i - 1], statuses[i]);
        });
        Assert.Contains(byItem, item => item.Last().Status != "Released");
    }

    [Fact]
    public void AStageWithoutAQueueStatusHoldsItsWaitInsideItsActiveStatus()
    {
        var workflow = Delivery(reviewHasQueue: false);
        var simulated = FlowSimulator.Run(workflow, OneRun);
        var log = FlowSimulator.Logs(workflow, OneRun, Start).Single();

        var review = FlowMeasurement.Measure(log, workflow, (Start + OneRun.WarmUp).UtcDateTime, (Start + OneRun.Duration).UtcDateTime).Stages[2];

        Assert.DoesNotContain("Ready for Review", log.Statuses);
        Assert.Equal(TimeSpan.Zero, review.WaitTime);
        Assert.True(simulated.Stages[2].WaitTime > TimeSpan.FromHours(1), "reviews did wait");
        Assert.Equal(Hours(simulated.Stages[2].CycleTime), Hours(review.ActiveTime), 1e-6);
    }

    [Fact]
    public void EachReplicationIsItsOwnLogAndTheSameSeedGivesTheSameLog()
    {
        var three = new SimulationOptions { Duration = OneRun.Duration, WarmUp = OneRun.WarmUp, Replications = 3, Seed = 11 };

        var logs = FlowSimulator.Logs(Delivery(), three, Start);
        var again = FlowSimulator.Logs(Delivery(), OneRun, Start).Single();

        Assert.Equal(3, logs.Count);
        Assert.Equal(logs[0].Events.Select(e => e.ToString()), again.Events.Select(e => e.ToString()));
        Assert.NotEqual(logs[0].EventCount, logs[1].EventCount);
        Assert.Equal("simulated Delivery, replication 2 of seed 11", logs[1].Source);
    }

    [Fact]
    public void ALogTooLargeToHoldIsRefusedBeforeAnyWork()
    {
        var options = new SimulationOptions { Duration = TimeSpan.FromDays(7 * 10400), WarmUp = TimeSpan.Zero, Replications = 10 };

        var error = Assert.Throws<WorkLimitException>(() => FlowSimulator.Logs(Delivery(), options, Start));
        Assert.Equal(WorkLimit.SimulatedLogChanges, error.Limit);

        Assert.StartsWith("These logs would hold about ", error.Message);
        Assert.Contains("status changes (10 replications of 10400w at 9 items a week), more than the 10,000,000 allowed", error.Message);
    }
}
