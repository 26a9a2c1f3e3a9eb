using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ConstraintTools.Flow;
using ConstraintTools.Notation;

namespace ConstraintTools.Forecasting
{
    /// <summary>
    /// Items finished per calendar day (UTC), the history a <see cref="ThroughputForecast"/> draws from:
    /// counted from a work-item log, or given as a list.
    /// </summary>
    public sealed class ThroughputHistory
    {
        private ThroughputHistory(string? source, string? workflow, int[] itemsPerDay, DateTime? from, DateTime? nextDay, string zeroThroughputReason)
        {
            Source = source;
            Workflow = workflow;
            ItemsPerDayArray = itemsPerDay;
            From = from;
            NextDay = nextDay;
            ZeroThroughputReason = zeroThroughputReason;
            TotalItems = itemsPerDay.Sum(n => (long)n);
        }

        /// <summary>The log's <see cref="WorkItemLog.Source"/>, or "throughput" for a list of daily counts.</summary>
        public string? Source { get; }

        /// <summary>The workflow whose done statuses counted the finished items; null for a list.</summary>
        public string? Workflow { get; }

        /// <summary>Items finished on each day, oldest first.</summary>
        public IReadOnlyList<int> ItemsPerDay => ItemsPerDayArray;

        internal int[] ItemsPerDayArray { get; }

        /// <summary>The first day (UTC midnight); null for a list.</summary>
        public DateTime? From { get; }

        /// <summary>The midnight (UTC) that ends the last day, excluded; null for a list.</summary>
        public DateTime? To => From?.AddDays(ItemsPerDayArray.Length);

        /// <summary>
        /// Where a forecast from a log starts by default: the first midnight (UTC) at or after the window's end,
        /// so the day the window ends in, when it ends in the middle of one, belongs to neither. Null for a list, and
        /// for a window ending on 9999-12-31, the last day of the calendar.
        /// </summary>
        public DateTime? NextDay { get; }

        public long TotalItems { get; }

        public double ThroughputPerDay => (double)TotalItems / ItemsPerDayArray.Length;

        /// <summary>Why <see cref="TotalItems"/> could be 0, in words for an error message.</summary>
        internal string ZeroThroughputReason { get; }

        /// <summary>A history given as daily counts (a day without a finished item is a 0).</summary>
        /// <exception cref="ArgumentException">The list is empty or holds a negative count.</exception>
        public static ThroughputHistory FromCounts(IEnumerable<int> itemsPerDay)
        {
            if (itemsPerDay is null) throw new ArgumentNullException(nameof(itemsPerDay));
            var counts = itemsPerDay.ToArray();
            if (counts.Length == 0) throw new ArgumentException("The throughput history needs at least one day.", nameof(itemsPerDay));
            var negative = Array.FindIndex(counts, n => n < 0);
            if (negative >= 0)
                throw new ArgumentException($"A day's throughput cannot be negative: day {negative + 1} of the history has {counts[negative]}.", nameof(itemsPerDay));
            return new ThroughputHistory("throughput", null, counts, null, null, "every day of the history has 0 items");
        }

        /// <summary>
        /// Counts the items of <paramref name="log"/> finished per UTC day over the window [<paramref name="from"/>,
        /// <paramref name="to"/>), with <see cref="FlowMeasurement"/>'s semantics: an item is finished at its first
        /// entry into a done status after its last non-done status, as the log stands at the window's end.
        /// </summary>
        /// <remarks>
        /// Only the days the window covers whole count. A day the window starts or ends in the middle of would
        /// show less throughput than the team had that day — the window defaults to the log's first and last
        /// change, which usually fall within a working day — so it is left out, and so are the items finished
        /// on it: they are neither history nor forecast.
        /// </remarks>
        /// <exception cref="WindowException">The window is empty or holds no whole day, or the log has no events and no window is given.</exception>
        public static ThroughputHistory FromLog(WorkItemLog log, Workflow workflow, DateTime? from = null, DateTime? to = null)
        {
            if (log is null) throw new ArgumentNullException(nameof(log));
            if (workflow is null) throw new ArgumentNullException(nameof(workflow));

            var window = LogWindow.Resolve(log, from, to);
            // Days are the log's zone's days: an item finished at 00:30 in Berlin is finished that day, not the day before in UTC.
            var zone = log.TimeZone;
            long Local(long utc) => LogTimeZone.ClockTicks(utc, zone);
            var firstDay = CeilingToDay(Local(window.From.Ticks));
            // A window that takes in 9999-12-31 to its last tick ends at the midnight after it, which no DateTime
            // names; that day is left out, so the history's end (To) is a date.
            var endDay = Math.Min(Local(window.EndTicks) / TimeSpan.TicksPerDay * TimeSpan.TicksPerDay, DateTime.MaxValue.Date.Ticks);
            if (endDay <= firstDay)
                throw new WindowException(WindowProblem.Empty, $"The window ({window.From:u} to {window.To:u}) holds no whole {(zone is null ? "UTC" : zone.Id)} day, and only whole days make a throughput history; widen the window.");

            var counts = new int[(endDay - firstDay) / TimeSpan.TicksPerDay];
            var timeline = new ItemTimeline(log, StatusMap.For(log, workflow), workflow.Stages.Count, window.EndTicks);
            for (var item = 0; item < log.ItemCount; item++)
            {
                if (!timeline.Load(item)) continue;
                var done = timeline.IsFinished ? Local(timeline.DoneTicks) : -1;
                if (done >= firstDay && done < endDay) counts[(done - firstDay) / TimeSpan.TicksPerDay]++;
            }

            var kind = zone is null ? DateTimeKind.Utc : DateTimeKind.Unspecified;
            var first = new DateTime(firstDay, kind);
            var reason = workflow.DoneStates.Count == 0
                ? $"workflow '{Display.Excerpt(workflow.Name)}' lists no doneStates, so no item of the log is ever finished"
                : $"no item of the log entered a done status ({Display.Names(workflow.DoneStates)}) in the {counts.Length} whole days from {first:yyyy-MM-dd} up to {first.AddDays(counts.Length):yyyy-MM-dd}";
            var nextDay = CeilingToDay(Local(window.EndTicks));
            return new ThroughputHistory(log.Source, workflow.Name, counts, first, nextDay <= DateTime.MaxValue.Ticks ? new DateTime(nextDay, kind) : null, reason);
        }

        private static long CeilingToDay(long ticks) => (ticks + TimeSpan.TicksPerDay - 1) / TimeSpan.TicksPerDay * TimeSpan.TicksPerDay;
    }
}
