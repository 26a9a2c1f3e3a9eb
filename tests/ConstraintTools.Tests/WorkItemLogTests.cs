using System;
using System.Collections.Generic;
using System.Linq;

namespace ConstraintTools.Tests;

/// <summary>The in-memory work-item log: order, duplicates, time zones and skipped rows.</summary>
public class WorkItemLogTests
{
    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void SortsEachItemByTimeKeepingSameInstantRowsInFileOrder()
    {
        var builder = new WorkItemLogBuilder { Source = "test" };
        builder.Add("A-2", At("2026-01-05T10:00:00Z"), "Review");
        builder.Add("A-1", At("2026-01-03T09:00:00Z"), "Build");
        builder.Add("A-2", At("2026-01-02T10:00:00Z"), "Build");
        builder.Add("A-1", At("2026-01-03T09:00:00Z"), "Review");
        builder.Add("A-1", At("2026-01-01T09:00:00Z"), "Ready");

        var log = builder.Build();

        Assert.Equal(new[] { "A-2 Build", "A-2 Review", "A-1 Ready", "A-1 Build", "A-1 Review" }, log.Events.Select(e => $"{e.ItemId} {e.Status}"));
        Assert.Equal(2, log.ItemCount);
        Assert.Equal(5, log.EventCount);
        Assert.Equal(new[] { "Review", "Build", "Ready" }, log.Statuses);
        Assert.Equal(new DateTime(2026, 1, 1, 9, 0, 0, DateTimeKind.Utc), log.FirstEventUtc);
        Assert.Equal(new DateTime(2026, 1, 5, 10, 0, 0, DateTimeKind.Utc), log.LastEventUtc);
    }

    [Fact]
    public void NormalisesOffsetsToUtcAndDropsExactDuplicates()
    {
        var builder = new WorkItemLogBuilder();
        builder.Add("X", At("2026-03-01T12:00:00+02:00"), "Build");
        builder.Add("X", At("2026-03-01T10:00:00Z"), "Build");
        builder.Add("X", At("2026-03-01T06:30:00-05:00"), "Review");

        var log = builder.Build();

        var events = log.Events.ToList();
        Assert.Equal(2, events.Count);
        Assert.Equal(1, log.DuplicateRows);
        Assert.Equal(new DateTime(2026, 3, 1, 10, 0, 0, DateTimeKind.Utc), events[0].TimestampUtc);
        Assert.Equal(DateTimeKind.Utc, events[1].TimestampUtc.Kind);
        Assert.Equal(new DateTime(2026, 3, 1, 11, 30, 0), events[1].TimestampUtc);
    }

    [Fact]
    public void ManyRowsInAnyOrderGiveEachItemsRowsByTimeThenInputOrderWithoutRepeats()
    {
        // Enough rows to fill several of the builder's storage chunks, in random order, with repeated
        // rows and several changes at one instant; the expected log is worked out the slow, obvious way.
        var random = new Random(7);
        string[] statuses = { "Ready", "Build", "Review", "Done" };
        var rows = new List<(string Id, long Ticks, string Status)>();
        for (var row = 0; row < 200_000; row++)
        {
            var id = "I-" + random.Next(3000);
            var ticks = new DateTime(2026, 1, 1).AddMinutes(random.Next(20_000)).Ticks;
            rows.Add((id, ticks, statuses[random.Next(statuses.Length)]));
            if (random.Next(10) == 0) rows.Add(rows[random.Next(rows.Count)]);
        }
        var builder = new WorkItemLogBuilder();
        foreach (var (id, ticks, status) in rows) builder.Add(id, new DateTimeOffset(ticks, TimeSpan.Zero), status);

        var log = builder.Build();

        var expected = new List<string>();
        var duplicates = 0;
        foreach (var item in rows.Select((r, index) => (r.Id, r.Ticks, r.Status, index)).GroupBy(r => r.Id))
        {
            (long Ticks, string Status)? kept = null;
            foreach (var row in item.OrderBy(r => r.Ticks).ThenBy(r => r.index))
            {
                if (kept == (row.Ticks, row.Status)) { duplicates++; continue; }
                kept = (row.Ticks, row.Status);
                expected.Add($"{row.Id} {row.Ticks} {row.Status}");
            }
        }
        Assert.Equal(expected, log.Events.Select(e => $"{e.ItemId} {e.TimestampUtc.Ticks} {e.Status}"));
        Assert.Equal(duplicates, log.DuplicateRows);
        Assert.Equal(rows.Count - duplicates, log.EventCount);
    }

    [Fact]
    public void CountsEverySkippedRowButKeepsABoundedList()
    {
        var builder = new WorkItemLogBuilder();
        for (var row = 0; row < WorkItemLogBuilder.MaxProblemsKept + 5; row++) builder.Skip($"log.csv:{row + 2}: timestamp: 'soon' is not a date");

        var log = builder.Build();

        Assert.Equal(WorkItemLogBuilder.MaxProblemsKept + 5, log.SkippedRows);
        Assert.Equal(WorkItemLogBuilder.MaxProblemsKept, log.Problems.Count);
        Assert.Equal("log.csv:2: timestamp: 'soon' is not a date", log.Problems[0]);
        Assert.Null(log.FirstEventUtc);
    }
}
