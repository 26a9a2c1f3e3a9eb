using System;
using System.Globalization;
using System.Linq;
using ConstraintTools.Flow;
using ConstraintTools.Queueing;
using ConstraintTools.Simulation;

namespace ConstraintTools.Tests;

/// <summary>
/// The constraint from logs whose answer is known (<see cref="KnownAnswerLogs"/>): the verdict is the known one, and
/// every figure an evidence sentence quotes is the figure it names, recomputed from the log where it can be.
/// The yardstick over hundreds of such logs is a benchmark (bench: yardstick), not a test; these are a few of each kind.
/// </summary>
public class KnownAnswerTests
{
    public static TheoryData<KnownAnswerKind, int> Cases()
    {
        var data = new TheoryData<KnownAnswerKind, int>();
        foreach (var kind in Enum.GetValues<KnownAnswerKind>())
            for (var seed = 1; seed <= 4; seed++) data.Add(kind, seed);
        return data;
    }

    private static string Percent(double fraction) => (fraction * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheVerdictIsTheKnownAnswerAndItsEvidenceQuotesTheFiguresItNames(KnownAnswerKind kind, int seed)
    {
        var known = KnownAnswerLogs.Generate(kind, seed);

        var report = FlowConstraint.Find(known.Log, known.Analysed);

        Assert.True(known.IsAnsweredBy(report), $"{known}: said {report.Verdict} {report.Constraint}\n{string.Join("\n", report.Evidence)}");
        var judged = report.Loads.Where(l => l.Load.HasValue).ToList();
        var top = judged.OrderByDescending(l => l.Load!.Value).First();
        switch (report.Verdict)
        {
            case ConstraintVerdict.Stage:
                var constraint = report.Loads.Single(l => l.Stage == report.Constraint);
                Assert.Equal(constraint.Load, report.Utilization);
                Assert.StartsWith($"{constraint.Stage} is the constraint: busy {Percent(constraint.Load!.Value)} of the time, ", report.Evidence[0]);
                Assert.EndsWith($"the most loaded of {judged.Count} stages with 20 visits or more.", report.Evidence[0]);
                Assert.Same(top, constraint);
                break;
            case ConstraintVerdict.Demand:
                Assert.All(report.Loads, l => Assert.False(l.IsGrowing));
                Assert.StartsWith($"No internal constraint: the flow is limited by demand. {report.Summary.Started} items arrived in the window", report.Evidence[0]);
                Assert.Contains($"and {report.Summary.Finished} finished", report.Evidence[0]);
                Assert.True(report.Summary.Started - report.Summary.Finished < 0.2 * report.Summary.Started);
                Assert.False(report.StillFilling);
                Assert.Equal((top.Stage, top.Load), (report.NextConstraint, report.NextUtilization));
                Assert.StartsWith($"The most loaded stage, where a constraint would appear first as demand grows, is {top.Stage}, busy {Percent(top.Load!.Value)} of the time", report.Evidence[1]);
                break;
            default:
                var share = ShareOfLeadTimeIn(known.Log, known.ExpectedConstraint!);
                Assert.Equal(share, report.UnmeasuredShare!.Value, 1e-9);
                Assert.Equal($"The time goes to waits outside the measured stages: {Percent(share)} of the finished items' lead time is spent in statuses mapped to no stage: {known.ExpectedConstraint} {Percent(share)}.", report.Evidence[0]);
                break;
        }
        Assert.Equal($"Confidence: {report.Confidence}.", report.Evidence[^1]);
    }

    /// <summary>Time finished items spent in one status over their lead time, straight from the events.</summary>
    private static double ShareOfLeadTimeIn(WorkItemLog log, string status)
    {
        double inStatus = 0, lead = 0;
        foreach (var item in log.Events.GroupBy(e => e.ItemId))
        {
            var events = item.ToList();
            if (events[^1].Status != "Done") continue;
            lead += (events[^1].TimestampUtc - events[0].TimestampUtc).Ticks;
            for (var i = 0; i + 1 < events.Count; i++)
                if (events[i].Status == status) inStatus += (events[i + 1].TimestampUtc - events[i].TimestampUtc).Ticks;
        }
        return inStatus / lead;
    }

    [Fact]
    public void AStageWithAHandfulOfVisitsIsNeverTheConstraintWithMoreThanLowConfidence()
    {
        var known = KnownAnswerLogs.Generate(KnownAnswerKind.OverloadedStage, 1);
        var first = known.Log.FirstEventUtc!.Value;

        foreach (var days in new[] { 7, 14, 21, 28 })
        {
            var report = FlowConstraint.Find(known.Log, known.Analysed, first, first.AddDays(days));
            if (report.Verdict != ConstraintVerdict.Stage) continue;
            var visits = report.Loads.Single(l => l.Stage == report.Constraint).Visits;
            if (visits < 30) Assert.Equal(ConstraintConfidence.Low, report.Confidence);
        }
    }

    [Fact]
    public void AShortWindowWhileTheStagesFillFromEmptyShowsNoConstraintYetRatherThanDemandAsTheLimit()
    {
        // Half-loaded stages whose work takes a week each: six weeks from an empty board leave much of what arrived open.
        var workflow = new Workflow("Slow work")
        {
            Calendar = WorkCalendar.AllHours,
            DemandPerWeek = 40,
            DoneStates = new[] { "Done" },
            Stages = new[]
            {
                new WorkflowStage("Build") { Servers = 80, ServiceTimeHours = 168, States = new[] { "Building" }, QueueStates = new[] { "To Build" } },
                new WorkflowStage("Test") { Servers = 80, ServiceTimeHours = 168, States = new[] { "Testing" }, QueueStates = new[] { "To Test" } },
            },
        };
        var options = new Simulation.SimulationOptions { Duration = TimeSpan.FromDays(7 * 6), WarmUp = TimeSpan.Zero, Replications = 1, Seed = 2 };
        var log = Simulation.FlowSimulator.Logs(workflow, options, new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero), "S-").Single();

        var report = FlowConstraint.Find(log, workflow);

        Assert.True(ConstraintVerdict.Demand == report.Verdict, string.Join("\n", report.Evidence));
        Assert.True(report.StillFilling);
        var (started, finished) = (report.Summary.Started, report.Summary.Finished);
        Assert.True(started - finished >= 0.2 * started, $"{started} started, {finished} finished");
        // The log starts with nothing in progress, so what is open at the end is what arrived and did not finish.
        var rising = report.Loads.Where(l => l.IsGrowing).ToList();
        Assert.NotEmpty(rising);
        Assert.All(rising, l => Assert.True(l.Load < 0.6 && l.QueueWip < 0.5 * l.Wip));
        Assert.StartsWith($"No internal constraint yet: more arrived than finished ({started} against {finished}, ", report.Evidence[0]);
        foreach (var stage in rising)
            Assert.Contains($"The WIP of {stage.Stage} rose ({string.Join(", ", stage.WipByThird.Select(w => Math.Round(w, 2).ToString(CultureInfo.InvariantCulture)))} items on average in each third) while it was busy {Percent(stage.Load!.Value)} of the time: it was filling, its work held in parallel rather than waiting.", report.Evidence);
        Assert.EndsWith($"as the stages filled from 0 items in progress to {started - finished}, and no stage's WIP rose through the window but for the rises noted below. A longer window would tell whether demand or a stage limits the flow.", report.Evidence[0]);
    }

    [Fact]
    public void TheLogsAreOfTheSizesTheIssueNames()
    {
        foreach (var kind in Enum.GetValues<KnownAnswerKind>())
        {
            var known = KnownAnswerLogs.Generate(kind, 3);
            Assert.InRange(known.Analysed.Stages.Count, 3, 6);
            Assert.InRange(known.Log.ItemCount, 250, 3300);
            Assert.All(known.Simulated.Stages.Where(s => s.Servers < 10), s => Assert.InRange(s.Servers, 1, 5));
            Assert.Equal(kind == KnownAnswerKind.ExternalWait, known.Log.Statuses.Contains("Waiting for customer"));
            Assert.Equal(kind == KnownAnswerKind.NoQueueStatus, known.Analysed.Stages.Any(s => s.QueueStates.Count == 0));
        }
    }
}

/// <summary>The constraint over time: a log in which a third reviewer half-way through moves the constraint from Review to Build.</summary>
public class ConstraintOverTimeTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    internal static Workflow Team(int reviewers, double buildLoad, double reviewLoad) => new("Team")
    {
        Calendar = WorkCalendar.AllHours,
        DemandPerWeek = 20,
        DoneStates = new[] { "Done" },
        Stages = new[]
        {
            new WorkflowStage("Build") { Servers = 3, ServiceTimeHours = buildLoad * 3 * 168 / 20, States = new[] { "Building" }, QueueStates = new[] { "To Build" } },
            new WorkflowStage("Review") { Servers = reviewers, ServiceTimeHours = reviewLoad * reviewers * 168 / 20, States = new[] { "Reviewing" }, QueueStates = new[] { "To Review" } },
        },
    };

    /// <summary>Half a year with two reviewers at 93 %, then half a year in which Build is at 93 % and three reviewers at 50 %; the first half's unfinished items are left out, as if closed.</summary>
    internal static WorkItemLog Moving()
    {
        var options = new Simulation.SimulationOptions { Duration = TimeSpan.FromDays(7 * 26), WarmUp = TimeSpan.Zero, Replications = 1, Seed = 4 };
        var first = Simulation.FlowSimulator.Logs(Team(2, 0.5, 0.93), options, Start, "A-").Single();
        var second = Simulation.FlowSimulator.Logs(Team(3, 0.93, 0.5), options, Start.AddDays(7 * 26), "B-").Single();
        var builder = new WorkItemLogBuilder { Source = "moving" };
        foreach (var log in new[] { first, second })
            foreach (var item in log.Events.GroupBy(e => e.ItemId).Where(i => i.Last().Status == "Done"))
                foreach (var e in item) builder.Add(e.ItemId, new DateTimeOffset(e.TimestampUtc), e.Status);
        return builder.Build();
    }

    [Fact]
    public void EachWindowHasItsOwnVerdictAndTheWindowWhereTheConstraintMovedSaysSo()
    {
        var workflow = Team(2, 0, 0);
        var log = Moving();

        var windows = FlowConstraint.OverTime(log, workflow, TimeSpan.FromDays(7 * 13));

        Assert.Equal(4, windows.Count);
        Assert.Equal(new[] { "Review", "Review", "Build", "Build" }, windows.Select(w => w.Constraint));
        Assert.Equal(new[] { false, false, true, false }, windows.Select(w => w.Moved));
        Assert.Equal(log.FirstEventUtc, windows[0].From);
        Assert.All(windows.Zip(windows.Skip(1)), pair => Assert.Equal(pair.First.To, pair.Second.From));
        Assert.Equal(log.LastEventUtc, windows[^1].To);
        foreach (var window in windows)
        {
            var alone = FlowConstraint.Find(log, workflow, window.From, window == windows[^1] ? null : window.To);
            Assert.Equal((alone.Constraint, alone.Utilization, alone.Confidence), (window.Constraint, window.Load, window.Confidence));
        }
    }

    [Fact]
    public void TooManyWindowsAreRefusedBeforeAnyWork()
    {
        var error = Assert.Throws<WorkLimitException>(() => FlowConstraint.OverTime(Moving(), Team(2, 0, 0), TimeSpan.FromHours(1)));
        Assert.Equal(WorkLimit.Intervals, error.Limit);

        Assert.StartsWith("Windows of 1h cut 2026-01-06 to 2027-01-0", error.Message);
        Assert.Contains("at most 2,000 windows", error.Message);
    }
}
