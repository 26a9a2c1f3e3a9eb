using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ConstraintTools.Notation;
using ConstraintTools.Simulation;
using ConstraintTools.Statistics;

namespace ConstraintTools.Forecasting
{
    /// <summary>
    /// Monte Carlo forecasts from daily throughput history (SPEC section 5). A trial replays the future day by
    /// day from the forecast's start, drawing each day's throughput uniformly, with replacement, from the
    /// history's days; every forecast is given at likelihoods 50, 85 and 95 %.
    /// </summary>
    /// <remarks>
    /// Trials run in chunks of <see cref="TrialsPerChunk"/>, in parallel; chunk c draws from its own stream, a
    /// function of the seed and c only, so a seed gives the same forecast on any machine and any number of cores.
    /// </remarks>
    public static class ThroughputForecast
    {
        public const int MaxTrials = 10_000_000;

        /// <summary>100 years: a trial longer than this is an error rather than a forecast anyone can use.</summary>
        public const int MaxDays = 36_525;

        /// <summary>
        /// Days drawn over all trials: about five minutes on one core at the measured 330 million a second. More is
        /// almost surely a mistaken trial count, and is refused before any work rather than left to run for hours.
        /// </summary>
        public const double MaxTrialDays = 1e11;

        internal const int TrialsPerChunk = 1000;

        private static readonly int[] LikelihoodPercents = { 50, 85, 95 };

        private delegate int Trial(ref SimulationRandom random);

        /// <summary>
        /// When will <paramref name="items"/> items be done? A trial counts the days until its running total
        /// reaches <paramref name="items"/>. At likelihood p the answer is the p-quantile of those days by nearest
        /// rank — the fewest days within which at least p of the trials are done — so "85 %" means the items are
        /// done by that date in 85 % of the trials. The last day's work counts: the date is the midnight after it.
        /// </summary>
        /// <param name="progress">Called with the number of trials done so far, from any thread.</param>
        /// <exception cref="ArgumentException">Items below 1; trials out of range; no start.</exception>
        /// <exception cref="WindowException">A history without throughput (<see cref="WindowProblem.NoThroughput"/>), or a trial that would end after 9999-12-31 (<see cref="WindowProblem.Start"/>).</exception>
        /// <exception cref="WorkLimitException">A trial needs more than <see cref="MaxDays"/> days.</exception>
        /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
        public static IReadOnlyList<Forecast> WhenDone(ThroughputHistory history, int items, ForecastOptions options, Action<int>? progress = null, CancellationToken cancel = default)
        {
            if (history is null) throw new ArgumentNullException(nameof(history));
            if (items < 1) throw new ArgumentException($"The number of items must be at least 1; it is {items}.", nameof(items));
            var start = StartOf(history, options);
            if (history.TotalItems == 0)
                throw new WindowException(WindowProblem.NoThroughput, $"No forecast of when {items} items are done: {history.ZeroThroughputReason}, so at that throughput they are never done.");

            RefuseTooMuchWork(options.Trials, Math.Min(MaxDays, Math.Ceiling(items / history.ThroughputPerDay)), FormattableString.Invariant($"forecast fewer items than {items:N0}"));
            var perDay = history.ItemsPerDayArray;
            // A date past 9999-12-31 cannot be written, so a trial may run only as many days as are left before it.
            var daysLeft = (DateTime.MaxValue.Ticks - start.Ticks) / TimeSpan.TicksPerDay;
            var maxDays = (int)Math.Min(MaxDays, daysLeft);
            var daysNeeded = RunTrials(options, progress, cancel, (ref SimulationRandom random) =>
            {
                long done = 0;
                var days = 0;
                while (done < items)
                {
                    if (days == MaxDays)
                        throw new WorkLimitException(WorkLimit.ForecastDays, string.Format(CultureInfo.InvariantCulture,
                            "A trial needed more than {0:N0} days (100 years) to finish {1:N0} items from a history averaging {2} a day; forecast fewer items, or from a history with more throughput.",
                            MaxDays, items, Display.Rate(history.ThroughputPerDay)));
                    if (days == maxDays)
                        throw new WindowException(WindowProblem.Start, string.Format(CultureInfo.InvariantCulture,
                            "A trial starting on {0:yyyy-MM-dd} needed more days than the {1:N0} left before the end of 9999-12-31, the last day of the calendar, to finish {2:N0} items; start the forecast earlier, or forecast fewer items.",
                            start, maxDays, items));
                    done += perDay[(int)(random.NextDouble() * perDay.Length)];
                    days++;
                }
                return days;
            });
            Array.Sort(daysNeeded);
            return Answers(history, ForecastQuestion.When, start, options, percent => (items, daysNeeded[NearestRank.Index(daysNeeded.Length, percent)]));
        }

        /// <summary>
        /// How many items will be done by <paramref name="by"/>? A trial adds up the throughput of the whole days
        /// from the start to <paramref name="by"/> (excluded; a day <paramref name="by"/> cuts short does not count).
        /// At likelihood p the answer is the (1 − p)-quantile of those totals by nearest rank — the most items that
        /// at least p of the trials reach — so "85 %" means at least that many are done in 85 % of the trials.
        /// </summary>
        /// <param name="by">A local time is converted to UTC; an unspecified kind is taken as UTC.</param>
        /// <param name="progress">Called with the number of trials done so far, from any thread.</param>
        /// <exception cref="ArgumentException">Trials out of range; no start.</exception>
        /// <exception cref="WindowException">By less than a day after the start, more than <see cref="MaxDays"/> after it, or so far that the totals could overflow (<see cref="WindowProblem.By"/>).</exception>
        /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
        public static IReadOnlyList<Forecast> HowManyBy(ThroughputHistory history, DateTime by, ForecastOptions options, Action<int>? progress = null, CancellationToken cancel = default)
        {
            if (history is null) throw new ArgumentNullException(nameof(history));
            var start = StartOf(history, options);
            var byUtc = LogTimestamp.AsUtc(by);
            var wholeDays = (byUtc.Ticks - start.Ticks) / TimeSpan.TicksPerDay;
            if (wholeDays < 1)
                throw new WindowException(WindowProblem.By, $"By ({byUtc:u}) must be at least a whole day after the forecast's start ({start:yyyy-MM-dd}): only whole days count.");
            if (wholeDays > MaxDays)
                throw new WindowException(WindowProblem.By, string.Format(CultureInfo.InvariantCulture, "By ({0:yyyy-MM-dd}) is {1:N0} days after the forecast's start; forecasts reach at most {2:N0} days (100 years).", byUtc, wholeDays, MaxDays));
            var days = (int)wholeDays;
            var perDay = history.ItemsPerDayArray;
            if ((long)perDay.Max() * days > int.MaxValue)
                throw new WindowException(WindowProblem.By, string.Format(CultureInfo.InvariantCulture, "In {0:N0} days the history's busiest day ({1:N0} items) adds up to more than {2:N0} items, too many to count; choose an earlier By.", days, perDay.Max(), int.MaxValue));

            RefuseTooMuchWork(options.Trials, days, "choose an earlier By");
            var totals = RunTrials(options, progress, cancel, (ref SimulationRandom random) =>
            {
                var total = 0;
                for (var d = 0; d < days; d++) total += perDay[(int)(random.NextDouble() * perDay.Length)];
                return total;
            });
            Array.Sort(totals);
            // Counted down from the largest total, the p-quantile's rank is the most items at least p of the trials reach.
            return Answers(history, ForecastQuestion.HowMany, start, options, percent => (totals[totals.Length - 1 - NearestRank.Index(totals.Length, percent)], days));
        }

        /// <exception cref="WorkLimitException">More than <see cref="MaxTrialDays"/> days to draw.</exception>
        private static void RefuseTooMuchWork(int trials, double daysPerTrial, string remedy)
        {
            var work = trials * daysPerTrial;
            if (work > MaxTrialDays)
                throw new WorkLimitException(WorkLimit.ForecastDays, string.Format(CultureInfo.InvariantCulture,
                    "This forecast would draw about {0:N0} days ({1:N0} trials of about {2:N0} days), more than the {3:N0} allowed (several minutes of work); run fewer trials, or {4}.",
                    work, trials, daysPerTrial, MaxTrialDays, remedy));
        }

        private static DateTime StartOf(ThroughputHistory history, ForecastOptions options)
        {
            if (options is null) throw new ArgumentNullException(nameof(options));
            if (options.Trials < 1 || options.Trials > MaxTrials)
                throw new ArgumentException(string.Format(CultureInfo.InvariantCulture, "The number of trials must be from 1 to {0:N0}; it is {1:N0}.", MaxTrials, options.Trials), nameof(options));
            var start = options.Start is DateTime given ? LogTimestamp.AsUtc(given)
                : history.NextDay ?? throw (history.From is DateTime
                    ? new WindowException(WindowProblem.Start, "The history ends on 9999-12-31, the last day of the calendar, so a forecast from it has no day to start on; give a start day.")
                    : new ArgumentException("A forecast from a list of daily counts needs a start day.", nameof(options)));
            return start.Date;
        }

        private static int[] RunTrials(ForecastOptions options, Action<int>? progress, CancellationToken cancel, Trial trial)
        {
            var results = new int[options.Trials];
            var chunks = (results.Length + TrialsPerChunk - 1) / TrialsPerChunk;
            var done = 0;
            var parallel = new ParallelOptions { CancellationToken = cancel, MaxDegreeOfParallelism = options.MaxParallelism ?? -1 };
            try
            {
                Parallel.For(0, chunks, parallel, chunk =>
                {
                    var random = SimulationRandom.ForReplication(options.Seed, chunk);
                    var first = chunk * TrialsPerChunk;
                    var end = Math.Min(results.Length, first + TrialsPerChunk);
                    for (var t = first; t < end; t++)
                    {
                        // A trial can take 100 years of days; Ctrl+C should not wait for a whole chunk of them.
                        cancel.ThrowIfCancellationRequested();
                        results[t] = trial(ref random);
                    }
                    progress?.Invoke(Interlocked.Add(ref done, end - first));
                });
            }
            catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
            {
                var first = ex.InnerExceptions[0];
                if (first is WorkLimitException || first is ArgumentException || first is OperationCanceledException) throw first;
                throw;
            }
            return results;
        }

        private static IReadOnlyList<Forecast> Answers(ThroughputHistory history, ForecastQuestion question, DateTime start, ForecastOptions options, Func<int, (int Items, int Days)> answerAt) =>
            LikelihoodPercents.Select(percent =>
            {
                var (items, days) = answerAt(percent);
                return new Forecast
                {
                    Source = history.Source,
                    Workflow = history.Workflow,
                    Question = question,
                    Likelihood = percent / 100.0,
                    Items = items,
                    Date = start.AddDays(days),
                    Days = days,
                    Start = start,
                    Trials = options.Trials,
                    Seed = options.Seed,
                    HistoryDays = history.ItemsPerDay.Count,
                    HistoryFrom = history.From,
                    HistoryTo = history.To,
                    ThroughputPerDay = history.ThroughputPerDay,
                };
            }).ToArray();
    }
}
