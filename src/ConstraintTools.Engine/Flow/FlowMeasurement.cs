using System;
using System.Collections.Generic;
using System.Threading;
using ConstraintTools.Statistics;

namespace ConstraintTools.Flow
{
    /// <summary>
    /// Measures the real flow of a <see cref="WorkItemLog"/> against a <see cref="Workflow"/>'s status
    /// mapping (SPEC section 4), in one pass over the items. Memory is the per-stage accumulators plus
    /// the durations kept for percentiles (one per visit ended in the window, one per item finished).
    /// </summary>
    /// <remarks>
    /// <para>Status mapping: see <see cref="StatusMap"/>.</para>
    /// <para>Window: see <see cref="LogWindow"/>; an item's last interval runs to To unless its status is done.</para>
    /// <para>An item's history is the sequence of intervals [t_j, t_{j+1}) in status s_j. Changes at the
    /// same instant leave intervals of zero length, which are dropped. A visit to a stage is a
    /// maximal run of consecutive intervals mapped to that stage (queue or active); it arrives when
    /// it starts and departs when it ends. A done item is finished at its first entry into a done
    /// status after its last non-done status.</para>
    /// </remarks>
    public static class FlowMeasurement
    {
        private const double TicksPerWeek = TimeSpan.TicksPerDay * 7.0;

        /// <summary>
        /// Measures <paramref name="log"/> over the window [<paramref name="from"/>, <paramref name="to"/>).
        /// A local time is converted to UTC; an unspecified kind is taken as UTC.
        /// </summary>
        /// <exception cref="WindowException">The window is empty (To not after From), or the log has no events and no window is given.</exception>
        /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
        public static FlowReport Measure(WorkItemLog log, Workflow workflow, DateTime? from = null, DateTime? to = null, CancellationToken cancel = default)
        {
            if (log is null) throw new ArgumentNullException(nameof(log));
            if (workflow is null) throw new ArgumentNullException(nameof(workflow));

            var window = LogWindow.Resolve(log, from, to);
            DateTime start = window.From, end = window.To;
            var includesTo = window.IncludesTo;

            var stages = workflow.Stages;
            var map = StatusMap.For(log, workflow);
            var timeline = new ItemTimeline(log, map, stages.Count, window.EndTicks, cancel);
            var acc = new Accumulator(stages.Count, start.Ticks, end.Ticks);
            for (var item = 0; item < log.ItemCount; item++)
                if (timeline.Load(item)) acc.Add(timeline);
            return acc.Report(workflow, log.Source, start, end, includesTo, map.UnmappedStatuses);
        }

        private sealed class Accumulator
        {
            private readonly long from;
            private readonly long to;

            // Per stage.
            private readonly int[] arrivals;
            private readonly int[] departures;
            private readonly int[] startWip;
            private readonly int[] currentWip;
            private readonly double[] queueArea;
            private readonly double[] activeArea;
            private readonly List<long>[] visitTicks;
            private readonly double[] visitQueueTicks;
            private readonly double[] visitActiveTicks;

            // The flow.
            private int items;
            private int started;
            private readonly List<long> leadTicks = new List<long>();
            private double leadSum;
            private double activeSum;
            private double unmappedSum;
            private int reworked;
            private int open;
            private int discarded;
            private double ageSum;
            private long ageMax;

            public Accumulator(int stageCount, long from, long to)
            {
                this.from = from;
                this.to = to;
                arrivals = new int[stageCount];
                departures = new int[stageCount];
                startWip = new int[stageCount];
                currentWip = new int[stageCount];
                queueArea = new double[stageCount];
                activeArea = new double[stageCount];
                visitTicks = new List<long>[stageCount];
                for (var s = 0; s < stageCount; s++) visitTicks[s] = new List<long>();
                visitQueueTicks = new double[stageCount];
                visitActiveTicks = new double[stageCount];
            }

            public void Add(ItemTimeline item)
            {
                items++;
                if (item.FirstTicks >= from) started++;

                double itemActive = 0, itemUnmapped = 0;
                for (var i = 0; i < item.IntervalCount; i++)
                {
                    ref var interval = ref item.Interval(i);
                    var code = interval.Code;
                    if (code == StatusMap.Done) continue;
                    var isOpen = interval.Stop == ItemTimeline.Open;
                    var length = interval.Stop - interval.Start; // never used as a duration for the open last interval
                    if (code == StatusMap.Unmapped)
                    {
                        if (!isOpen) itemUnmapped += length;
                        continue;
                    }
                    var active = StatusMap.IsActive(code);
                    if (active && !isOpen) itemActive += length;
                    var lo = Math.Max(interval.Start, from);
                    var hi = Math.Min(interval.Stop, to);
                    if (hi > lo)
                    {
                        if (active) activeArea[code >> 1] += hi - lo;
                        else queueArea[code >> 1] += hi - lo;
                    }
                }
                for (var v = 0; v < item.VisitCount; v++) CountVisit(ref item.Visit(v));

                if (item.IsDiscarded)
                {
                    if (item.DoneTicks >= from) discarded++;
                }
                else if (item.IsDone)
                {
                    if (item.DoneTicks >= from)
                    {
                        var lead = item.DoneTicks - item.FirstTicks;
                        leadTicks.Add(lead);
                        leadSum += lead;
                        activeSum += itemActive;
                        unmappedSum += itemUnmapped;
                        if (item.Reworked) reworked++;
                    }
                }
                else
                {
                    open++;
                    var age = to - item.FirstTicks;
                    ageSum += age;
                    ageMax = Math.Max(ageMax, age);
                }
            }

            private void CountVisit(ref StageVisit visit)
            {
                var stage = visit.Stage;
                if (visit.Start >= from) arrivals[stage]++;
                else if (visit.IsOpen || visit.Stop >= from) startWip[stage]++;
                if (visit.IsOpen) currentWip[stage]++;
                else if (visit.Stop >= from)
                {
                    departures[stage]++;
                    visitTicks[stage].Add(visit.Stop - visit.Start);
                    visitQueueTicks[stage] += visit.QueueTicks;
                    visitActiveTicks[stage] += visit.ActiveTicks;
                }
            }

            public FlowReport Report(Workflow workflow, string? source, DateTime start, DateTime end, bool includesTo, IReadOnlyList<string> unmapped)
            {
                double window = to - from;
                double? weeks = window > 0 ? window / TicksPerWeek : null;
                var stages = new StageFlow[workflow.Stages.Count];
                for (var s = 0; s < stages.Length; s++)
                {
                    var stage = workflow.Stages[s];
                    var visits = visitTicks[s];
                    visits.Sort();
                    var n = visits.Count;
                    double? activeWip = window > 0 ? activeArea[s] / window : null;
                    stages[s] = new StageFlow
                    {
                        Workflow = workflow.Name,
                        Log = source,
                        Stage = stage.Name,
                        Position = s + 1,
                        From = start,
                        To = end,
                        Arrivals = arrivals[s],
                        Departures = departures[s],
                        ThroughputPerWeek = departures[s] / weeks,
                        StartWip = startWip[s],
                        CurrentWip = currentWip[s],
                        QueueWip = window > 0 ? queueArea[s] / window : null,
                        ActiveWip = activeWip,
                        Servers = stage.Servers,
                        Utilization = stage.Servers > 0 ? activeWip / stage.Servers : null,
                        TimeInStage = Mean(Sum(visits), n),
                        TimeInStageP50 = n > 0 ? new TimeSpan(NearestRank.Of(visits, 50)) : null,
                        TimeInStageP85 = n > 0 ? new TimeSpan(NearestRank.Of(visits, 85)) : null,
                        TimeInStageP95 = n > 0 ? new TimeSpan(NearestRank.Of(visits, 95)) : null,
                        WaitTime = Mean(visitQueueTicks[s], n),
                        ActiveTime = Mean(visitActiveTicks[s], n),
                    };
                    visitTicks[s] = new List<long>();
                }

                leadTicks.Sort();
                var finished = leadTicks.Count;
                var summary = new FlowSummary
                {
                    Workflow = workflow.Name,
                    Log = source,
                    From = start,
                    To = end,
                    Items = items,
                    Started = started,
                    Finished = finished,
                    Discarded = discarded,
                    ThroughputPerWeek = finished / weeks,
                    LeadTime = Mean(leadSum, finished),
                    LeadTimeP50 = finished > 0 ? new TimeSpan(NearestRank.Of(leadTicks, 50)) : null,
                    LeadTimeP85 = finished > 0 ? new TimeSpan(NearestRank.Of(leadTicks, 85)) : null,
                    LeadTimeP95 = finished > 0 ? new TimeSpan(NearestRank.Of(leadTicks, 95)) : null,
                    FlowEfficiency = leadSum > 0 ? activeSum / leadSum : null,
                    OpenItems = open,
                    AverageAge = Mean(ageSum, open),
                    MaxAge = open > 0 ? new TimeSpan(ageMax) : null,
                    ReworkRate = finished > 0 ? (double)reworked / finished : null,
                    UnmeasuredShare = leadSum > 0 ? unmappedSum / leadSum : null,
                    UnmappedStatuses = unmapped,
                };
                return new FlowReport { Workflow = workflow.Name, From = start, To = end, IncludesTo = includesTo, Stages = stages, Summary = summary };
            }

            private static double Sum(List<long> values)
            {
                double sum = 0;
                foreach (var v in values) sum += v;
                return sum;
            }

            private static TimeSpan? Mean(double sumTicks, int count) =>
                count > 0 ? new TimeSpan((long)Math.Round(sumTicks / count)) : null;
        }
    }
}
