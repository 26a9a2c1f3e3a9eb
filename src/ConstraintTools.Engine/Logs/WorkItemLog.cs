using System;
using System.Collections.Generic;

namespace ConstraintTools
{
    /// <summary>
    /// Status changes of many work items, each item's history sorted by time. Items and statuses
    /// are interned and events kept as three parallel arrays (16 bytes an event), so memory grows
    /// with the transitions kept, not with the size of the text they came from.
    /// </summary>
    public sealed class WorkItemLog
    {
        private readonly string[] itemIds;
        private readonly string[] statuses;
        private readonly int[] itemStart;
        private readonly long[] ticks;
        private readonly int[] status;

        internal WorkItemLog(string? source, string[] itemIds, string[] statuses, int[] itemStart, long[] ticks, int[] status,
            int skippedRows, int duplicateRows, IReadOnlyList<string> problems)
        {
            Source = source;
            this.itemIds = itemIds;
            this.statuses = statuses;
            this.itemStart = itemStart;
            this.ticks = ticks;
            this.status = status;
            SkippedRows = skippedRows;
            DuplicateRows = duplicateRows;
            Problems = problems;
        }

        /// <summary>The file or description the log was read from.</summary>
        public string? Source { get; }

        public int ItemCount => itemIds.Length;
        public int EventCount => ticks.Length;

        /// <summary>Rows that could not be read (bad timestamp, missing id or status); each is described in <see cref="Problems"/>.</summary>
        public int SkippedRows { get; }

        /// <summary>Rows that repeated an earlier row exactly (same item, time and status) and were dropped.</summary>
        public int DuplicateRows { get; }

        /// <summary>What was wrong with skipped rows, naming file, line and field (the first few hundred).</summary>
        public IReadOnlyList<string> Problems { get; }

        /// <summary>Every distinct status in the log, in order of first appearance.</summary>
        public IReadOnlyList<string> Statuses => statuses;

        public DateTime? FirstEventUtc => ticks.Length == 0 ? null : new DateTime(Min(), DateTimeKind.Utc);
        public DateTime? LastEventUtc => ticks.Length == 0 ? null : new DateTime(Max(), DateTimeKind.Utc);

        /// <summary>Every status change, item by item, each item's in time order.</summary>
        public IEnumerable<StatusChange> Events
        {
            get
            {
                for (var item = 0; item < itemIds.Length; item++)
                    for (var e = itemStart[item]; e < itemStart[item + 1]; e++)
                        yield return new StatusChange(itemIds[item], new DateTime(ticks[e], DateTimeKind.Utc), statuses[status[e]]);
            }
        }

        internal string ItemId(int item) => itemIds[item];
        internal string StatusName(int statusIndex) => statuses[statusIndex];

        /// <summary>Events of item i are FirstEvent(i) .. FirstEvent(i+1)-1 in <see cref="Ticks"/> and <see cref="StatusOf"/>.</summary>
        internal int FirstEvent(int item) => itemStart[item];
        internal long Ticks(int e) => ticks[e];
        internal int StatusOf(int e) => status[e];

        private long Min()
        {
            var min = long.MaxValue;
            for (var item = 0; item < itemIds.Length; item++) min = Math.Min(min, ticks[itemStart[item]]);
            return min;
        }

        private long Max()
        {
            var max = long.MinValue;
            for (var item = 0; item < itemIds.Length; item++) max = Math.Max(max, ticks[itemStart[item + 1] - 1]);
            return max;
        }

        public override string ToString() => $"{Source ?? "log"}: {ItemCount} items, {EventCount} status changes";
    }
}
