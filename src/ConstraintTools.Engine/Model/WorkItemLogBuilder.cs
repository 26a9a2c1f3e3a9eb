using System;
using System.Collections.Generic;
using ConstraintTools.Notation;

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

        // Events are kept in fixed-size chunks rather than lists: a list doubles, so at its peak it holds
        // twice the events plus the copy it is growing from; chunks never copy and waste one chunk at most.
        private const int ChunkBits = 16;
        private const int ChunkSize = 1 << ChunkBits;
        private const int ChunkMask = ChunkSize - 1;

        private readonly Dictionary<string, int> itemIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        private readonly List<string> itemIds = new List<string>();
        private readonly Dictionary<string, int> statusIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        private readonly List<string> statuses = new List<string>();
        private readonly List<int[]> itemChunks = new List<int[]>();
        private readonly List<long[]> tickChunks = new List<long[]>();
        private readonly List<int[]> statusChunks = new List<int[]>();
        private readonly List<string> problems = new List<string>();
        // The last chunk of each list, being filled.
        private int[] itemChunk = Array.Empty<int>();
        private long[] tickChunk = Array.Empty<long>();
        private int[] statusChunk = Array.Empty<int>();
        private int count;
        private int skipped;

        // Rows of one item often come together (a changelog exported item by item, or several changes
        // at one instant), and readers pass the same string for the same id, so one reference check
        // saves most dictionary lookups.
        private string? lastItemId;
        private int lastItem;

        public string? Source { get; set; }

        /// <summary>The columns the rows were read with, which the log reports (the last, when they changed on the way).</summary>
        public WorkItemLogColumns? Columns { get; set; }

        public int Count => count;

        /// <summary>Rows skipped so far.</summary>
        public int SkippedRows => skipped;

        /// <summary>Adds one status change; the timestamp is converted to UTC (an unspecified kind is taken as UTC).</summary>
        public void Add(string itemId, DateTimeOffset timestamp, string status)
        {
            if (itemId is null) throw new ArgumentNullException(nameof(itemId));
            if (status is null) throw new ArgumentNullException(nameof(status));
            if (!ReferenceEquals(itemId, lastItemId))
            {
                if (!itemIndex.TryGetValue(itemId, out lastItem))
                {
                    lastItem = itemIds.Count;
                    itemIndex.Add(itemId, lastItem);
                    itemIds.Add(itemId);
                }
                lastItemId = itemId;
            }
            if (!statusIndex.TryGetValue(status, out var s))
            {
                s = statuses.Count;
                statusIndex.Add(status, s);
                statuses.Add(status);
            }
            var offset = count & ChunkMask;
            if (offset == 0)
            {
                itemChunks.Add(itemChunk = new int[ChunkSize]);
                tickChunks.Add(tickChunk = new long[ChunkSize]);
                statusChunks.Add(statusChunk = new int[ChunkSize]);
            }
            itemChunk[offset] = lastItem;
            tickChunk[offset] = timestamp.UtcTicks;
            statusChunk[offset] = s;
            count++;
        }

        /// <summary>What a changelog says of an item beside its status changes.</summary>
        private sealed class ItemOrigin
        {
            public long FirstChange = long.MaxValue;
            public string? FirstFrom;
            public long Created = long.MaxValue;
            public string? Current;
        }

        private readonly Dictionary<string, ItemOrigin> origins = new Dictionary<string, ItemOrigin>(StringComparer.Ordinal);
        private readonly List<string> originOrder = new List<string>();

        /// <summary>
        /// Records what a changelog row says of an item: a status change at <paramref name="changed"/> from
        /// <paramref name="from"/>, its created date, its current status. When the log is built, an item's first
        /// change's from status is entered at its created date, and an item without a status change enters its
        /// current status then: otherwise the time before the first change, and items never moved, would be lost.
        /// </summary>
        public void Origin(string itemId, DateTimeOffset? changed, string? from, DateTimeOffset? created, string? current)
        {
            if (itemId is null) throw new ArgumentNullException(nameof(itemId));
            if (!origins.TryGetValue(itemId, out var origin))
            {
                origins.Add(itemId, origin = new ItemOrigin());
                originOrder.Add(itemId);
            }
            if (changed is DateTimeOffset at && at.UtcTicks < origin.FirstChange)
            {
                origin.FirstChange = at.UtcTicks;
                origin.FirstFrom = from;
            }
            if (created is DateTimeOffset c && c.UtcTicks < origin.Created) origin.Created = c.UtcTicks;
            if (!string.IsNullOrEmpty(current)) origin.Current = current;
        }

        private void AddOrigins()
        {
            foreach (var id in originOrder)
            {
                var origin = origins[id];
                if (origin.Created == long.MaxValue) continue;
                var first = origin.FirstChange == long.MaxValue ? origin.Current : origin.Created < origin.FirstChange ? origin.FirstFrom : null;
                if (!string.IsNullOrEmpty(first)) Add(id, new DateTimeOffset(origin.Created, TimeSpan.Zero), first!);
            }
            origins.Clear();
            originOrder.Clear();
        }

        // Event-log events, kept apart until the log is built: what an event means depends on the case's
        // other events (the previous completion, whether the activity had a start), which may come later.
        private readonly List<(int Case, long Ticks, int Activity, bool Start)> events = new List<(int, long, int, bool)>();
        private readonly Dictionary<string, int> caseIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        private readonly List<string> caseIds = new List<string>();
        private readonly Dictionary<string, int> activityIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        private readonly List<string> activities = new List<string>();

        /// <summary>Events kept so far of an event log, which become status changes when the log is built.</summary>
        public int EventCount => events.Count;

        /// <summary>Adds one event of an event log: <paramref name="activity"/> of case <paramref name="caseId"/> starts or completes at <paramref name="at"/>.</summary>
        public void Event(string caseId, DateTimeOffset at, string activity, EventKind kind)
        {
            if (caseId is null) throw new ArgumentNullException(nameof(caseId));
            if (activity is null) throw new ArgumentNullException(nameof(activity));
            if (Columns != null) Columns.SawEvent = true;
            if (kind == EventKind.None) return;
            if (kind == EventKind.Start && Columns != null) Columns.SawStart = true;
            if (!caseIndex.TryGetValue(caseId, out var c))
            {
                caseIndex.Add(caseId, c = caseIds.Count);
                caseIds.Add(caseId);
            }
            if (!activityIndex.TryGetValue(activity, out var a))
            {
                activityIndex.Add(activity, a = activities.Count);
                activities.Add(activity);
            }
            events.Add((c, at.UtcTicks, a, kind == EventKind.Start));
        }

        /// <summary>
        /// Turns each case's events, in time order, into status changes. An activity with a start is its status from
        /// the start to its completion, and the case waits as "activity (waiting)" from the previous completion (or
        /// its first event) to that start; one that only completes ran from the previous completion to its own.
        /// While activities overlap the case is in the one started last that is still running. After its last
        /// completion, with nothing running, the case is in "(end)".
        /// </summary>
        private void AddEvents()
        {
            if (events.Count == 0) return;
            var order = new int[events.Count];
            for (var i = 0; i < order.Length; i++) order[i] = i;
            Array.Sort(order, (x, y) =>
            {
                var byCase = events[x].Case.CompareTo(events[y].Case);
                if (byCase != 0) return byCase;
                var byTime = events[x].Ticks.CompareTo(events[y].Ticks);
                return byTime != 0 ? byTime : x.CompareTo(y);
            });
            var running = new List<int>();
            var waiting = new Dictionary<int, string>();
            string Waiting(int activity) => waiting.TryGetValue(activity, out var name) ? name : waiting[activity] = WorkItemLogColumns.WaitingStatus(activities[activity]);
            for (var from = 0; from < order.Length;)
            {
                var caseId = caseIds[events[order[from]].Case];
                var to = from;
                while (to < order.Length && events[order[to]].Case == events[order[from]].Case) to++;
                running.Clear();
                var lastCompletion = events[order[from]].Ticks;
                for (var k = from; k < to; k++)
                {
                    var e = events[order[k]];
                    if (e.Start)
                    {
                        if (running.Count == 0 && e.Ticks > lastCompletion) Add(caseId, new DateTimeOffset(lastCompletion, TimeSpan.Zero), Waiting(e.Activity));
                        running.Add(e.Activity);
                        Add(caseId, new DateTimeOffset(e.Ticks, TimeSpan.Zero), activities[e.Activity]);
                        continue;
                    }
                    var started = running.LastIndexOf(e.Activity);
                    if (started >= 0)
                    {
                        running.RemoveAt(started);
                        if (running.Count > 0) Add(caseId, new DateTimeOffset(e.Ticks, TimeSpan.Zero), activities[running[running.Count - 1]]);
                        else lastCompletion = e.Ticks;
                    }
                    else if (running.Count == 0)
                    {
                        Add(caseId, new DateTimeOffset(lastCompletion, TimeSpan.Zero), activities[e.Activity]);
                        lastCompletion = e.Ticks;
                    }
                    // A completion without a start while other activities run happened inside them: the case stays in theirs.
                }
                if (running.Count == 0) Add(caseId, new DateTimeOffset(lastCompletion, TimeSpan.Zero), WorkItemLogColumns.EndStatus);
                from = to;
            }
            events.Clear();
        }

        // Each item's resolution as of its latest row: a resolution cleared on reopening is cleared here too.
        private readonly Dictionary<string, (long Ticks, string Value)> resolutions = new Dictionary<string, (long, string)>(StringComparer.Ordinal);

        /// <summary>Records an item's resolution as a row at <paramref name="ticks"/> (UTC) gives it; a later row's replaces it, an empty one clears it.</summary>
        public void Resolution(string itemId, long ticks, string value)
        {
            if (itemId is null) throw new ArgumentNullException(nameof(itemId));
            if (!resolutions.TryGetValue(itemId, out var last) || ticks >= last.Ticks) resolutions[itemId] = (ticks, value ?? "");
        }

        /// <summary>Counts a row that could not be read, keeping its description (file, line, field, what is wrong).</summary>
        public void Skip(string problem)
        {
            skipped++;
            if (problems.Count < MaxProblemsKept) problems.Add(problem);
        }

        /// <summary>Counts rows that could not be read beyond those whose descriptions were kept.</summary>
        internal void SkipUndescribed(int rows) => skipped += rows;

        public WorkItemLog Build()
        {
            Columns?.Finish(this);
            AddOrigins();
            AddEvents();
            // Counting sort by item: each item's events land together, in input order, in one pass over
            // the chunks. Input order is time order for most items, so sorting is rarely needed.
            var itemStart = new int[itemIds.Count + 1];
            for (var chunk = 0; chunk < itemChunks.Count; chunk++)
            {
                var items = itemChunks[chunk];
                var length = ChunkLength(chunk);
                for (var i = 0; i < length; i++) itemStart[items[i] + 1]++;
            }
            for (var i = 0; i < itemIds.Count; i++) itemStart[i + 1] += itemStart[i];
            var next = (int[])itemStart.Clone();
            var sortedTicks = new long[count];
            var sortedStatus = new int[count];
            for (var chunk = 0; chunk < itemChunks.Count; chunk++)
            {
                var items = itemChunks[chunk];
                var ticks = tickChunks[chunk];
                var status = statusChunks[chunk];
                var length = ChunkLength(chunk);
                for (var i = 0; i < length; i++)
                {
                    var e = next[items[i]]++;
                    sortedTicks[e] = ticks[i];
                    sortedStatus[e] = status[i];
                }
            }

            var kept = 0;
            var duplicates = 0;
            var keptStart = new int[itemIds.Count + 1];
            for (var item = 0; item < itemIds.Count; item++)
            {
                var from = itemStart[item];
                var to = itemStart[item + 1];
                SortByTime(sortedTicks, sortedStatus, from, to - from);
                keptStart[item] = kept;
                for (var e = from; e < to; e++)
                {
                    if (kept > keptStart[item] && sortedTicks[kept - 1] == sortedTicks[e] && sortedStatus[kept - 1] == sortedStatus[e])
                    {
                        duplicates++;
                        continue;
                    }
                    sortedTicks[kept] = sortedTicks[e];
                    sortedStatus[kept] = sortedStatus[e];
                    kept++;
                }
            }
            keptStart[itemIds.Count] = kept;
            Array.Resize(ref sortedTicks, kept);
            Array.Resize(ref sortedStatus, kept);
            var log = new WorkItemLog(Source, itemIds.ToArray(), statuses.ToArray(), keptStart, sortedTicks, sortedStatus, skipped, duplicates, problems.ToArray())
            {
                Columns = Columns,
            };
            Exclude(log, keptStart, sortedStatus);
            return log;
        }

        /// <summary>Marks the discarded outcomes: items whose final status, or last resolution, is one the columns exclude.</summary>
        private void Exclude(WorkItemLog log, int[] itemStart, int[] status)
        {
            var byStatus = Columns?.ExcludeStatuses;
            var byResolution = Columns?.ExcludeResolutions;
            if (byStatus is null && byResolution is null) return;
            var statusNames = new HashSet<string>(byStatus ?? Array.Empty<string>(), StringComparer.OrdinalIgnoreCase);
            var resolutionNames = new HashSet<string>(byResolution ?? Array.Empty<string>(), StringComparer.OrdinalIgnoreCase);
            var excludedStatus = new bool[statuses.Count];
            for (var s = 0; s < statuses.Count; s++) excludedStatus[s] = statusNames.Contains(statuses[s].Trim());
            var excluded = new bool[itemIds.Count];
            var finalStatus = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            var finalResolution = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            var ids = new List<string>();
            for (var item = 0; item < itemIds.Count; item++)
            {
                if (itemStart[item + 1] == itemStart[item]) continue;
                var final = itemStart[item + 1] - 1;
                // An event log's case ends in (end): its final status is its last activity.
                if (statuses[status[final]] == WorkItemLogColumns.EndStatus && final > itemStart[item]) final--;
                var last = statuses[status[final]];
                string? reason = null;
                if (excludedStatus[status[final]]) Tally(finalStatus, reason = last.Trim());
                else if (resolutions.TryGetValue(itemIds[item], out var r) && resolutionNames.Contains(r.Value.Trim())) Tally(finalResolution, reason = r.Value.Trim());
                if (reason is null) continue;
                excluded[item] = true;
                ids.Add(itemIds[item]);
            }
            resolutions.Clear();
            // A discarded case of an event log leaves the flow as it enters (end), whether or not the workflow lists (end) as done.
            for (var s = 0; s < statuses.Count; s++) if (statuses[s] == WorkItemLogColumns.EndStatus) excludedStatus[s] = true;
            log.SetExcluded(excluded, excludedStatus, ids, Describe(ids.Count, finalStatus, finalResolution));
        }

        private static void Tally(Dictionary<string, int> counts, string key) => counts[key] = counts.TryGetValue(key, out var n) ? n + 1 : 1;

        private static string Describe(int count, Dictionary<string, int> byStatus, Dictionary<string, int> byResolution)
        {
            if (count == 0) return "excluded no item: none ended in an excluded status or resolution";
            var reasons = new List<string>();
            foreach (var pair in byStatus) reasons.Add($"{pair.Value} whose final status is {pair.Key}");
            foreach (var pair in byResolution) reasons.Add($"{pair.Value} whose resolution is {pair.Key}");
            return $"excluded {count} {(count == 1 ? "item" : "items")} from throughput and lead time ({string.Join(", ", reasons)})";
        }

        private int ChunkLength(int chunk) => Math.Min(ChunkSize, count - (chunk << ChunkBits));

        /// <summary>
        /// Sorts one item's events by time, keeping same-instant changes in input order: Array.Sort alone
        /// is not stable, and the order of changes at one instant is the order the item went through them.
        /// </summary>
        private static void SortByTime(long[] ticks, int[] status, int from, int length)
        {
            var sorted = true;
            for (var e = from + 1; e < from + length && sorted; e++) sorted = ticks[e - 1] <= ticks[e];
            if (sorted) return;
            var order = new int[length];
            for (var i = 0; i < length; i++) order[i] = i;
            var segment = new long[length];
            Array.Copy(ticks, from, segment, 0, length);
            Array.Sort(order, (x, y) =>
            {
                var byTime = segment[x].CompareTo(segment[y]);
                return byTime != 0 ? byTime : x.CompareTo(y);
            });
            var statusSegment = new int[length];
            Array.Copy(status, from, statusSegment, 0, length);
            for (var i = 0; i < length; i++)
            {
                ticks[from + i] = segment[order[i]];
                status[from + i] = statusSegment[order[i]];
            }
        }
    }
}
