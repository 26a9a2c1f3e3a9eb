using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ConstraintTools.Queueing;
using ConstraintTools.Simulation;

namespace ConstraintTools.Tests;

/// <summary>
/// The simulator against exact analytic values (M/M/1, M/M/c, a Jackson network with rework: every
/// simulated mean must lie within its 95 % confidence interval of the exact figure), Little's law on
/// simulated output, WIP limits, release trains, and reproducibility from a seed.
/// </summary>
public class SimulationTests
{
    private static readonly WorkCalendar AllHours = WorkCalendar.AllHours;

    private static SimulationOptions Long(int seed = 7) => new()
    {
        Duration = TimeSpan.FromDays(7 * 104),
        WarmUp = TimeSpan.FromDays(7 * 8),
        Replications = 20,
        Seed = seed,
    };

    /// <summary>Every stage's utilization, throughput, wait, cycle time and WIP lies within its half-width of the exact value.</summary>
    private static void AssertWithinIntervals(Workflow workflow, SimulationResult simulated)
    {
        var exact = WorkflowAnalyzer.Analyze(workflow);
        foreach (var (sim, model) in simulated.Stages.Zip(exact.Stages))
        {
            Within(model.Utilization!.Value, sim.Utilization!.Value, sim.UtilizationHalfWidth!.Value, $"{sim.Stage} utilization");
            Within(model.ThroughputPerWeek, sim.ThroughputPerWeek, sim.ThroughputHalfWidthPerWeek!.Value, $"{sim.Stage} throughput");
            Within(model.WaitTime!.Value.TotalHours, sim.WaitTime!.Value.TotalHours, sim.WaitTimeHalfWidth!.Value.TotalHours, $"{sim.Stage} wait");
            Within(model.CycleTime!.Value.TotalHours, sim.CycleTime!.Value.TotalHours, sim.CycleTimeHalfWidth!.Value.TotalHours, $"{sim.Stage} cycle time");
            Within(model.Wip!.Value, sim.Wip, sim.WipHalfWidth!.Value, $"{sim.Stage} WIP");
        }
        Within(exact.LeadTime!.Value.TotalHours, simulated.Summary.LeadTime!.Value.TotalHours, simulated.Summary.LeadTimeHalfWidth!.Value.TotalHours, "lead time");
        Within(exact.Wip!.Value, simulated.Summary.Wip, simulated.Summary.WipHalfWidth!.Value, "WIP");
    }

    private static void Within(double exact, double simulated, double halfWidth, string what) =>
        Assert.True(Math.Abs(simulated - exact) <= halfWidth, $"{what}: simulated {simulated:R} ± {halfWidth:R}, exact {exact:R}");

    [Fact]
    public void AnMM1QueueMatchesItsExactFigures()
    {
        // λ = 20/week, μ = 40/week (4.2 h a job, every hour of the week): ρ = 0.5, Wq = 4.2 h, L = 1.
        var workflow = new Workflow("M/M/1")
        {
            Calendar = AllHours,
            DemandPerWeek = 20,
            Stages = new[] { new WorkflowStage("Server") { ServiceTimeHours = 4.2 } },
        };

        var result = FlowSimulator.Run(workflow, Long());

        AssertWithinIntervals(workflow, result);
        Assert.Equal(1.0, WorkflowAnalyzer.Analyze(workflow).Stages[0].Wip!.Value, 12);
    }

    [Fact]
    public void AnMMcQueueMatchesItsExactFigures()
    {
        // Three servers at 70 %: λ = 50/week, μ1 = 168/10.08 = 16.67/week.
        var workflow = new Workflow("M/M/3")
        {
            Calendar = AllHours,
            DemandPerWeek = 50,
            Stages = new[] { new WorkflowStage("Desk") { Servers = 3, ServiceTimeHours = 7.056 } },
        };

        AssertWithinIntervals(workflow, FlowSimulator.Run(workflow, Long(11)));
    }

    [Fact]
    public void AJacksonNetworkWithReworkMatchesItsExactFigures()
    {
        var workflow = new Workflow("Jackson")
        {
            Calendar = AllHours,
            DemandPerWeek = 10,
            Stages = new[]
            {
                new WorkflowStage("Build") { Servers = 2, ServiceTimeHours = 20 },
                new WorkflowStage("Review") { ServiceTimeHours = 8, Routes = new[] { new Route("Build", 0.25), new Route("Test", 0.75) } },
                new WorkflowStage("Test") { ServiceTimeHours = 6, Routes = new[] { new Route("Review", 0.1), new Route(null, 0.9) } },
            },
        };

        AssertWithinIntervals(workflow, FlowSimulator.Run(workflow, Long(3)));
    }

    [Fact]
    public void LittlesLawHoldsOnTheSimulatedOutput()
    {
        var workflow = new Workflow("Line")
        {
            DemandPerWeek = 9,
            DemandCv = 0.5,
            Stages = new[]
            {
                new WorkflowStage("A") { ServiceTimeHours = 2, Cv = 0.3 },
                new WorkflowStage("B") { Servers = 2, ServiceTimeHours = 5, Cv = 1.5, Routes = new[] { new Route("A", 0.2), new Route(null, 0.8) } },
            },
        };

        var result = FlowSimulator.Run(workflow, Long(5));

        // L = λW per stage, with λ the visits that arrived per hour and W the mean time per visit; over a
        // finite window the items present at its ends leave a small difference.
        foreach (var stage in result.Stages)
            Near(stage.Wip, stage.ArrivalRatePerWeek / 168 * stage.CycleTime!.Value.TotalHours, 0.01, stage.Stage);
        Near(result.Summary.Wip, result.Summary.ThroughputPerWeek / 168 * result.Summary.LeadTime!.Value.TotalHours, 0.01, "workflow");
    }

    private static void Near(double expected, double actual, double relative, string what) =>
        Assert.True(Math.Abs(actual - expected) <= relative * Math.Abs(expected), $"{what}: {actual:R} against {expected:R}");

    [Fact]
    public void AWipLimitedLineNeverExceedsItsLimitsAndBlocksUpstream()
    {
        // A fast first stage feeding a slow, limited one: without the limit B's queue would grow without bound.
        var workflow = new Workflow("Kanban")
        {
            Calendar = AllHours,
            DemandPerWeek = 30,
            Stages = new[]
            {
                new WorkflowStage("A") { ServiceTimeHours = 1, WipLimit = 3 },
                new WorkflowStage("B") { ServiceTimeHours = 6, WipLimit = 4 },
            },
        };

        var result = FlowSimulator.Run(workflow, Long());

        Assert.True(result.Stages[0].MaxWip <= 3, $"A held {result.Stages[0].MaxWip}");
        Assert.True(result.Stages[1].MaxWip <= 4, $"B held {result.Stages[1].MaxWip}");
        Assert.Equal(4, result.Stages[1].MaxWip);
        Assert.True(result.Summary.Backlog > 100, "work waits outside the limited line");
        Assert.Equal(28, result.Summary.ThroughputPerWeek, 0); // B's capacity: 168 / 6
    }

    [Fact]
    public void AWipLimitHoldsWhenTheLimitedStageIsListedBeforeItsFeeder()
    {
        // Intake feeds Review at four times Review's pace; Review, listed first, must still stop at 2.
        var workflow = new Workflow("Listed backwards")
        {
            Calendar = AllHours,
            DemandPerWeek = 30,
            EntryStage = "Intake",
            Stages = new[]
            {
                new WorkflowStage("Review") { ServiceTimeHours = 8, WipLimit = 2, Routes = new[] { new Route(null, 1) } },
                new WorkflowStage("Intake") { ServiceTimeHours = 1, Routes = new[] { new Route("Review", 1) } },
            },
        };

        var result = FlowSimulator.Run(workflow, Long());

        Assert.Equal(2, result.Stages[0].MaxWip);
        Assert.Equal(21, result.Summary.ThroughputPerWeek, 0); // Review's capacity: 168 / 8
    }

    /// <summary>Intake → Build → Review, Review sending a third back to Build, every stage limited to one item, in each of the six list orders.</summary>
    public static IEnumerable<object[]> ListOrdersOfAReworkLoop() =>
        new[] { "IBR", "IRB", "BIR", "BRI", "RIB", "RBI" }.Select(order => new object[] { order });

    [Theory]
    [MemberData(nameof(ListOrdersOfAReworkLoop))]
    public void AReworkLoopNeitherDeadlocksNorBreaksALimitWhateverTheListOrder(string order)
    {
        var stages = new Dictionary<char, WorkflowStage>
        {
            ['I'] = new("Intake") { ServiceTimeHours = 1, WipLimit = 1, Routes = new[] { new Route("Build", 1) } },
            ['B'] = new("Build") { ServiceTimeHours = 2, WipLimit = 1, Routes = new[] { new Route("Review", 1) } },
            ['R'] = new("Review") { ServiceTimeHours = 2, WipLimit = 1, Routes = new[] { new Route("Build", 1.0 / 3), new Route(null, 2.0 / 3) } },
        };
        var workflow = new Workflow("Loop " + order)
        {
            Calendar = AllHours,
            DemandPerWeek = 10,
            EntryStage = "Intake",
            Stages = order.Select(letter => stages[letter]).ToArray(),
        };

        var result = FlowSimulator.Run(workflow, Long());
        var byName = result.Stages.ToDictionary(s => s.Stage);

        // Only Build takes rework, so only Build may go past its limit.
        Assert.Equal(1, byName["Intake"].MaxWip);
        Assert.Equal(1, byName["Review"].MaxWip);
        Assert.Equal(10, result.Summary.ThroughputPerWeek, 0);
    }

    [Fact]
    public void ACadenceStageReleasesOnlyOnItsSchedule()
    {
        var workflow = new Workflow("Trains")
        {
            DemandPerWeek = 20,
            Stages = new[]
            {
                new WorkflowStage("Build") { ServiceTimeHours = 1 },
                new WorkflowStage("Release") { Cadence = TimeSpan.FromDays(14), BatchSize = 25 },
            },
        };
        var model = new SimulationModel(workflow.Network);
        var replication = new Replication(model, 24 * 7 * 30, 0, 0, SimulationRandom.ForReplication(1, 0));
        var releases = new List<double>();
        replication.Departed = (stage, hours) => { if (stage == 1) releases.Add(hours); };

        replication.Run(CancellationToken.None);

        Assert.NotEmpty(releases);
        Assert.All(releases, h => Assert.Equal(0, h % (24 * 14), 9));
        Assert.True(releases.GroupBy(h => h).All(g => g.Count() <= 25), "a train takes at most its batch size");
    }

    [Fact]
    public void TheSameSeedGivesTheSameResultWhateverTheParallelism()
    {
        var workflow = new Workflow("Line")
        {
            DemandPerWeek = 10,
            Stages = new[] { new WorkflowStage("A") { ServiceTimeHours = 2, Cv = 0.7 }, new WorkflowStage("B") { ServiceTimeHours = 3, Cv = 0 } },
        };
        var options = new SimulationOptions { Duration = TimeSpan.FromDays(200), WarmUp = TimeSpan.FromDays(10), Replications = 6, Seed = 42 };

        var one = FlowSimulator.Run(workflow, new SimulationOptions { Duration = options.Duration, WarmUp = options.WarmUp, Replications = 6, Seed = 42, MaxParallelism = 1 });
        var all = FlowSimulator.Run(workflow, options);
        var other = FlowSimulator.Run(workflow, new SimulationOptions { Duration = options.Duration, WarmUp = options.WarmUp, Replications = 6, Seed = 43 });

        string Describe(SimulationResult r) => string.Join(";", r.Stages.Select(s => $"{s.Wip:R} {s.WaitTime} {s.Utilization:R}")) + $" {r.Summary.LeadTimeP85}";
        Assert.Equal(Describe(one), Describe(all));
        Assert.NotEqual(Describe(one), Describe(other));
    }

    [Fact]
    public void ACancelledRunStopsAndAnOverloadedOneHitsTheItemLimit()
    {
        var overloaded = new Workflow("Flooded")
        {
            Calendar = AllHours,
            DemandPerWeek = 1_000_000,
            Stages = new[] { new WorkflowStage("Slow") { ServiceTimeHours = 1 } },
        };
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var eightWeeks = new SimulationOptions { Duration = TimeSpan.FromDays(7 * 8), WarmUp = TimeSpan.Zero, Replications = 1 };
        Assert.ThrowsAny<OperationCanceledException>(() => FlowSimulator.Run(overloaded, eightWeeks, cancel: cancelled.Token));
        var limit = Assert.Throws<WorkLimitException>(() => FlowSimulator.Run(overloaded, eightWeeks));
        Assert.Equal(WorkLimit.SimulatedItems, limit.Limit);
        Assert.Contains("cannot settle", limit.Message);
    }

    [Fact]
    public void ARunOfBillionsOfVisitsIsRefusedUpFront()
    {
        var busy = new Workflow("Busy") { DemandPerWeek = 100_000, Stages = new[] { new WorkflowStage("A") { ServiceTimeHours = 0.0001 }, new WorkflowStage("B") { ServiceTimeHours = 0.0001 } } };

        // 100,000 a week × 520 weeks × 2 visits × 30 replications = 3.12 billion visits.
        var ex = Assert.Throws<WorkLimitException>(() => FlowSimulator.Run(busy, new SimulationOptions { Duration = TimeSpan.FromDays(7 * 520), Replications = 30 }));
        Assert.Equal(WorkLimit.SimulatedVisits, ex.Limit);

        Assert.Contains("about 3,120,000,000 stage visits", ex.Message);
    }

    [Fact]
    public void MoreWipSamplesThanMemoryHoldsAreRefusedUpFront()
    {
        var line = new Workflow("Line") { DemandPerWeek = 10, Stages = new[] { new WorkflowStage("A") { ServiceTimeHours = 2 }, new WorkflowStage("B") { ServiceTimeHours = 3 } } };
        var everySecond = new SimulationOptions { Duration = TimeSpan.FromDays(7), WarmUp = TimeSpan.Zero, Replications = 2, SampleEvery = TimeSpan.FromSeconds(1) };

        var ex = Assert.Throws<WorkLimitException>(() => FlowSimulator.Run(line, everySecond));
        Assert.Equal(WorkLimit.WipSamples, ex.Limit);

        // 604,801 instants (0 s to 604,800 s) in each of 2 replications, for each of 2 stages; 500,000 instants would fit.
        Assert.Equal("Sampling the WIP every 1s over 7d would keep 2,419,204 samples (604,801 instants × 2 replications × 2 stages), "
            + "more than the 2,000,000 allowed; sample every 1m or less often, or run fewer replications.", ex.Message);
        everySecond.SampleEvery = TimeSpan.FromMinutes(1);
        Assert.Equal(10_081 * 2 * 2, FlowSimulator.Run(line, everySecond).TimeSeries.Count);
    }

    [Theory]
    [InlineData(0.3, 400_000, 0.01)]
    [InlineData(1.0, 400_000, 0.01)]
    [InlineData(2.5, 400_000, 0.02)]
    // The largest cv allowed: shape 0.01, whose draws are mostly near 0 and now and then huge, so it takes millions.
    [InlineData(Workflow.MaxCv, 4_000_000, 0.05)]
    // Normal draws below GammaDuration.NormalBelowCv, gamma at it.
    [InlineData(1e-3, 400_000, 0.01)]
    [InlineData(9.99e-4, 400_000, 0.01)]
    [InlineData(1e-160, 1000, 0.01)]
    public void DurationsHaveTheirMeanAndCv(double cv, int draws, double relativeTolerance)
    {
        var random = SimulationRandom.ForReplication(9, 0);
        var duration = new GammaDuration(5, cv);
        double mean = 0, squares = 0;
        for (var n = 1; n <= draws; n++)
        {
            // Welford's update: the textbook sum of squares loses a cv of 1e-3 to cancellation.
            var value = duration.Sample(ref random);
            var delta = value - mean;
            mean += delta / n;
            squares += delta * (value - mean);
        }
        var sampleCv = Math.Sqrt(squares / (draws - 1)) / mean;

        Assert.True(Math.Abs(mean - 5) <= 5 * relativeTolerance, $"mean {mean:R}");
        Assert.True(Math.Abs(sampleCv - cv) <= cv * relativeTolerance + 1e-15, $"cv {sampleCv:R}");
    }

    [Fact]
    public void AFixedDurationIsItsMean()
    {
        var random = SimulationRandom.ForReplication(9, 0);
        Assert.Equal(5, new GammaDuration(5, 0).Sample(ref random));
    }

    [Fact]
    public void AStageOfTinyCvSimulatesAsAFixedTime()
    {
        // Before, 1/cv² overflowed: every draw was NaN, and the run reported throughput 0 at 100 % utilization.
        var workflow = new Workflow("Nearly fixed")
        {
            Calendar = AllHours,
            DemandPerWeek = 20,
            DemandCv = 1e-160,
            Stages = new[] { new WorkflowStage("Press") { ServiceTimeHours = 4.2, Cv = 1e-160 } },
        };

        var result = FlowSimulator.Run(workflow, new SimulationOptions { Duration = TimeSpan.FromDays(7 * 20), WarmUp = TimeSpan.FromDays(7), Replications = 2 });

        // D/D/1: an item every 8.4 h, served in 4.2 h, never waits.
        var press = result.Stages[0];
        Assert.Equal(20, press.ThroughputPerWeek, 1);
        Assert.Equal(0.5, press.Utilization!.Value, 3);
        Assert.Equal(0, press.WaitTime!.Value.TotalHours, 6);
    }
}
