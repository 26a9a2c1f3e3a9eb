using System;
using System.Globalization;

namespace ConstraintTools
{
    /// <summary>Which question a <see cref="Forecast"/> answers.</summary>
    public enum ForecastQuestion
    {
        /// <summary>When will a given number of items be done? <see cref="Forecast.Date"/> is the answer.</summary>
        When,

        /// <summary>How many items will be done by a given date? <see cref="Forecast.Items"/> is the answer.</summary>
        HowMany,
    }

    /// <summary>
    /// One likelihood of a Monte Carlo forecast from daily throughput history (SPEC section 5). Every
    /// trial replays the future day by day, each day's throughput drawn at random, with replacement, from
    /// the history's days. A forecast comes as three objects, at likelihoods 0.5, 0.85 and 0.95.
    /// </summary>
    public sealed class Forecast
    {
        /// <summary>Where the history came from: the log's <see cref="WorkItemLog.Source"/>, or "throughput" for a list of daily counts.</summary>
        public string? Source { get; internal set; }

        /// <summary>The workflow whose done statuses counted the log's finished items; null for a list of daily counts.</summary>
        public string? Workflow { get; internal set; }

        public ForecastQuestion Question { get; internal set; }

        /// <summary>
        /// The share of trials the answer holds in, 0.5, 0.85 or 0.95. <see cref="ForecastQuestion.When"/>:
        /// in this share of the trials the items are done by <see cref="Date"/>. <see cref="ForecastQuestion.HowMany"/>:
        /// in this share of the trials at least <see cref="Items"/> are done by <see cref="Date"/>.
        /// </summary>
        public double Likelihood { get; internal set; }

        /// <summary><see cref="ForecastQuestion.When"/>: the number of items asked for. <see cref="ForecastQuestion.HowMany"/>: the answer, items done from <see cref="Start"/> to <see cref="Date"/>.</summary>
        public int Items { get; internal set; }

        /// <summary>
        /// <see cref="Start"/> + <see cref="Days"/>, a UTC midnight: the work of the days before it counts, its own
        /// day's does not. <see cref="ForecastQuestion.When"/>: the answer, when the items are done.
        /// <see cref="ForecastQuestion.HowMany"/>: the date asked about, down to its midnight when it has a time
        /// of day, since only whole days count.
        /// </summary>
        public DateTime Date { get; internal set; }

        /// <summary>Whole calendar days of work from <see cref="Start"/> to <see cref="Date"/>.</summary>
        public int Days { get; internal set; }

        /// <summary>The first day of the forecast (UTC midnight): its work counts.</summary>
        public DateTime Start { get; internal set; }

        /// <summary>The number of Monte Carlo trials.</summary>
        public int Trials { get; internal set; }

        /// <summary>The seed of the random draws: the same seed, history and question give the same forecast on any machine.</summary>
        public int Seed { get; internal set; }

        /// <summary>The number of days of history the trials draw from.</summary>
        public int HistoryDays { get; internal set; }

        /// <summary>The first day of history (UTC midnight); null for a list of daily counts.</summary>
        public DateTime? HistoryFrom { get; internal set; }

        /// <summary>The midnight (UTC) that ends the history, excluded; null for a list of daily counts.</summary>
        public DateTime? HistoryTo { get; internal set; }

        /// <summary>Mean items finished per calendar day of the history.</summary>
        public double ThroughputPerDay { get; internal set; }

        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "{0:0}%: {1} items by {2:yyyy-MM-dd}", Likelihood * 100, Items, Date);
    }
}
