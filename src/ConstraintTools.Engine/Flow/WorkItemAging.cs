using System;
using System.Collections.Generic;
using System.Threading;
using ConstraintTools.Notation;

namespace ConstraintTools.Flow
{
    /// <summary>The open items of a log at a measurement time, oldest first (ageing work in progress).</summary>
    public static class WorkItemAging
    {
        /// <summary>
        /// Items not in a done status at <paramref name="asOf"/> (default: the log's last change), with the
        /// changes at or before that instant. A local time is converted to UTC; an unspecified kind is taken as UTC.
        /// </summary>
        /// <exception cref="ArgumentException">The log has no changes and no time is given.</exception>
        /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
        public static IReadOnlyList<WorkItemAge> Measure(WorkItemLog log, Workflow workflow, DateTime? asOf = null, CancellationToken cancel = default)
        {
            if (log is null) throw new ArgumentNullException(nameof(log));
            if (workflow is null) throw new ArgumentNullException(nameof(workflow));
            var at = asOf is DateTime given ? LogTimestamp.AsUtc(given) : log.LastEventUtc
                ?? throw new WindowException(WindowProblem.Empty, "The log has no status changes; give the time to take the ages at.");

            var map = StatusMap.For(log, workflow);
            var timeline = new ItemTimeline(log, map, workflow.Stages.Count, at.Ticks + 1, cancel);
            var open = new List<WorkItemAge>();
            var leadTicks = new List<long>();
            for (var item = 0; item < log.ItemCount; item++)
            {
                if (!timeline.Load(item)) continue;
                if (timeline.IsDone)
                {
                    if (timeline.IsFinished) leadTicks.Add(timeline.DoneTicks - timeline.FirstTicks);
                    continue;
                }
                var code = timeline.Last.Code;
                var stage = StatusMap.StageOf(code);
                var since = timeline.Last.Start;
                var visits = 0;
                if (stage >= 0)
                {
                    for (var v = 0; v < timeline.VisitCount; v++)
                        if (timeline.Visit(v).Stage == stage) visits++;
                    since = timeline.Visit(timeline.VisitCount - 1).Start;
                }
                else
                {
                    for (var i = timeline.IntervalCount - 2; i >= 0 && timeline.Interval(i).Code == StatusMap.Unmapped; i--)
                        since = timeline.Interval(i).Start;
                }
                open.Add(new WorkItemAge
                {
                    Workflow = workflow.Name,
                    Id = log.ItemId(item),
                    Started = new DateTime(timeline.FirstTicks, DateTimeKind.Utc),
                    AsOf = at,
                    Age = new TimeSpan(at.Ticks - timeline.FirstTicks),
                    Status = log.StatusName(StatusIndexOfLast(log, item, at.Ticks)),
                    Stage = stage >= 0 ? workflow.Stages[stage].Name : null,
                    IsWaiting = stage >= 0 && !StatusMap.IsActive(code),
                    InStage = new TimeSpan(at.Ticks - since),
                    Visits = visits,
                });
            }

            leadTicks.Sort();
            foreach (var age in open)
                if (leadTicks.Count > 0) age.OlderThan = (double)CountBelow(leadTicks, age.Age.Ticks) / leadTicks.Count;
            open.Sort((x, y) =>
            {
                var byAge = y.Age.CompareTo(x.Age);
                return byAge != 0 ? byAge : string.CompareOrdinal(x.Id, y.Id);
            });
            return open;
        }

        /// <summary>The status of the item's last change at or before <paramref name="atTicks"/>; of several at that instant, the last in file order.</summary>
        private static int StatusIndexOfLast(WorkItemLog log, int item, long atTicks)
        {
            var e = log.FirstEvent(item + 1) - 1;
            while (log.Ticks(e) > atTicks) e--;
            return log.StatusOf(e);
        }

        /// <summary>How many of the sorted values are strictly below <paramref name="value"/>.</summary>
        private static int CountBelow(List<long> sorted, long value)
        {
            int lo = 0, hi = sorted.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (sorted[mid] < value) lo = mid + 1;
                else hi = mid;
            }
            return lo;
        }
    }
}
