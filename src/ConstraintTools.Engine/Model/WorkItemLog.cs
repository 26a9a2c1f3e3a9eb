using System;
using System.Collections.Generic;
using System.Linq;
using ConstraintTools.Notation;

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
            Problems = ItemList.Of(problems);
        }

        internal WorkItemLogColumns? Columns { get; set; }

        /// <summary>What the rows were: a status change each (Long), a change of any field (Changelog) or an item each (Wide); null for a log not read from rows.</summary>
        public WorkItemLogForm? Form => Columns?.Form;

        /// <summary>The column the item ids were read from.</summary>
        public string? IdColumn => Columns?.NameOf(Columns.Id);

        /// <summary>The column the timestamps were read from (long form and changelog).</summary>
        public string? TimestampColumn => Columns?.NameOf(Columns.Timestamp);

        /// <summary>The column the statuses entered were read from (long form and changelog).</summary>
        public string? StatusColumn => Columns?.NameOf(Columns.Status);

        /// <summary>Changelog: the column naming the field changed; only rows whose field is Status were status changes.</summary>
        public string? FieldColumn => Columns?.NameOf(Columns.Field);

        /// <summary>Changelog: the column whose first value gave each item's first status.</summary>
        public string? FromColumn => Columns?.NameOf(Columns.From);

        /// <summary>Changelog: the column holding each item's created date, when its first status was entered.</summary>
        public string? CreatedColumn => Columns?.NameOf(Columns.Created);

        /// <summary>Changelog: the column holding each item's current status, the one status of an item never moved.</summary>
        public string? CurrentStatusColumn => Columns?.NameOf(Columns.CurrentStatus);

        /// <summary>Wide form: the columns read as stages.</summary>
        public IReadOnlyList<string> StageColumns => Columns is { IsWide: true } c ? new ItemList<string>(c.Stages.Select(i => c.Names[i]).ToArray()) : ItemList<string>.Empty;

        /// <summary>
        /// The zone timestamps without an offset were read in, and whose days are the day and week buckets of
        /// cumulative flow and forecasts; null for UTC.
        /// </summary>
        public TimeZoneInfo? TimeZone => Columns?.Zone;

        /// <summary>What was detected, in a sentence: the form, each column's role and the items excluded.</summary>
        public string? Detected => Columns?.Describe(exclusion);

        private bool[]? excludedItems;
        private bool[]? excludedStatuses;
        private string? exclusion;

        /// <summary>
        /// The discarded outcomes: items whose final status or resolution was excluded when the log was read. They
        /// count in no throughput, lead time, forecast or age; while open they count in their stages' WIP, since they
        /// took the stages' time.
        /// </summary>
        public IReadOnlyList<string> ExcludedItems { get; private set => field = ItemList.Of(value); } = ItemList<string>.Empty;

        /// <summary>How many items were excluded as discarded outcomes.</summary>
        public int ExcludedItemCount => ExcludedItems.Count;

        internal void SetExcluded(bool[] items, bool[] statuses, IReadOnlyList<string> ids, string description)
        {
            excludedItems = items;
            excludedStatuses = statuses;
            ExcludedItems = ids;
            exclusion = description;
        }

        /// <summary>True when item <paramref name="item"/> is a discarded outcome.</summary>
        internal bool IsExcluded(int item) => excludedItems != null && excludedItems[item];

        /// <summary>True when status <paramref name="statusIndex"/> is one whose entry discards an item.</summary>
        internal bool IsExcludedStatus(int statusIndex) => excludedStatuses != null && excludedStatuses[statusIndex];

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
        public IReadOnlyList<string> Statuses => statusList ??= new ItemList<string>(statuses);

        private ItemList<string>? statusList;

        public DateTime? FirstEventUtc => ticks.Length == 0 ? null : new DateTime(Min(), DateTimeKind.Utc);
        public DateTime? LastEventUtc => ticks.Length == 0 ? null : new DateTime(Max(), DateTimeKind.Utc);

        /// <summary>Every status change, item by item, each item's in time order; its text (what Export-Csv writes) is their count.</summary>
        public IEnumerable<StatusChange> Events => new EventSequence(this);

        private IEnumerable<StatusChange> EnumerateEvents()
        {
            for (var item = 0; item < itemIds.Length; item++)
                for (var e = itemStart[item]; e < itemStart[item + 1]; e++)
                    yield return new StatusChange(itemIds[item], new DateTime(ticks[e], DateTimeKind.Utc), statuses[status[e]]);
        }

        private sealed class EventSequence : IEnumerable<StatusChange>
        {
            private readonly WorkItemLog log;

            public EventSequence(WorkItemLog log) => this.log = log;

            public IEnumerator<StatusChange> GetEnumerator() => log.EnumerateEvents().GetEnumerator();

            System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

            public override string ToString() => log.EventCount.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " status changes";
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
