using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ConstraintTools.Flow;
using ConstraintTools.Queueing;
using ConstraintTools.Simulation;
using FsCheck.Xunit;
using static ConstraintTools.Tests.FlowMeasurementTests;

namespace ConstraintTools.Tests;

/// <summary>
/// Cumulative flow, ageing items, the constraint from a log and the workflow fitted to a log (issue 4),
/// on the hand-worked log of <see cref="FlowMeasurementTests"/> (items A–E, hours after Monday
/// 5 January 2026) and on logs generated from a known ground truth.
/// </summary>
public class LogInsightTests
{
    private static DateTime At(double hours) => T0.AddHours(hours);
    private static TimeSpan H(double hours) => TimeSpan.FromHours(hours);

    // ---- Cumulative flow ----

    [Theory]
    [InlineData("ordered")]
    [InlineData("shuffled")]
    [InlineData("offsets")]
    public void CumulativeFlowMatchesTheStatesByHand(string variant)
    {
        var rows = CumulativeFlow.Compute(Build(Rows, variant), Delivery(), H(12));

        // Samples at 12 h, 24 h and the window's end (34 h, included); each row counts the changes before its instant.
        Assert.Equal(3 * 4, rows.Count);
        Assert.Equal(new[] { "Dev", "Review", CumulativeFlowPoint.UnmappedRow, CumulativeFlowPoint.DoneRow }, rows.Take(4).Select(r => r.Stage));
        Assert.Equal(new[] { 1, 2, 3, 4 }, rows.Take(4).Select(r => r.Position));
        Assert.Equal(new[] { At(0), At(12), At(24) }, rows.Where(r => r.Stage == "Dev").Select(r => r.Date));
        Assert.Equal(new[] { At(12), At(24), At(34) }, rows.Where(r => r.Stage == "Dev").Select(r => r.AsOf));
        Assert.All(rows, r => Assert.Equal(DateTimeKind.Utc, r.Date.Kind));

        // At 12 h: A waits for Review, B is Blocked, C waits for Dev, D is done (at 9 h), E has not started.
        // At 24 h: A done; B reviewing; C and D (reopened at 18 h) in progress.
        // At 34 h: A, B and D done; C waits for Review; E Blocked.
        string Row(CumulativeFlowPoint r) => $"{r.Stage} {r.Count} q{r.Queue} a{r.Active} +{r.CumulativeArrivals} -{r.CumulativeDepartures}";
        Assert.Equal(new[]
        {
            "Dev 1 q1 a0 +4 -3", "Review 1 q1 a0 +1 -0", "(unmapped) 1 q a + -", "Done 1 q a +1 -",
            "Dev 2 q0 a2 +6 -4", "Review 1 q0 a1 +2 -1", "(unmapped) 0 q a + -", "Done 1 q a +2 -",
            "Dev 0 q0 a0 +8 -8", "Review 1 q1 a0 +4 -3", "(unmapped) 1 q a + -", "Done 3 q a +4 -",
        }, rows.Select(Row));
    }

    [Fact]
    public void CumulativeFlowAlignsDaysToMidnightAndWeeksToMonday()
    {
        var log = Build(Rows);
        var from = At(30); // Monday 06:00

        var days = CumulativeFlow.Compute(log, Delivery(), TimeSpan.FromDays(1), from, At(60));
        var weeks = CumulativeFlow.Compute(log, Delivery(), TimeSpan.FromDays(7), At(50), At(60));

        Assert.Equal(new[] { At(24), At(48) }, days.Where(r => r.Position == 1).Select(r => r.Date));
        Assert.Equal(new[] { At(48), At(60) }, days.Where(r => r.Position == 1).Select(r => r.AsOf));
        Assert.Equal(T0, weeks.Single(r => r.Position == 1).Date);
        // Only what happens from the window's start on is counted: Dev's arrivals from 30 h are E's.
        Assert.Equal(1, days.First(r => r.Stage == "Dev").CumulativeArrivals);
    }

    [Fact]
    public void CumulativeFlowRefusesAHugeNumberOfIntervals()
    {
        var ex = Assert.Throws<WorkLimitException>(() => CumulativeFlow.Compute(Build(Rows), Delivery(), TimeSpan.FromSeconds(1)));
        Assert.Equal(WorkLimit.Intervals, ex.Limit);
        Assert.Contains("122,401 intervals", ex.Message);
        Assert.Throws<ArgumentException>(() => CumulativeFlow.Compute(Build(Rows), Delivery(), TimeSpan.Zero));
    }

    [Property(MaxTest = 200, Arbitrary = new[] { typeof(RandomLogs) })]
    public void CumulativeFlowEndsWhereMeasureFlowDoes(RandomLog random)
    {
        var log = random.Build();
        var report = random.Measure(log);
        var rows = random.FromMinutes is int from
            ? CumulativeFlow.Compute(log, RandomLog.Workflow, TimeSpan.FromHours(1), T0.AddMinutes(from), T0.AddMinutes(from + random.LengthMinutes!.Value))
            : CumulativeFlow.Compute(log, RandomLog.Workflow, TimeSpan.FromHours(1));

        foreach (var stage in report.Stages)
        {
            var mine = rows.Where(r => r.Stage == stage.Stage).ToList();
            var last = mine[^1];
            Assert.True((stage.Arrivals, stage.Departures, stage.CurrentWip) == (last.CumulativeArrivals, last.CumulativeDepartures, last.Count), $"{random}\n{stage.Stage}");
            // Conservation at every sample: what is in the stage is what was there, plus arrivals, minus departures.
            Assert.All(mine, r => Assert.Equal(stage.StartWip + r.CumulativeArrivals - r.CumulativeDepartures, r.Count));
            Assert.All(mine, r => Assert.Equal(r.Count, r.Queue + r.Active));
        }
        // A reopened item enters done twice; the band counts the items done at the end, as Finished does.
        Assert.Equal(report.Summary.Finished, rows[^1].Count);
        Assert.Equal(CumulativeFlowPoint.DoneRow, rows[^1].Stage);
    }

    // ---- Ageing items ----

    [Theory]
    [InlineData("ordered")]
    [InlineData("offsets")]
    public void OpenItemsAtTheEndOfTheLogOldestFirst(string variant)
    {
        var ages = WorkItemAging.Measure(Build(Rows, variant), Delivery());

        // C started at 10 h and waits for Review since 26 h; E started at 30 h and is Blocked since 32 h.
        // Finished: A (lead 16 h), B (30 h), D (27 h): C's 24 h beats one of them.
        string Row(WorkItemAge a) => $"{a.Id} {a.Age.TotalHours} {a.Stage ?? "-"} {a.Status} {a.IsWaiting} {a.InStage.TotalHours} {a.Visits} {a.OlderThan:R}";
        Assert.Equal(new[] { $"C 24 Review To Review True 8 1 {1 / 3.0:R}", "E 4 - Blocked False 2 0 0" }, ages.Select(Row));
        Assert.All(ages, a => Assert.Equal(At(34), a.AsOf));
        Assert.Equal(At(10), ages[0].Started);
    }

    [Fact]
    public void AgesAtAGivenTimeCountTheChangesAtThatInstant()
    {
        var ages = WorkItemAging.Measure(Build(Rows), Delivery(), At(20));

        // D was done at 9 h but reopened at 18 h; B entered To Review exactly at 20 h. Only A has finished (16 h).
        string Row(WorkItemAge a) => $"{a.Id} {a.Age.TotalHours} {a.Stage} {a.Status} {a.InStage.TotalHours} {a.Visits} {a.OlderThan:R}";
        Assert.Equal(new[] { "D 19 Dev In Progress 2 2 1", "B 16 Review To Review 0 1 0", "C 10 Dev In Progress 10 1 0" }, ages.Select(Row));
    }

    [Property(MaxTest = 200, Arbitrary = new[] { typeof(RandomLogs) })]
    public void AsManyAgedItemsAsMeasureFlowCountsOpen(RandomLog random)
    {
        var log = random.Build();
        var report = FlowMeasurement.Measure(log, RandomLog.Workflow);
        var ages = WorkItemAging.Measure(log, RandomLog.Workflow);

        Assert.Equal(report.Summary.OpenItems, ages.Count);
        Assert.Equal(report.Summary.MaxAge ?? TimeSpan.Zero, ages.Count > 0 ? ages[0].Age : TimeSpan.Zero);
        Assert.True(ages.Zip(ages.Skip(1), (a, b) => a.Age >= b.Age).All(x => x), "oldest first");
    }

    // ---- The constraint from a log ----

    [Fact]
    public void AHandWorkedLogOfFiveItemsIsTooLittleToJudge()
    {
        var report = FlowConstraint.Find(Build(Rows), Delivery());

        // 8 Dev visits and 3 Review visits ended: no stage has the 20 a load needs.
        Assert.Equal((ConstraintVerdict.Unknown, null, ConstraintBasis.None), (report.Verdict, report.Constraint, report.Basis));
        Assert.Equal("Too little to judge: no stage has 20 visits that ended in the window (the most: Dev, 8). Measure a longer window.", report.Evidence.Single());
        Assert.All(report.Loads, l => Assert.Null(l.Load));
    }

    /// <summary>
    /// Ground truth: an item every hour; A works 30 min on it, then B 55 min, one server each, never a
    /// queue. B is busy 55/60 of the time in the long run: the constraint, with high confidence.
    /// </summary>
    [Fact]
    public void ASteadyLineNamesItsBusiestStageWithHighConfidence()
    {
        var builder = new WorkItemLogBuilder();
        for (var k = 0; k < 100; k++)
        {
            builder.Add($"I-{k}", new DateTimeOffset(T0.AddMinutes(60 * k)), "A");
            builder.Add($"I-{k}", new DateTimeOffset(T0.AddMinutes(60 * k + 30)), "B");
            builder.Add($"I-{k}", new DateTimeOffset(T0.AddMinutes(60 * k + 85)), "Done");
        }
        var line = new Workflow("Line")
        {
            Stages = new[] { new WorkflowStage("A") { States = new[] { "A" } }, new WorkflowStage("B") { States = new[] { "B" } } },
            DoneStates = new[] { "Done" },
        };

        var report = FlowConstraint.Find(builder.Build(), line);

        var window = 99 + 0.5 + 55 / 60.0;
        Assert.Equal((ConstraintVerdict.Stage, "B", ConstraintBasis.Utilization, ConstraintConfidence.High), (report.Verdict, report.Constraint, report.Basis, report.Confidence));
        Assert.Equal(100 * 55 / 60.0 / window, report.Utilization!.Value, 12);
        Assert.Equal(100 * 0.5 / window, report.NextUtilization!.Value, 12);
        Assert.Equal($"B is the constraint: busy {100 * 100 * 55 / 60.0 / window:0.#}% of the time, 0.91 items active on average for 1 server; the most loaded of 2 stages with 20 visits or more.", report.Evidence[0]);
        Assert.Equal($"The next most loaded stage is A at {100 * 100 * 0.5 / window:0.#}%.", report.Evidence[1]);
        Assert.Equal(new[] { false, false }, report.Loads.Select(l => l.ServersEstimated));
    }

    /// <summary>
    /// An approver with three people who take one request every two hours although one arrives every hour: nobody
    /// is busier than a sixth of the time, but the queue grows by half an item an hour for 300 hours.
    /// </summary>
    [Fact]
    public void WorkThatPilesUpWhereNobodyIsBusyIsTheConstraintByItsGrowingQueue()
    {
        var builder = new WorkItemLogBuilder();
        for (var k = 0; k < 300; k++)
        {
            builder.Add($"R-{k}", new DateTimeOffset(T0.AddHours(k)), "Requested");
            if (2 * k + 1 >= 300) continue;
            builder.Add($"R-{k}", new DateTimeOffset(T0.AddHours(2 * k + 0.5)), "Approving");
            builder.Add($"R-{k}", new DateTimeOffset(T0.AddHours(2 * k + 1.5)), "Approved");
        }
        var approval = new Workflow("Approval")
        {
            Stages = new[] { new WorkflowStage("Approve") { Servers = 3, States = new[] { "Approving" }, QueueStates = new[] { "Requested" } } },
            DoneStates = new[] { "Approved" },
        };

        var report = FlowConstraint.Find(builder.Build(), approval);

        var load = report.Loads.Single();
        Assert.Equal((ConstraintVerdict.Stage, "Approve", ConstraintBasis.Queue), (report.Verdict, report.Constraint, report.Basis));
        Assert.True(load.IsGrowing);
        Assert.True(load.WipByThird[0] < load.WipByThird[1] && load.WipByThird[1] < load.WipByThird[2]);
        Assert.Equal(load.Load!.Value, report.Utilization!.Value);
        Assert.InRange(load.Load.Value, 0.16, 0.17);
        Assert.Equal($"Approve is the constraint: its WIP rose through the window ({string.Join(", ", load.WipByThird.Select(w => w.ToString(w >= 100 ? "0" : "0.##", System.Globalization.CultureInfo.InvariantCulture)))} items on average in each third) while no stage is busy 78% of the time (Approve {load.Load.Value * 100:0.#}%).", report.Evidence[0]);
    }

    [Fact]
    public void MoreItemsActiveThanTheWorkflowsServersAreWorkedByServersEstimatedFromTheLog()
    {
        // Build has three people and is 90 % loaded; the workflow says nothing of its servers (1).
        var simulated = new Workflow("Team")
        {
            Calendar = WorkCalendar.AllHours,
            DemandPerWeek = 20,
            DoneStates = new[] { "Done" },
            Stages = new[]
            {
                new WorkflowStage("Plan") { ServiceTimeHours = 3, States = new[] { "Planning" }, QueueStates = new[] { "To Plan" } },
                new WorkflowStage("Build") { Servers = 3, ServiceTimeHours = 0.9 * 3 * 168 / 20, States = new[] { "Building" }, QueueStates = new[] { "To Build" } },
            },
        };
        var analysed = new Workflow(simulated) { Stages = simulated.Stages.Select(s => new WorkflowStage(s.Name) { States = s.States, QueueStates = s.QueueStates }).ToArray() };
        var log = Simulation.FlowSimulator.Logs(simulated, new Simulation.SimulationOptions { Duration = TimeSpan.FromDays(7 * 52), WarmUp = TimeSpan.Zero, Replications = 1, Seed = 5 }, new DateTimeOffset(T0)).Single();

        var report = FlowConstraint.Find(log, analysed);

        var build = report.Loads[1];
        Assert.Equal((ConstraintVerdict.Stage, "Build", ConstraintBasis.Throughput), (report.Verdict, report.Constraint, report.Basis));
        Assert.Equal((3, true, 3), (build.Servers, build.ServersEstimated, build.MaxActive));
        Assert.InRange(build.Load!.Value, 0.85, 0.95);
        Assert.Equal(build.ThroughputPerWeek!.Value / build.Load.Value, build.CapacityPerWeek!.Value, 0.05 * build.CapacityPerWeek.Value);
        Assert.StartsWith($"Build is the constraint: busy {build.Load.Value * 100:0.#}% of the time, with 3 servers estimated from how fast it finished work as items waited (at most ", report.Evidence[0]);
        Assert.Equal((1, false), (report.Loads[0].Servers, report.Loads[0].ServersEstimated));
    }

    [Fact]
    public void ALogWithNoTimeInAnyStageHasNoConstraint()
    {
        var unrelated = new Workflow("Other") { Stages = new[] { new WorkflowStage("X") { States = new[] { "Elsewhere" } } } };

        var report = FlowConstraint.Find(Build(Rows), unrelated);

        Assert.Equal((ConstraintVerdict.Unknown, null, ConstraintBasis.None), (report.Verdict, report.Constraint, report.Basis));
        Assert.Contains("check the workflow's states", report.Evidence.Single());
    }

    // ---- The workflow fitted to a log ----

    [Fact]
    public void AFitCapsACvBeyondWhatAModelTakesAndSaysSo()
    {
        // 200 items arrive at once and one 1,000 h later: 199 gaps of 0 and one of 1,000 (mean 5, sample variance 995,000 / 199).
        var rows = Enumerable.Range(0, 200).SelectMany(i => new[] { ($"I{i}", 0.0, "In Progress"), ($"I{i}", 1.0, "Done") })
            .Concat(new[] { ("Late", 1000.0, "In Progress"), ("Late", 1001.0, "Done") });

        var fitted = WorkflowFit.Fit(Build(rows), Delivery(), out var notes);

        Assert.Equal(Workflow.MaxCv, fitted.DemandCv);
        Assert.Contains("The gaps between arrivals vary with a cv of 14.14, more than the 10 a model takes (a few very long ones, or work that arrives in bulk): the model uses 10.", notes);
    }

    [Theory]
    [InlineData("ordered")]
    [InlineData("shuffled")]
    [InlineData("offsets")]
    public void FitMatchesTheHandWorkedLog(string variant)
    {
        var fitted = WorkflowFit.Fit(Build(Rows, variant), Delivery(), out var notes);

        // Demand: 5 items in 34 h; first changes at 0, 1, 4, 10, 30 h: gaps 1, 3, 6, 20 (mean 7.5, sample variance 221/3).
        Assert.Equal(5 / (34 / 168.0), fitted.DemandPerWeek, 12);
        Assert.Equal(Math.Sqrt(221 / 3.0) / 7.5, fitted.DemandCv, 12);
        Assert.Null(fitted.EntryStage);

        // Dev: 8 visits ended with active hours 8, 2, 8, 6, 12, 6, 10, 0 (mean 6.5); te = 6.5 calendar hours is
        // 6.5 × 40/168 working hours. Its WIP averages 64/34 = 1.88 item-hours an hour. Next: Review 4 (A, B twice, C),
        // Blocked 2 (B, and E, still blocked at the end), Dev again 1 (D, reopened after done), done 1 (D at last).
        var dev = fitted.Stages[0];
        Assert.Equal(6.5 * 40 / 168, dev.ServiceTimeHours!.Value, 12);
        Assert.Equal((2, 2), (dev.Servers, dev.ObservedWip));
        Assert.Equal(new[] { "Dev (0.125)", "Review (0.5)", "Blocked (0.25)", "done (0.125)" }, dev.Routes.Select(r => r.ToString()));

        // Review: A 4 h → done, B 2 h → Dev, B 3 h → done; C still waiting. WIP 22/34.
        var review = fitted.Stages[1];
        Assert.Equal(3 * 40 / 168.0, review.ServiceTimeHours!.Value, 12);
        Assert.Equal((1, 1), (review.Servers, review.ObservedWip));
        Assert.Equal(new[] { "Dev", null }, review.Routes.Select(r => r.To));
        Assert.Equal(new[] { 1 / 3.0, 2 / 3.0 }, review.Routes.Select(r => r.Probability));

        // Blocked, mapped to no stage, holds 4 of the finished items' 73 hours of lead time: a delay of 4 h (B), back to Dev.
        var blocked = fitted.Stages[2];
        Assert.Equal(("Blocked", TimeSpan.FromHours(8), (double?)null), (blocked.Name, blocked.Cadence, blocked.ServiceTimeHours));
        Assert.Equal(new[] { "Blocked" }, blocked.States);
        Assert.Equal(new[] { "Dev (1)" }, blocked.Routes.Select(r => r.ToString()));

        // Five items make a shaky model: Dev's routes bring an item back 2.18 times, more than its two servers can
        // take, so it is unstable and keeps the cv of its active times (sample variance 110/7). Review is stable, and
        // its cv is set so that the model waits as the log did: 2, 2 and 1 h, 5/3 h a visit.
        var model = WorkflowAnalyzer.Analyze(fitted);
        Assert.False(model.Stages[0].IsStable);
        Assert.Equal(Math.Sqrt(110 / 7.0) / 6.5, dev.Cv, 12);
        Assert.Equal(5 / 3.0, model.Stages[1].WaitTime!.Value.TotalHours, 6);

        Assert.Equal("Delivery", fitted.Name);
        Assert.Equal(new[] { "Ready" }, dev.QueueStates);
        Assert.Equal(new[] { "Done" }, fitted.DoneStates);
        Assert.Equal(2, notes.Count);
        Assert.StartsWith("Time in 'Blocked', mapped to no stage, is held as a delay of 4h a visit", notes[0]);
        Assert.StartsWith("Service cvs are set so that each stage waits as long as the log measured (Review 0.33 → ", notes[1]);
    }

    [Fact]
    public void TheFittedModelsServiceTimeIsTheMeasuredActiveTime()
    {
        var log = Build(Rows);
        var measured = FlowMeasurement.Measure(log, Delivery());

        var model = WorkflowAnalyzer.Analyze(WorkflowFit.Fit(log, Delivery(), out _));

        for (var s = 0; s < 2; s++)
            Assert.Equal(measured.Stages[s].ActiveTime!.Value.TotalHours, model.Stages[s].ServiceTime!.Value.TotalHours, 9);
    }

    [Fact]
    public void TooFewServersAreRaisedToTheMostItemsActiveAtOnce()
    {
        var builder = new WorkItemLogBuilder();
        foreach (var (id, start, stop) in new[] { ("X", 0.0, 10.0), ("Y", 1.0, 9.0), ("Z", 2.0, 4.0) })
        {
            builder.Add(id, new DateTimeOffset(At(start)), "Working");
            builder.Add(id, new DateTimeOffset(At(stop)), "Done");
        }
        var template = new Workflow("Solo") { Stages = new[] { new WorkflowStage("Work") { States = new[] { "Working" } } }, DoneStates = new[] { "Done" } };

        var fitted = WorkflowFit.Fit(builder.Build(), template, out var notes, name: "Team");

        // 20 item-hours active in 10 hours: 2 on average, 3 at once between 2 h and 4 h.
        Assert.Equal(("Team", 3), (fitted.Name, fitted.Stages[0].Servers));
        Assert.Equal("Work had 2 items active on average, more than 1 server can work on: it gets 3, the most items active at once.", notes.Single());
    }

    [Fact]
    public void AStageTheLogSaysNothingAboutKeepsTheTemplate()
    {
        var template = new Workflow(Delivery())
        {
            Stages = Delivery().Stages.Append(new WorkflowStage("Release") { Cadence = TimeSpan.FromDays(14), States = new[] { "Releasing" } })
                .Append(new WorkflowStage("Docs") { ServiceTimeHours = 3, States = new[] { "Writing" } }).ToArray(),
        };

        var fitted = WorkflowFit.Fit(Build(Rows), template, out var notes);

        Assert.Equal(TimeSpan.FromDays(14), fitted.Stages[2].Cadence);
        Assert.Equal(3, fitted.Stages[3].ServiceTimeHours);
        Assert.Contains("Release keeps its cadence of 2w: release trains are not fitted from a log.", notes);
        Assert.Contains("No visit to Docs ended in the window: it keeps the template's service time.", notes);
    }

    private sealed class ToleranceComparer : IEqualityComparer<(string?, double)>
    {
        public bool Equals((string?, double) x, (string?, double) y) => x.Item1 == y.Item1 && Math.Abs(x.Item2 - y.Item2) <= 1e-12 * Math.Abs(y.Item2);
        public int GetHashCode((string?, double) obj) => 0;
    }

    [Fact]
    public void EveryLogMeasureStopsWhenItsTokenIsCancelled()
    {
        var log = Build(Rows);
        var workflow = Delivery();
        var cancelled = new CancellationToken(canceled: true);

        Assert.Throws<OperationCanceledException>(() => FlowMeasurement.Measure(log, workflow, cancel: cancelled));
        Assert.Throws<OperationCanceledException>(() => FlowConstraint.Find(log, workflow, cancel: cancelled));
        Assert.Throws<OperationCanceledException>(() => CumulativeFlow.Compute(log, workflow, TimeSpan.FromDays(1), cancel: cancelled));
        Assert.Throws<OperationCanceledException>(() => WorkItemAging.Measure(log, workflow, cancel: cancelled));
        Assert.Throws<OperationCanceledException>(() => WorkflowFit.Fit(log, workflow, out _, cancel: cancelled));
        Assert.NotNull(FlowMeasurement.Measure(log, workflow, cancel: CancellationToken.None));
    }
}
