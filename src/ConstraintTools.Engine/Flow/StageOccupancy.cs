using System;
using System.Collections.Generic;
using System.Threading;

namespace ConstraintTools.Flow
{
    /// <summary>
    /// How many items each stage held, moment by moment, over a log's window: the time it spent holding n
    /// items and how many visits ended while it held n, for every n; how many were in its active statuses at
    /// once; its WIP in each third of the window; and the time finished items spent in each unmapped status.
    /// What the constraint inference weighs beyond the averages of <see cref="FlowMeasurement"/>.
    /// </summary>
    internal sealed class StageOccupancy
    {
        private StageOccupancy(Level[][] levels, double[] activeAboveServersShare, int[] maxActive, double[][] wipByThird, double[] stageTicks, double[] unmappedTicks, double leadTicks)
        {
            Levels = levels;
            ActiveAboveServersShare = activeAboveServersShare;
            MaxActive = maxActive;
            WipByThird = wipByThird;
            StageTicks = stageTicks;
            UnmappedTicks = unmappedTicks;
            LeadTicks = leadTicks;
        }

        /// <summary>Per stage, per count n of items in it (queue and active): the ticks it held n and the visits that ended while it held n.</summary>
        public Level[][] Levels { get; }

        /// <summary>Per stage, the share of the window in which more items were active than the workflow gives it servers.</summary>
        public double[] ActiveAboveServersShare { get; }

        public int[] MaxActive { get; }

        /// <summary>Per stage, the time-weighted WIP in the first, middle and last third of the window.</summary>
        public double[][] WipByThird { get; }

        /// <summary>Per stage, the ticks finished items spent in it.</summary>
        public double[] StageTicks { get; }

        /// <summary>Per status of the log, the ticks finished items spent in it while it was mapped to no stage (0 for mapped statuses).</summary>
        public double[] UnmappedTicks { get; }

        /// <summary>The finished items' lead time, summed (ticks).</summary>
        public double LeadTicks { get; }

        internal struct Level
        {
            public double Ticks;
            public int Departures;
        }

        public static StageOccupancy Measure(WorkItemLog log, Workflow workflow, LogWindow window, CancellationToken cancel)
        {
            var stages = workflow.Stages.Count;
            var map = StatusMap.For(log, workflow);
            var timeline = new ItemTimeline(log, map, stages, window.EndTicks, cancel);
            long from = window.From.Ticks, to = window.To.Ticks;
            // Encoded as (ticks after From)·2 + 1 for an arrival, ·2 for a departure: one sort orders them, a departure first at a tie.
            var visits = new List<long>[stages];
            var active = new List<long>[stages];
            for (var s = 0; s < stages; s++)
            {
                visits[s] = new List<long>();
                active[s] = new List<long>();
            }
            var unmapped = new double[log.Statuses.Count];
            var stageTicks = new double[stages];
            double lead = 0;
            for (var item = 0; item < log.ItemCount; item++)
            {
                if (!timeline.Load(item)) continue;
                for (var v = 0; v < timeline.VisitCount; v++)
                {
                    ref var visit = ref timeline.Visit(v);
                    Add(visits[visit.Stage], visit.Start, visit.Stop, from, to);
                }
                var finished = timeline.IsFinished && timeline.DoneTicks >= from;
                if (finished) lead += timeline.DoneTicks - timeline.FirstTicks;
                for (var i = 0; i < timeline.IntervalCount; i++)
                {
                    ref var interval = ref timeline.Interval(i);
                    if (StatusMap.IsActive(interval.Code)) Add(active[StatusMap.StageOf(interval.Code)], interval.Start, interval.Stop, from, to);
                    if (!finished || interval.Stop == ItemTimeline.Open) continue;
                    if (interval.Code >= 0) stageTicks[StatusMap.StageOf(interval.Code)] += interval.Stop - interval.Start;
                    else if (interval.Code == StatusMap.Unmapped) unmapped[interval.Status] += interval.Stop - interval.Start;
                }
            }

            var levels = new Level[stages][];
            var above = new double[stages];
            var maxActive = new int[stages];
            var thirds = new double[stages][];
            for (var s = 0; s < stages; s++)
            {
                (levels[s], thirds[s]) = Sweep(visits[s], to - from);
                visits[s] = null!;
                var (activeLevels, _) = Sweep(active[s], to - from);
                active[s] = null!;
                maxActive[s] = activeLevels.Length - 1;
                double overServers = 0;
                for (var n = workflow.Stages[s].Servers + 1; n < activeLevels.Length; n++) overServers += activeLevels[n].Ticks;
                above[s] = to > from ? overServers / (to - from) : 0;
            }
            return new StageOccupancy(levels, above, maxActive, thirds, stageTicks, unmapped, lead);
        }

        /// <summary>
        /// The servers m and single-server rate that best explain how fast a stage finished work at each count n of
        /// items it held: departures at rate μ·min(n, m), the maximum-likelihood fit of Poisson departures (exact for
        /// exponential service times, and close for others). The smallest m within a likelihood ratio of e² of the
        /// best is taken, so that noise does not buy servers. Null without departures.
        /// </summary>
        /// <returns>The servers, the share of the window they were busy, and the stage's capacity (items a tick with every server busy).</returns>
        public static (int Servers, double Busy, double CapacityPerTick)? FitServers(Level[] levels)
        {
            var top = levels.Length - 1;
            double departures = 0, window = 0;
            foreach (var level in levels)
            {
                departures += level.Departures;
                window += level.Ticks;
            }
            if (departures == 0 || top < 1 || window <= 0) return null;
            // S(m) = Σ_n T_n·min(n, m) and A(m) = Σ_n D_n·log min(n, m), from sums over n < m and over n ≥ m.
            var ticksAtOrAbove = new double[top + 2];
            var departuresAtOrAbove = new double[top + 2];
            for (var n = top; n >= 1; n--)
            {
                ticksAtOrAbove[n] = ticksAtOrAbove[n + 1] + levels[n].Ticks;
                departuresAtOrAbove[n] = departuresAtOrAbove[n + 1] + levels[n].Departures;
            }
            var likelihood = new double[top + 1];
            var busyTicks = new double[top + 1];
            double below = 0, logBelow = 0, best = double.NegativeInfinity;
            for (var m = 1; m <= top; m++)
            {
                if (m > 1)
                {
                    below += (m - 1) * levels[m - 1].Ticks;
                    logBelow += levels[m - 1].Departures * Math.Log(m - 1);
                }
                busyTicks[m] = below + m * ticksAtOrAbove[m];
                likelihood[m] = logBelow + departuresAtOrAbove[m] * Math.Log(m) - departures * Math.Log(busyTicks[m]);
                best = Math.Max(best, likelihood[m]);
            }
            var servers = 1;
            while (likelihood[servers] < best - 2) servers++;
            var rate = departures / busyTicks[servers];
            return (servers, busyTicks[servers] / (servers * window), servers * rate);
        }

        /// <summary>Adds a stay [start, stop) clipped to the window; a stay that goes on past To has no departure.</summary>
        private static void Add(List<long> events, long start, long stop, long from, long to)
        {
            var lo = Math.Max(start, from);
            var hi = Math.Min(stop, to);
            if (hi <= lo) return;
            events.Add((lo - from) * 2 + 1);
            if (stop < to) events.Add((stop - from) * 2);
        }

        /// <summary>The ticks spent at each count and the departures at each count, and the mean count in each third of a window of <paramref name="length"/> ticks.</summary>
        private static (Level[] Levels, double[] Thirds) Sweep(List<long> events, long length)
        {
            events.Sort();
            var levels = new List<Level> { default };
            var thirds = new double[3];
            long last = 0;
            var count = 0;
            foreach (var e in events)
            {
                var at = e >> 1;
                Spend(levels, thirds, count, last, at, length);
                last = at;
                if ((e & 1) == 1)
                {
                    count++;
                    if (count == levels.Count) levels.Add(default);
                }
                else
                {
                    var level = levels[count];
                    level.Departures++;
                    levels[count] = level;
                    count--;
                }
            }
            Spend(levels, thirds, count, last, length, length);
            if (length > 0)
                for (var k = 0; k < 3; k++) thirds[k] /= length / 3.0;
            return (levels.ToArray(), thirds);
        }

        private static void Spend(List<Level> levels, double[] thirds, int count, long start, long stop, long length)
        {
            if (stop <= start) return;
            var level = levels[count];
            level.Ticks += stop - start;
            levels[count] = level;
            if (count == 0) return;
            for (var k = 0; k < 3; k++)
            {
                var lo = Math.Max(start, length * k / 3.0);
                var hi = Math.Min(stop, length * (k + 1) / 3.0);
                if (hi > lo) thirds[k] += count * (hi - lo);
            }
        }
    }
}
