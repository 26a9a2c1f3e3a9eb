using System;
using System.Collections.Generic;

namespace ConstraintTools
{
    /// <summary>
    /// Collects status changes in any order and builds a <see cref="WorkItemLog"/>: each item's
    /// events sorted by time (rows out of order are fine), exact duplicate rows dropped and counted,
    /// and unreadable rows counted with a description.
    /// </summary>
    public sealed class WorkItemLogBuilder
    {
        /// <summary>Descriptions kept of skipped rows; the count goes on past it.</summary>
        public const int MaxProblemsKept = 200;

        private readonly Dictionary<string, int> itemIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        private readonly List<string> itemIds = new List<string>();
        private readonly Dictionary<string, int> statusIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        private readonly List<string> statuses = new List<string>();
        private readonly List<int> items = new List<int>();
        private readonly List<long> ticks = new List<long>();
        private readonly List<int> status = new List<int>();
        private readonly List<string> problems = new List<string>();
        private int skipped;

        public string? Source { get; set; }

        public int Count => ticks.Count;

        /// <summary>Adds one status change; the timestamp is converted to UTC (an unspecified kind is taken as UTC).</summary>
        public void Add(string itemId, DateTimeOffset timestamp, string status)
        {
            if (itemId is null) throw new ArgumentNullException(nameof(itemId));
            if (status is null) throw new ArgumentNullException(nameof(status));
            if (!itemIndex.TryGetValue(itemId, out var item))
            {
                item = itemIds.Count;
                itemIndex.Add(itemId, item);
                itemIds.Add(itemId);
            }
            if (!statusIndex.TryGetValue(status, out var s))
            {
                s = statuses.Count;
                statusIndex.Add(status, s);
                statuses.Add(status);
            }
            items.Add(item);
            ticks.Add(timestamp.UtcTicks);
            this.status.Add(s);
        }

        /// <summary>Counts a row that could not be read, keeping its description (file, line, field, what is wrong).</summary>
        public void Skip(string problem)
        {
            skipped++;
            if (problems.Count < MaxProblemsKept) problems.Add(problem);
        }

        public WorkItemLog Build()
        {
            // Counting sort by item keeps each item's rows in input order; then sort each item by time.
            var n = ticks.Count;
            var itemStart = new int[itemIds.Count + 1];
            foreach (var item in items) itemStart[item + 1]++;
            for (var i = 0; i < itemIds.Count; i++) itemStart[i + 1] += itemStart[i];
            var next = (int[])itemStart.Clone();
            var order = new int[n];
            for (var e = 0; e < n; e++) order[next[items[e]]++] = e;

            var sortedTicks = new long[n];
            var sortedStatus = new int[n];
            var byTime = new ByTimeThenRow(ticks);
            var kept = 0;
            var duplicates = 0;
            var keptStart = new int[itemIds.Count + 1];
            for (var item = 0; item < itemIds.Count; item++)
            {
                keptStart[item] = kept;
                var from = itemStart[item];
                var count = itemStart[item + 1] - from;
                Array.Sort(order, from, count, byTime);
                for (var k = from; k < from + count; k++)
                {
                    var e = order[k];
                    if (kept > keptStart[item] && sortedTicks[kept - 1] == ticks[e] && sortedStatus[kept - 1] == status[e])
                    {
                        duplicates++;
                        continue;
                    }
                    sortedTicks[kept] = ticks[e];
                    sortedStatus[kept] = status[e];
                    kept++;
                }
            }
            keptStart[itemIds.Count] = kept;
            Array.Resize(ref sortedTicks, kept);
            Array.Resize(ref sortedStatus, kept);
            return new WorkItemLog(Source, itemIds.ToArray(), statuses.ToArray(), keptStart, sortedTicks, sortedStatus, skipped, duplicates, problems.ToArray());
        }

        /// <summary>Array.Sort is not stable; breaking ties by row number keeps same-instant changes in file order.</summary>
        private sealed class ByTimeThenRow : IComparer<int>
        {
            private readonly List<long> ticks;

            public ByTimeThenRow(List<long> ticks) => this.ticks = ticks;

            public int Compare(int x, int y)
            {
                var byTime = ticks[x].CompareTo(ticks[y]);
                return byTime != 0 ? byTime : x.CompareTo(y);
            }
        }
    }
}
