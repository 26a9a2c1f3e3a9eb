using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using ConstraintTools.Notation;

namespace ConstraintTools.Flow
{
    /// <summary>
    /// The data of a cumulative flow diagram: per interval of the window and per stage, the items in the
    /// stage at the interval's end, split into queue and active, with arrivals and departures counted
    /// from the window's start. One pass over the log; memory is a few counters per interval and stage.
    /// </summary>
    /// <remarks>
    /// Intervals are aligned to whole multiples of their length counted from 0001-01-01 (a Monday), so a
    /// day starts at midnight UTC and a week on Monday; the first may start before the window. Counts are
    /// taken at each interval's end (the window's end for the last) and include the changes before that
    /// instant: an item is in a status at instant s when it entered it before s and left it at s or later.
    /// </remarks>
    public static class CumulativeFlow
    {
        /// <summary>More intervals than this is almost surely a mistaken interval; the error says so.</summary>
        public const int MaxIntervals = 100_000;

        /// <exception cref="ArgumentException">The interval is not positive.</exception>
        /// <exception cref="WindowException">The window is empty.</exception>
        /// <exception cref="WorkLimitException">The interval makes more than <see cref="MaxIntervals"/> intervals.</exception>
        /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
        public static IReadOnlyList<CumulativeFlowPoint> Compute(WorkItemLog log, Workflow workflow, TimeSpan interval, DateTime? from = null, DateTime? to = null, CancellationToken cancel = default)
        {
            if (log is null) throw new ArgumentNullException(nameof(log));
            if (workflow is null) throw new ArgumentNullException(nameof(workflow));
            if (interval <= TimeSpan.Zero) throw new ArgumentException($"The interval must be positive; it is {interval}.", nameof(interval));

            var window = LogWindow.Resolve(log, from, to);
            var step = interval.Ticks;
            // Intervals start at the log zone's midnight (at its offset when the window starts), so that a day or a
            // week of the chart is the team's.
            var shift = LogTimeZone.ClockTicks(window.From.Ticks, log.TimeZone) - window.From.Ticks;
            var first = Math.Max(0, (window.From.Ticks + shift) / step * step - shift);
            var end = window.EndTicks;
            var count = (end - first + step - 1) / step;
            if (count > MaxIntervals)
                throw new WorkLimitException(WorkLimit.Intervals, string.Format(CultureInfo.InvariantCulture,
                    "An interval of {0} cuts the window ({1:u} to {2:u}) into {3:N0} intervals, more than {4:N0}; choose a longer interval or a shorter window.",
                    Display.Duration(interval), window.From, window.To, count, MaxIntervals));
            var samples = new Samples(first, step, end, (int)count);

            var stages = workflow.Stages.Count;
            var map = StatusMap.For(log, workflow);
            var bands = new Bands(stages, samples.Count);
            var timeline = new ItemTimeline(log, map, stages, end, cancel);
            var fromTicks = window.From.Ticks;
            for (var item = 0; item < log.ItemCount; item++)
            {
                if (!timeline.Load(item)) continue;
                long doneStart = -1;
                for (var i = 0; i < timeline.IntervalCount; i++)
                {
                    ref var span = ref timeline.Interval(i);
                    var lo = samples.FirstAfter(span.Start);
                    var hi = samples.FirstAfter(span.Stop);
                    if (span.Code >= 0) bands.Add(span.Code, lo, hi);
                    else if (span.Code == StatusMap.Unmapped) bands.Add(bands.Unmapped, lo, hi);
                    else
                    {
                        // A done item counts from its entry into done, which may span several done statuses.
                        if (doneStart < 0) doneStart = span.Start;
                        var runEnds = i + 1 == timeline.IntervalCount || timeline.Interval(i + 1).Code != StatusMap.Done;
                        if (!runEnds) continue;
                        // A discarded item leaves the bands without entering done: it never finished.
                        if (doneStart >= fromTicks && !(timeline.IsDiscarded && i + 1 == timeline.IntervalCount))
                        {
                            bands.Add(bands.Done, samples.FirstAfter(doneStart), hi);
                            bands.Count(bands.DoneArrivals, samples.FirstAfter(doneStart));
                        }
                        doneStart = -1;
                    }
                }
                for (var v = 0; v < timeline.VisitCount; v++)
                {
                    ref var visit = ref timeline.Visit(v);
                    if (visit.Start >= fromTicks) bands.Count(bands.Arrivals(visit.Stage), samples.FirstAfter(visit.Start));
                    if (!visit.IsOpen && visit.Stop >= fromTicks) bands.Count(bands.Departures(visit.Stage), samples.FirstAfter(visit.Stop));
                }
            }
            return bands.Rows(workflow, samples, window, map.UnmappedStatuses.Count > 0);
        }

        /// <summary>The instants counts are taken at: the end of each interval, the window's end for the last.</summary>
        private readonly struct Samples
        {
            private readonly long first;
            private readonly long step;
            private readonly long end;

            public Samples(long first, long step, long end, int count)
            {
                this.first = first;
                this.step = step;
                this.end = end;
                Count = count;
            }

            public int Count { get; }

            public long Start(int k) => first + k * step;

            public long At(int k) => Math.Min(first + (k + 1) * step, end);

            /// <summary>The first sample a change at <paramref name="ticks"/> shows in (the first taken after it), or <see cref="Count"/> when none is.</summary>
            public int FirstAfter(long ticks)
            {
                if (ticks >= end) return Count;
                if (ticks < first) return 0;
                return (int)((ticks - first) / step);
            }
        }

        /// <summary>Difference arrays: a span adds +1 at its first sample and −1 at the first sample after it; prefix sums give the counts.</summary>
        private sealed class Bands
        {
            private readonly int stages;
            private readonly int[][] diff;

            public Bands(int stages, int samples)
            {
                this.stages = stages;
                // Queue and active per stage (the status codes), arrivals and departures per stage, then unmapped, done, done arrivals.
                diff = new int[4 * stages + 3][];
                for (var i = 0; i < diff.Length; i++) diff[i] = new int[samples + 1];
            }

            public int Arrivals(int stage) => 2 * stages + stage;
            public int Departures(int stage) => 3 * stages + stage;
            public int Unmapped => 4 * stages;
            public int Done => 4 * stages + 1;
            public int DoneArrivals => 4 * stages + 2;

            public void Add(int band, int from, int to)
            {
                diff[band][from]++;
                diff[band][to]--;
            }

            public void Count(int band, int at) => diff[band][at]++;

            public IReadOnlyList<CumulativeFlowPoint> Rows(Workflow workflow, Samples samples, LogWindow window, bool withUnmapped)
            {
                var running = new int[diff.Length];
                var rows = new List<CumulativeFlowPoint>(samples.Count * (stages + 2));
                for (var k = 0; k < samples.Count; k++)
                {
                    for (var band = 0; band < diff.Length; band++) running[band] += diff[band][k];
                    var date = new DateTime(samples.Start(k), DateTimeKind.Utc);
                    var at = samples.At(k);
                    var asOf = new DateTime(Math.Min(at, window.To.Ticks), DateTimeKind.Utc);
                    CumulativeFlowPoint Row(string stage, int position, int count) =>
                        new CumulativeFlowPoint { Workflow = workflow.Name, Date = date, AsOf = asOf, Stage = stage, Position = position, Count = count };

                    for (var s = 0; s < stages; s++)
                    {
                        var row = Row(workflow.Stages[s].Name, s + 1, running[2 * s] + running[2 * s + 1]);
                        row.Queue = running[2 * s];
                        row.Active = running[2 * s + 1];
                        row.CumulativeArrivals = running[Arrivals(s)];
                        row.CumulativeDepartures = running[Departures(s)];
                        rows.Add(row);
                    }
                    if (withUnmapped) rows.Add(Row(CumulativeFlowPoint.UnmappedRow, stages + 1, running[Unmapped]));
                    var done = Row(CumulativeFlowPoint.DoneRow, stages + (withUnmapped ? 2 : 1), running[Done]);
                    done.CumulativeArrivals = running[DoneArrivals];
                    rows.Add(done);
                }
                return rows;
            }
        }
    }
}
