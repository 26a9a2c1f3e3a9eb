using System;
using System.IO;
using System.Linq;
using ConstraintTools.Flow;
using ConstraintTools.Forecasting;
using ConstraintTools.Logs;
using ConstraintTools.Notation;
using ConstraintTools.Queueing;

namespace ConstraintTools.Tests;

/// <summary>
/// Discarded outcomes (Won't Do, Duplicate) excluded by status or resolution: out of throughput, lead time,
/// forecasts and ages, still in the stages' WIP while open. Figures by hand from the days below.
/// </summary>
public sealed class DiscardedOutcomeTests : IDisposable
{
    /// <remarks>
    /// Days after Monday 5 January 2026: A Ready 0, In Progress 2, Done 10 (finished, 10 d). B Ready 1, In Progress 3,
    /// Won't Do 7 (discarded by status; Won't Do is no status of the workflow). C Ready 2, In Progress 4, To Review 8,
    /// Reviewing 9, Done 12 resolved Duplicate (discarded by resolution). D Ready 4, In Progress 6, To Review 12,
    /// Reviewing 14, Done 20 (finished, 16 d). E Ready 5, In Progress 8, open at the end, day 20.
    /// </remarks>
    private const string Csv = """
        Id,Changed,Status,Resolution
        A,2026-01-05,Ready,
        A,2026-01-07,In Progress,
        A,2026-01-15,Done,Done
        B,2026-01-06,Ready,
        B,2026-01-08,In Progress,
        B,2026-01-12,Won't Do,
        C,2026-01-07,Ready,
        C,2026-01-09,In Progress,
        C,2026-01-13,To Review,
        C,2026-01-14,Reviewing,
        C,2026-01-17,Done,Duplicate
        D,2026-01-09,Ready,
        D,2026-01-11,In Progress,
        D,2026-01-17,To Review,
        D,2026-01-19,Reviewing,
        D,2026-01-25,Done,Fixed
        E,2026-01-10,Ready,
        E,2026-01-13,In Progress,
        """;

    private readonly string folder = Directory.CreateTempSubdirectory("ct-discard-").FullName;
    private readonly string path;

    public DiscardedOutcomeTests()
    {
        path = Path.Combine(folder, "log.csv");
        File.WriteAllText(path, Csv.Replace("\r\n", "\n"));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private WorkItemLog Read(bool exclude) => WorkItemLogReader.Read(path, exclude
        ? new LogReadOptions { ExcludeStatuses = new[] { "won't do" }, ExcludeResolutions = new[] { "DUPLICATE", "Invalid" } }
        : new LogReadOptions());

    private static readonly Workflow Delivery = FlowMeasurementTests.Delivery();

    [Fact]
    public void TheLogRecordsWhichItemsWereExcludedAndWhy()
    {
        var log = Read(exclude: true);

        Assert.Equal(new[] { "B", "C" }, log.ExcludedItems);
        Assert.Equal(2, log.ExcludedItemCount);
        Assert.Equal("long form (a row per status change): id 'Id', timestamp 'Changed', status 'Status', resolution 'Resolution'; "
            + "excluded 2 items from throughput and lead time (1 whose final status is Won't Do, 1 whose resolution is Duplicate); "
            + "give -IdColumn, -TimestampColumn, -StatusColumn or -Format to read it otherwise", log.Detected);
        Assert.Empty(Read(exclude: false).ExcludedItems);
    }

    [Fact]
    public void DiscardedItemsAreNotFinishedButTheirStageTimeIsMeasured()
    {
        var kept = FlowMeasurement.Measure(Read(exclude: true), Delivery);
        var all = FlowMeasurement.Measure(Read(exclude: false), Delivery);

        // Finished: A (10 d) and D (16 d) in 20 days; C's Done is a Duplicate and B never finished.
        Assert.Equal(2, kept.Summary.Finished);
        Assert.Equal(2, kept.Summary.Discarded);
        Assert.Equal(2 / (20 / 7.0), kept.Summary.ThroughputPerWeek!.Value, 12);
        Assert.Equal(TimeSpan.FromDays(13), kept.Summary.LeadTime);
        Assert.Equal(TimeSpan.FromDays(16), kept.Summary.LeadTimeP85);
        // Open: E alone, 15 days old; B is no longer open in Won't Do.
        Assert.Equal(1, kept.Summary.OpenItems);
        Assert.Equal(TimeSpan.FromDays(15), kept.Summary.AverageAge);
        // Without the exclusion C is finished (10 d) and B open for 19 days.
        Assert.Equal(3, all.Summary.Finished);
        Assert.Equal(0, all.Summary.Discarded);
        Assert.Equal(TimeSpan.FromDays(12), all.Summary.LeadTime);
        Assert.Equal(2, all.Summary.OpenItems);
        Assert.Equal(TimeSpan.FromDays(17), all.Summary.AverageAge);
        // Dev's In Progress holds A 8 d, B 4, C 4, D 6, E 12 = 34 item-days in 20 days either way; Ready 2+2+2+2+3 = 11.
        foreach (var report in new[] { kept, all })
        {
            Assert.Equal(1.7, report.Stages[0].ActiveWip!.Value, 12);
            Assert.Equal(0.55, report.Stages[0].QueueWip!.Value, 12);
            Assert.Equal(4, report.Stages[0].Departures);
        }
    }

    [Fact]
    public void ForecastsAndAgesLeaveDiscardedItemsOut()
    {
        var kept = ThroughputHistory.FromLog(Read(exclude: true), Delivery);
        var all = ThroughputHistory.FromLog(Read(exclude: false), Delivery);

        // Whole days 0..19: A finished on day 10, C's Duplicate on day 12 (D's day 20 is not whole).
        Assert.Equal(new[] { 10 }, kept.ItemsPerDay.Select((n, day) => (n, day)).Where(d => d.n > 0).Select(d => d.day));
        Assert.Equal(new[] { 10, 12 }, all.ItemsPerDay.Select((n, day) => (n, day)).Where(d => d.n > 0).Select(d => d.day));
        Assert.Equal(new[] { "E" }, WorkItemAging.Measure(Read(exclude: true), Delivery).Select(a => a.Id));
        Assert.Equal(new[] { "B", "E" }, WorkItemAging.Measure(Read(exclude: false), Delivery).Select(a => a.Id).OrderBy(i => i));
    }

    [Fact]
    public void CumulativeFlowEndsADiscardedItemsBandWithoutAddingItToDone()
    {
        var kept = CumulativeFlow.Compute(Read(exclude: true), Delivery, TimeSpan.FromDays(20)).Last(p => p.Stage == CumulativeFlowPoint.DoneRow);
        var all = CumulativeFlow.Compute(Read(exclude: false), Delivery, TimeSpan.FromDays(20)).Last(p => p.Stage == CumulativeFlowPoint.DoneRow);

        // At day 20: A and D done; C's Duplicate is not, and B's Won't Do was never a done status.
        Assert.Equal(2, kept.Count);
        Assert.Equal(3, all.Count);
    }

    [Fact]
    public void TheVerdictsEvidenceCountsTheItemsThatLeftDiscarded()
    {
        // 60 items 8 hours apart, 14 hours of work each on 2 servers; every sixth is Won't Do instead of Done.
        var builder = new WorkItemLogBuilder();
        for (var i = 0; i < 60; i++)
        {
            var start = FlowMeasurementTests.T0.AddHours(8 * i);
            builder.Add($"W-{i}", start, "In Progress");
            builder.Add($"W-{i}", start.AddHours(14), i % 6 == 5 ? "Won't Do" : "Done");
        }
        var excluding = new LogReadOptions { ExcludeStatuses = new[] { "Won't Do" } };
        builder.Columns = WorkItemLogColumns.Resolve(new[] { "Id", "Timestamp", "Status" }, excluding, null, null);
        var work = new Workflow("Work")
        {
            Stages = new[] { new WorkflowStage("Build") { Servers = 2, States = new[] { "In Progress" } } },
            DoneStates = new[] { "Done" },
        };

        var report = FlowConstraint.Find(builder.Build(), work);

        Assert.Equal(10, report.Summary!.Discarded);
        Assert.Equal(50, report.Summary.Finished);
        var counted = report.Evidence.Where(e => e.Contains("discarded")).ToList();
        Assert.True(counted.Count == 1, string.Join("\n", report.Evidence));
        // The window is the first change to the last, 8·59 + 14 = 486 hours: 50 / (486 / 168) = 17.28 a week, 60 / (486 / 168) = 20.74.
        Assert.Equal("50 items finished in the window, 17.28 a week; 60 started, 20.74 a week. 10 items left discarded, counted in no throughput.", counted[0]);
    }

    [Fact]
    public void ResolutionComesFromAChangelogsResolutionRowsAndItsLatestValueWins()
    {
        var changelog = Path.Combine(folder, "changelog.csv");
        File.WriteAllText(changelog, """
            Key,Created,Field,From,To,Date
            X-1,2026-01-05,status,Open,Done,2026-01-06
            X-1,2026-01-05,resolution,,Duplicate,2026-01-06
            X-2,2026-01-05,status,Open,Done,2026-01-06
            X-2,2026-01-05,resolution,,Duplicate,2026-01-06
            X-2,2026-01-05,resolution,Duplicate,,2026-01-07
            X-2,2026-01-05,status,Done,Open,2026-01-07
            X-2,2026-01-05,status,Open,Done,2026-01-08
            """.Replace("\r\n", "\n"));

        var log = WorkItemLogReader.Read(changelog, new LogReadOptions { ExcludeResolutions = new[] { "Duplicate" } });

        // X-2's Duplicate was cleared when it was reopened: it finished.
        Assert.Equal(new[] { "X-1" }, log.ExcludedItems);
        Assert.Contains("resolution from rows whose 'Field' is Resolution", log.Detected);
    }

    [Fact]
    public void ExcludingResolutionsWithoutAResolutionColumnIsAnErrorNamingTheColumns()
    {
        var plain = Path.Combine(folder, "plain.csv");
        File.WriteAllText(plain, "Id,Changed,Status\nA,2026-01-05,Done\n");

        var error = Assert.Throws<InputException>(() => WorkItemLogReader.Read(plain, new LogReadOptions { ExcludeResolutions = new[] { "Duplicate" } }));

        Assert.StartsWith("no resolution column found among 'Id', 'Changed', 'Status'; name it with ResolutionColumn (detected names: resolution, ", error.Reason);
        Assert.EndsWith(" to tell which items -ExcludeResolution excludes", error.Reason);
    }
}
