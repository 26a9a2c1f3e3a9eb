using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ConstraintTools.Flow;
using ConstraintTools.Statistics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ConstraintTools.Tests;

/// <summary>
/// Flow measures of work-item logs (issue 4) against ground truth computed by hand: every count,
/// every WIP integral, every percentile (nearest rank), for logs given in order, shuffled with
/// duplicate rows, and in mixed time-zone offsets.
/// </summary>
public class FlowMeasurementTests
{
    /// <summary>Monday 5 January 2026, 00:00 UTC; every row below is hours after it.</summary>
    internal static readonly DateTime T0 = new(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc);

    internal static Workflow Delivery() => new("Delivery")
    {
        Stages = new[]
        {
            new WorkflowStage("Dev") { Servers = 2, QueueStates = new[] { "Ready" }, States = new[] { "In Progress" } },
            new WorkflowStage("Review") { QueueStates = new[] { "To Review" }, States = new[] { "Reviewing" } },
        },
        DoneStates = new[] { "Done" },
    };

    /// <summary>
    /// A: straight through. B: blocked (unmapped) inside Dev, then sent back from Review to Dev
    /// (rework). C: still waiting for Review at the end. D: done at 9, reopened at 18, done at 28.
    /// E: started late, blocked at the end. The last event is B's Done at 34.
    /// </summary>
    internal static readonly (string Id, double Hours, string Status)[] Rows =
    {
        ("A", 0, "Ready"), ("A", 2, "In Progress"), ("A", 10, "To Review"), ("A", 12, "Reviewing"), ("A", 16, "Done"),
        ("B", 4, "Ready"), ("B", 6, "In Progress"), ("B", 8, "Blocked"), ("B", 12, "In Progress"), ("B", 20, "To Review"),
        ("B", 22, "Reviewing"), ("B", 24, "In Progress"), ("B", 30, "To Review"), ("B", 31, "Reviewing"), ("B", 34, "Done"),
        ("C", 10, "Ready"), ("C", 14, "In Progress"), ("C", 26, "To Review"),
        ("D", 1, "Ready"), ("D", 3, "In Progress"), ("D", 9, "Done"), ("D", 18, "In Progress"), ("D", 28, "Done"),
        ("E", 30, "Ready"), ("E", 32, "Blocked"),
    };

    private static readonly TimeSpan[] Offsets = { TimeSpan.Zero, new(5, 30, 0), new(-8, 0, 0), new(13, 0, 0), new(-3, -30, 0) };

    internal static WorkItemLog Build(IEnumerable<(string Id, double Hours, string Status)> rows, string variant = "ordered")
    {
        var list = rows.ToList();
        var builder = new WorkItemLogBuilder { Source = variant };
        if (variant == "shuffled")
        {
            // Reverse-ish order plus every third row twice: the builder sorts and drops exact duplicates.
            var random = new Random(7);
            list = list.Concat(list.Where((_, i) => i % 3 == 0)).OrderBy(_ => random.Next()).ToList();
        }
        for (var i = 0; i < list.Count; i++)
        {
            var utc = new DateTimeOffset(T0.AddHours(list[i].Hours));
            var at = variant == "offsets" ? utc.ToOffset(Offsets[i % Offsets.Length]) : utc;
            builder.Add(list[i].Id, at, list[i].Status);
        }
        return builder.Build();
    }

    private static TimeSpan H(double hours) => TimeSpan.FromHours(hours);
    private static DateTime At(double hours) => T0.AddHours(hours);

    [Theory]
    [InlineData("ordered")]
    [InlineData("shuffled")]
    [InlineData("offsets")]
    public void WholeLogMatchesHandComputedValues(string variant)
    {
        var log = Build(Rows, variant);
        Assert.Equal(variant == "shuffled" ? 9 : 0, log.DuplicateRows);

        var report = FlowMeasurement.Measure(log, Delivery());

        // Window: first event (0 h) to last event (34 h), the last included.
        Assert.Equal(At(0), report.From);
        Assert.Equal(At(34), report.To);
        Assert.Equal(DateTimeKind.Utc, report.To.Kind);
        Assert.True(report.IncludesTo);
        const double T = 34;

        // Dev visits: A [0,10) q2 a8; B [4,8) q2 a2; B [12,20) a8; B [24,30) a6; C [10,26) q4 a12;
        // D [1,9) q2 a6; D [18,28) a10; E [30,32) q2. Durations 2,4,6,8,8,10,10,16 h.
        var dev = report.Stages[0];
        Assert.Equal(("Delivery", "Dev", 1, 2), (dev.Workflow, dev.Stage, dev.Position, dev.Servers));
        Assert.Equal((8, 8, 0, 0, 0), (dev.Arrivals, dev.Departures, dev.NetFlow, dev.StartWip, dev.CurrentWip));
        Assert.Equal(8 / (T / 168), dev.ThroughputPerWeek!.Value, 12);
        Assert.Equal(12 / T, dev.QueueWip!.Value, 12);
        Assert.Equal(52 / T, dev.ActiveWip!.Value, 12);
        Assert.Equal(64 / T, dev.Wip!.Value, 12);
        Assert.Equal(52 / T / 2, dev.Utilization!.Value, 12);
        Assert.Equal(H(8), dev.TimeInStage);
        Assert.Equal(H(8), dev.TimeInStageP50);   // rank ⌈0.50·8⌉ = 4
        Assert.Equal(H(10), dev.TimeInStageP85);  // rank ⌈0.85·8⌉ = 7
        Assert.Equal(H(16), dev.TimeInStageP95);  // rank ⌈0.95·8⌉ = 8
        Assert.Equal(H(1.5), dev.WaitTime);       // 12 h / 8 visits
        Assert.Equal(H(6.5), dev.ActiveTime);     // 52 h / 8 visits

        // Review visits: A [10,16) q2 a4; B [20,24) q2 a2; B [30,34) q1 a3; C [26, open) waiting.
        var review = report.Stages[1];
        Assert.Equal((4, 3, 1, 0, 1), (review.Arrivals, review.Departures, review.NetFlow, review.StartWip, review.CurrentWip));
        Assert.Equal(3 / (T / 168), review.ThroughputPerWeek!.Value, 12);
        Assert.Equal(13 / T, review.QueueWip!.Value, 12); // 2 + 2 + 1 + C's 8 h up to the end
        Assert.Equal(9 / T, review.ActiveWip!.Value, 12);
        Assert.Equal(9 / T, review.Utilization!.Value, 12);
        Assert.Equal(H(14.0 / 3), review.TimeInStage);
        Assert.Equal(H(4), review.TimeInStageP50);  // durations 4, 4, 6: rank 2
        Assert.Equal(H(6), review.TimeInStageP85);  // rank 3
        Assert.Equal(H(6), review.TimeInStageP95);
        Assert.Equal(H(5.0 / 3), review.WaitTime);
        Assert.Equal(H(3), review.ActiveTime);

        // Finished: A at 16 (lead 16, active 12), B at 34 (lead 30, active 21, blocked 4, rework),
        // D at 28 — its first entry into Done after the reopening (lead 27, active 16, rework).
        var flow = report.Summary;
        Assert.Equal((5, 5, 3, 2), (flow.Items, flow.Started, flow.Finished, flow.OpenItems));
        Assert.Equal(3 / (T / 168), flow.ThroughputPerWeek!.Value, 12);
        Assert.Equal(H(73.0 / 3), flow.LeadTime);
        Assert.Equal(H(27), flow.LeadTimeP50);
        Assert.Equal(H(30), flow.LeadTimeP85);
        Assert.Equal(H(30), flow.LeadTimeP95);
        Assert.Equal(49.0 / 73, flow.FlowEfficiency!.Value, 12);
        Assert.Equal(4.0 / 73, flow.UnmeasuredShare!.Value, 12);
        Assert.Equal(2.0 / 3, flow.ReworkRate!.Value, 12);
        // Open at 34: C since 10 (24 h), E since 30 (4 h).
        Assert.Equal(H(14), flow.AverageAge);
        Assert.Equal(H(24), flow.MaxAge);
        Assert.Equal(new[] { "Blocked" }, flow.UnmappedStatuses);
        Assert.Equal(variant, flow.Log);
    }

    [Fact]
    public void AWindowCutsVisitsAndIgnoresLaterEvents()
    {
        // Window [12 h, 24 h): as of 24 h, B's return to Dev at 24, C's move to Review at 26, D's
        // second Done at 28 and all of E have not happened yet.
        var report = FlowMeasurement.Measure(Build(Rows), Delivery(), At(12), At(24));
        const double T = 12;
        Assert.False(report.IncludesTo);

        // Dev: B [12,20) arrives and departs; C (in since 10, active from 14) and D (back at 18) are still there.
        var dev = report.Stages[0];
        Assert.Equal((2, 1, 1, 1, 2), (dev.Arrivals, dev.Departures, dev.NetFlow, dev.StartWip, dev.CurrentWip));
        Assert.Equal(14.0, dev.ThroughputPerWeek!.Value, 12);
        Assert.Equal(2 / T, dev.QueueWip!.Value, 12);   // C waits [12,14)
        Assert.Equal(24 / T, dev.ActiveWip!.Value, 12); // B 8 + C 10 + D 6
        Assert.Equal(1.0, dev.Utilization!.Value, 12);
        Assert.Equal((H(8), H(8), H(8), H(8)), (dev.TimeInStage, dev.TimeInStageP50, dev.TimeInStageP85, dev.TimeInStageP95));
        Assert.Equal((H(0), H(8)), (dev.WaitTime, dev.ActiveTime));

        // Review: A (in since 10) departs at 16 — its whole visit of 6 h counts; B arrives at 20 and stays.
        var review = report.Stages[1];
        Assert.Equal((1, 1, 0, 1, 1), (review.Arrivals, review.Departures, review.NetFlow, review.StartWip, review.CurrentWip));
        Assert.Equal(2 / T, review.QueueWip!.Value, 12);  // A's wait ended at 12; B waits [20,22)
        Assert.Equal(6 / T, review.ActiveWip!.Value, 12); // A [12,16), B [22,24)
        Assert.Equal((H(6), H(2), H(4)), (review.TimeInStage, review.WaitTime, review.ActiveTime));

        // Only A finished in the window; D is reopened and open again; E does not exist yet.
        var flow = report.Summary;
        Assert.Equal((4, 0, 1, 3), (flow.Items, flow.Started, flow.Finished, flow.OpenItems));
        Assert.Equal(14.0, flow.ThroughputPerWeek!.Value, 12);
        Assert.Equal((H(16), H(16), H(16), H(16)), (flow.LeadTime, flow.LeadTimeP50, flow.LeadTimeP85, flow.LeadTimeP95));
        Assert.Equal(0.75, flow.FlowEfficiency!.Value, 12);
        Assert.Equal(0.0, flow.UnmeasuredShare!.Value, 12);
        Assert.Equal(0.0, flow.ReworkRate!.Value, 12);
        Assert.Equal(H(19), flow.AverageAge); // B 20 h, C 14 h, D 23 h
        Assert.Equal(H(23), flow.MaxAge);
    }

    [Fact]
    public void AGivenEndIsExcludedSoChangesAtItDoNotCount()
    {
        var report = FlowMeasurement.Measure(Build(Rows), Delivery(), to: At(34));

        // B's Done at 34 is outside [0, 34): B is still reviewing, and D (done at 28) is the last finish.
        var review = report.Stages[1];
        Assert.Equal((4, 2, 2, 2), (review.Arrivals, review.Departures, review.NetFlow, review.CurrentWip));
        Assert.Equal(9 / 34.0, review.ActiveWip!.Value, 12); // the same integral: a point has no length
        Assert.Equal((2, 3), (report.Summary.Finished, report.Summary.OpenItems));
        Assert.Equal(H(43.0 / 2), report.Summary.LeadTime);
        Assert.Equal(0.5, report.Summary.ReworkRate!.Value, 12); // of A and D, only D came back; B is open
    }

    [Fact]
    public void SameInstantChangesLeaveOnlyTheLastStatus()
    {
        var rows = new (string, double, string)[]
        {
            ("X", 0, "Ready"), ("X", 0, "In Progress"), ("X", 5, "Blocked"), ("X", 5, "To Review"), ("X", 8, "Done"),
            // Y passes Review in no time: no visit, no arrival.
            ("Y", 1, "In Progress"), ("Y", 3, "To Review"), ("Y", 3, "Done"),
        };

        var report = FlowMeasurement.Measure(Build(rows), Delivery());

        var dev = report.Stages[0];
        Assert.Equal((2, 2), (dev.Arrivals, dev.Departures));
        Assert.Equal(0.0, dev.QueueWip!.Value, 12);
        Assert.Equal((H(0), H(3.5)), (dev.WaitTime, dev.ActiveTime));
        var review = report.Stages[1];
        Assert.Equal((1, 1), (review.Arrivals, review.Departures));
        Assert.Equal(3 / 8.0, review.QueueWip!.Value, 12);
        Assert.Equal(0.0, report.Summary.UnmeasuredShare!.Value, 12);
        Assert.Equal(0.7, report.Summary.FlowEfficiency!.Value, 12); // active 5 + 2 of lead 8 + 2
        Assert.Equal(0.0, report.Summary.ReworkRate!.Value, 12);
    }

    [Fact]
    public void StatusesMapCaseInsensitivelyAndTheFirstListingWins()
    {
        var workflow = new Workflow("W")
        {
            Stages = new[]
            {
                new WorkflowStage("One") { States = new[] { "Doing" }, QueueStates = new[] { "Shared" } },
                new WorkflowStage("Two") { States = new[] { "SHARED", "Other" } },
            },
            DoneStates = new[] { "Closed", "doing" },
        };
        var log = Build(new (string, double, string)[] { ("A", 0, "doing"), ("A", 2, "shared"), ("A", 3, "OTHER"), ("A", 7, "closed") });

        var report = FlowMeasurement.Measure(log, workflow);

        Assert.Equal((2.0 / 7, 1.0 / 7), (report.Stages[0].ActiveWip!.Value, report.Stages[0].QueueWip!.Value));
        Assert.Equal((4.0 / 7, 0.0), (report.Stages[1].ActiveWip!.Value, report.Stages[1].QueueWip!.Value));
        Assert.Equal(1, report.Summary.Finished);
        Assert.Equal(6.0 / 7, report.Summary.FlowEfficiency!.Value, 12);
        Assert.Empty(report.Summary.UnmappedStatuses);
    }

    [Fact]
    public void AnItemDoneFromItsFirstEventHasNoLeadTimeAndAnUnmappedEndIsOpen()
    {
        var log = Build(new (string, double, string)[] { ("A", 0, "Done"), ("B", 0, "Triage"), ("B", 6, "Ready"), ("B", 10, "Parked") });

        var report = FlowMeasurement.Measure(log, Delivery());

        Assert.Equal((1, 1), (report.Summary.Finished, report.Summary.OpenItems));
        Assert.Equal(TimeSpan.Zero, report.Summary.LeadTime);
        Assert.Null(report.Summary.FlowEfficiency); // no lead time to divide by
        Assert.Null(report.Summary.UnmeasuredShare);
        Assert.Equal(H(10), report.Summary.MaxAge);
        Assert.Equal(new[] { "Triage", "Parked" }, report.Summary.UnmappedStatuses);
        Assert.Equal((1, 1, 0), (report.Stages[0].Arrivals, report.Stages[0].Departures, report.Stages[0].CurrentWip));
    }

    [Fact]
    public void WindowTimesAreTakenAsUtc()
    {
        var log = Build(Rows);
        var utc = FlowMeasurement.Measure(log, Delivery(), At(12), At(24));

        var local = FlowMeasurement.Measure(log, Delivery(), At(12).ToLocalTime(), At(24).ToLocalTime());
        var unspecified = FlowMeasurement.Measure(log, Delivery(), DateTime.SpecifyKind(At(12), DateTimeKind.Unspecified), DateTime.SpecifyKind(At(24), DateTimeKind.Unspecified));

        Assert.Equal(Describe(utc), Describe(local));
        Assert.Equal(Describe(utc), Describe(unspecified));
        Assert.Equal(DateTimeKind.Utc, local.From.Kind);
    }

    [Fact]
    public void AnEmptyWindowOrAnEmptyLogWithoutAWindowIsAnError()
    {
        var log = Build(Rows);
        Assert.Throws<WindowException>(() => FlowMeasurement.Measure(log, Delivery(), At(10), At(10)));
        Assert.Throws<WindowException>(() => FlowMeasurement.Measure(log, Delivery(), At(40)));
        Assert.Throws<WindowException>(() => FlowMeasurement.Measure(new WorkItemLogBuilder().Build(), Delivery()));

        var empty = FlowMeasurement.Measure(new WorkItemLogBuilder().Build(), Delivery(), At(0), At(168));
        Assert.Equal((0, 0, 0.0), (empty.Stages[0].Arrivals, empty.Summary.Items, empty.Stages[0].Wip!.Value));
        Assert.Null(empty.Stages[0].TimeInStage);
        Assert.Null(empty.Summary.LeadTime);
        Assert.Equal(0.0, empty.Summary.ThroughputPerWeek);
    }

    [Fact]
    public void AWindowOfOneInstantHasCountsButNoRates()
    {
        var log = Build(new (string, double, string)[] { ("A", 0, "Ready"), ("B", 0, "Ready") });

        var report = FlowMeasurement.Measure(log, Delivery());

        Assert.Equal((2, 2), (report.Stages[0].Arrivals, report.Stages[0].CurrentWip));
        Assert.Null(report.Stages[0].ThroughputPerWeek);
        Assert.Null(report.Stages[0].QueueWip);
        Assert.Null(report.Summary.ThroughputPerWeek);
    }

    [Theory]
    [InlineData(new long[] { 7 }, 7, 7, 7)]
    [InlineData(new long[] { 1, 2 }, 1, 2, 2)]
    [InlineData(new long[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 5, 9, 10)]
    [InlineData(new long[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20 }, 10, 17, 19)]
    public void PercentilesAreNearestRank(long[] sorted, long p50, long p85, long p95)
    {
        var values = sorted.ToList();
        Assert.Equal((p50, p85, p95), (NearestRank.Of(values, 50), NearestRank.Of(values, 85), NearestRank.Of(values, 95)));
    }

    // ---- Properties on random logs ----

    private const int Cases = 300;

    [Property(MaxTest = Cases, Arbitrary = new[] { typeof(RandomLogs) })]
    public void ArrivalsMinusDeparturesIsTheChangeInWip(RandomLog random)
    {
        var report = random.Measure(random.Build());

        foreach (var stage in report.Stages)
            Assert.True(stage.Arrivals - stage.Departures == stage.CurrentWip - stage.StartWip,
                $"{random}\n{stage.Stage}: {stage.Arrivals} in, {stage.Departures} out, WIP {stage.StartWip} → {stage.CurrentWip}");
    }

    [Property(MaxTest = Cases, Arbitrary = new[] { typeof(RandomLogs) })]
    public void LittlesLawHoldsWhereEveryVisitLiesInsideTheWindow(RandomLog random)
    {
        var report = random.Measure(random.Build());
        double window = (report.To - report.From).Ticks;
        if (window == 0) return;

        foreach (var stage in report.Stages.Where(s => s.StartWip == 0 && s.CurrentWip == 0))
        {
            // L·T = λT·W: the WIP integral is the sum of the visits' durations (means are rounded to a tick).
            var slack = stage.Departures + 1e-9 * window;
            Assert.True(Math.Abs(stage.Wip!.Value * window - stage.Departures * (stage.TimeInStage ?? TimeSpan.Zero).Ticks) <= slack, $"{random}\n{stage.Stage}: L={stage.Wip:R}, W={stage.TimeInStage}");
            Assert.True(Math.Abs(stage.QueueWip!.Value * window - stage.Departures * (stage.WaitTime ?? TimeSpan.Zero).Ticks) <= slack, $"{random}\n{stage.Stage}: queue");
            Assert.True(Math.Abs(stage.ActiveWip!.Value * window - stage.Departures * (stage.ActiveTime ?? TimeSpan.Zero).Ticks) <= slack, $"{random}\n{stage.Stage}: active");
            Assert.Equal(stage.Arrivals, stage.Departures);
        }
    }

    [Property(MaxTest = Cases, Arbitrary = new[] { typeof(RandomLogs) })]
    public void CurrentWipAndOpenItemsMatchEachItemsLastStatus(RandomLog random)
    {
        var report = random.Measure(random.Build());
        var workflow = RandomLog.Workflow;
        var end = report.To;

        var last = random.Rows.Select(r => (r.Id, At: T0.AddMinutes(r.Minutes), r.Status))
            .Where(r => report.IncludesTo ? r.At <= end : r.At < end)
            .GroupBy(r => r.Id)
            .Select(g => g.OrderBy(r => r.At).Last().Status) // OrderBy is stable: file order within an instant
            .ToList();
        for (var s = 0; s < workflow.Stages.Count; s++)
        {
            var mine = workflow.Stages[s].States.Concat(workflow.Stages[s].QueueStates).ToList();
            Assert.Equal(last.Count(mine.Contains), report.Stages[s].CurrentWip);
        }
        Assert.Equal(last.Count(st => st != "Done"), report.Summary.OpenItems);
    }

    [Property(MaxTest = Cases, Arbitrary = new[] { typeof(RandomLogs) })]
    public void RowOrderDuplicatesAndOffsetsChangeNothing(RandomLog random, int seed)
    {
        if (!random.StrictlyIncreasing) return; // same-instant rows keep file order, which a shuffle changes
        var rng = new Random(seed);
        var builder = new WorkItemLogBuilder();
        foreach (var (id, minutes, status) in random.Rows.Concat(random.Rows.Where(_ => rng.Next(3) == 0)).OrderBy(_ => rng.Next()))
            builder.Add(id, new DateTimeOffset(T0.AddMinutes(minutes)).ToOffset(TimeSpan.FromMinutes(15 * rng.Next(-48, 56))), status);

        Assert.Equal(Describe(random.Measure(random.Build())), Describe(random.Measure(builder.Build())));
    }

    /// <summary>Every figure of a report, for comparing two reports.</summary>
    internal static string Describe(FlowReport report) =>
        string.Join("\n", report.Stages.Select(s => string.Join(" ", s.From.ToString("o"), s.To.ToString("o"), s.Arrivals, s.Departures, s.StartWip, s.CurrentWip,
                s.ThroughputPerWeek?.ToString("R"), s.QueueWip?.ToString("R"), s.ActiveWip?.ToString("R"), s.Utilization?.ToString("R"),
                s.TimeInStage, s.TimeInStageP50, s.TimeInStageP85, s.TimeInStageP95, s.WaitTime, s.ActiveTime))
            .Append(string.Join(" ", report.Summary.Items, report.Summary.Started, report.Summary.Finished, report.Summary.ThroughputPerWeek?.ToString("R"),
                report.Summary.LeadTime, report.Summary.LeadTimeP50, report.Summary.LeadTimeP85, report.Summary.LeadTimeP95,
                report.Summary.FlowEfficiency?.ToString("R"), report.Summary.OpenItems, report.Summary.AverageAge, report.Summary.MaxAge,
                report.Summary.ReworkRate?.ToString("R"), report.Summary.UnmeasuredShare?.ToString("R"), string.Join(",", report.Summary.UnmappedStatuses))));
}

/// <summary>A random log over three stages with unmapped and done statuses, and a window (or the default one).</summary>
public sealed class RandomLog
{
    private static readonly string[] Pool = { "Ready", "In Progress", "To Review", "Reviewing", "Testing", "Blocked", "Done" };

    public static readonly Workflow Workflow = new("Random")
    {
        Stages = new[]
        {
            new WorkflowStage("Dev") { Servers = 3, QueueStates = new[] { "Ready" }, States = new[] { "In Progress" } },
            new WorkflowStage("Review") { QueueStates = new[] { "To Review" }, States = new[] { "Reviewing" } },
            new WorkflowStage("Test") { States = new[] { "Testing" } },
        },
        DoneStates = new[] { "Done" },
    };

    public RandomLog(IReadOnlyList<(string Id, int Minutes, string Status)> rows, bool strictlyIncreasing, int? fromMinutes, int? lengthMinutes)
    {
        Rows = rows;
        StrictlyIncreasing = strictlyIncreasing;
        FromMinutes = fromMinutes;
        LengthMinutes = lengthMinutes;
    }

    public IReadOnlyList<(string Id, int Minutes, string Status)> Rows { get; }
    public bool StrictlyIncreasing { get; }
    public int? FromMinutes { get; }
    public int? LengthMinutes { get; }

    public WorkItemLog Build()
    {
        var builder = new WorkItemLogBuilder();
        foreach (var (id, minutes, status) in Rows) builder.Add(id, new DateTimeOffset(FlowMeasurementTests.T0.AddMinutes(minutes)), status);
        return builder.Build();
    }

    public FlowReport Measure(WorkItemLog log) => FromMinutes is int from && LengthMinutes is int length
        ? FlowMeasurement.Measure(log, Workflow, FlowMeasurementTests.T0.AddMinutes(from), FlowMeasurementTests.T0.AddMinutes(from + length))
        : FlowMeasurement.Measure(log, Workflow);

    internal static Gen<RandomLog> Generator(bool strict) =>
        from itemCount in Gen.Choose(1, 10)
        from items in Gen.CollectToArray(Enumerable.Range(0, itemCount).Select(i =>
            from start in Gen.Choose(0, 600)
            from count in Gen.Choose(1, 9)
            from steps in Gen.CollectToArray(Enumerable.Range(0, count).Select(_ =>
                from gap in strict ? Gen.Choose(1, 120) : Gen.Frequency((1, Gen.Constant(0)), (4, Gen.Choose(1, 120)))
                from status in Gen.Elements(Pool)
                select (gap, status)))
            select Steps(i, start, steps)))
        from windowed in Gen.Elements(false, true)
        from fromMinutes in Gen.Choose(-60, 900)
        from length in Gen.Choose(1, 900)
        select new RandomLog(items.SelectMany(x => x).ToList(), strict, windowed ? fromMinutes : null, windowed ? length : null);

    private static IEnumerable<(string, int, string)> Steps(int item, int start, (int Gap, string Status)[] steps)
    {
        var at = start;
        var rows = new List<(string, int, string)>();
        foreach (var (gap, status) in steps)
        {
            rows.Add(($"I-{item}", at, status));
            at += gap;
        }
        return rows;
    }

    public override string ToString() =>
        $"window {(FromMinutes is int f ? $"[{f}, {f + LengthMinutes}) min" : "default")}; rows: " + string.Join("; ", Rows.Select(r => $"{r.Id} {r.Minutes} {r.Status}"));
}

public static class RandomLogs
{
    public static Arbitrary<RandomLog> Logs() => Arb.From(Gen.OneOf(RandomLog.Generator(strict: false), RandomLog.Generator(strict: true)));
}
