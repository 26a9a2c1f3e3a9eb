using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ConstraintTools.Flow;
using ConstraintTools.Notation;
using ConstraintTools.Queueing;
using ConstraintTools.Statistics;

namespace ConstraintTools.Simulation
{
    /// <summary>
    /// Discrete-event simulation of a workflow (SPEC section 5), replicated in parallel. Replication r
    /// draws from its own stream, a function of the seed and r only, so the result does not depend on
    /// how many cores run it or in what order.
    /// </summary>
    public static class FlowSimulator
    {
        /// <summary>About five minutes on one core at the measured 7 million visits a second: a run longer than that is almost surely a mistaken duration.</summary>
        public const double MaxStageVisits = 2e9;

        /// <summary>
        /// WIP samples a run may keep: each costs about 60 bytes in memory and more once PowerShell holds it, so a
        /// million or two is already a chart nobody reads point by point; a sampling interval of one tick would want
        /// trillions and exhaust memory.
        /// </summary>
        public const int MaxWipSamples = 2_000_000;

        /// <summary>Refuses, before any work, a sampling interval that would keep more than <see cref="MaxWipSamples"/> samples.</summary>
        /// <exception cref="WorkLimitException">Too many samples; the message gives the count and the shortest interval allowed.</exception>
        public static void CheckWipSamples(TimeSpan duration, TimeSpan sampleEvery, int replications, int stages)
        {
            // One at time 0 and one every interval up to and including the end.
            var instants = Math.Floor((double)duration.Ticks / sampleEvery.Ticks) + 1;
            var samples = instants * replications * stages;
            if (samples <= MaxWipSamples) return;
            var allowedInstants = Math.Floor(MaxWipSamples / ((double)replications * stages));
            // Intervals of at least duration / (allowed − 1) leave at most the allowed instants.
            var remedy = allowedInstants >= 2
                ? $"sample every {HoursAndMinutes(Math.Ceiling(duration.TotalMinutes / (allowedInstants - 1)))} or less often, or run fewer replications"
                : "run fewer replications";
            throw new WorkLimitException(WorkLimit.WipSamples, string.Format(CultureInfo.InvariantCulture,
                "Sampling the WIP every {0} over {1} would keep {2:N0} samples ({3:N0} instants × {4:N0} replication{5} × {6:N0} stage{7}), more than the {8:N0} allowed; {9}.",
                Display.Duration(sampleEvery), Display.Duration(duration), samples, instants, replications, replications == 1 ? "" : "s", stages, stages == 1 ? "" : "s", MaxWipSamples, remedy));
        }

        /// <summary>Whole minutes as 2h38m, 45m or 4368h: what -SampleInterval takes back as written.</summary>
        private static string HoursAndMinutes(double wholeMinutes)
        {
            var minutes = (long)wholeMinutes;
            var (hours, rest) = (minutes / 60, minutes % 60);
            if (hours == 0) return FormattableString.Invariant($"{rest}m");
            return rest == 0 ? FormattableString.Invariant($"{hours}h") : FormattableString.Invariant($"{hours}h{rest}m");
        }

        /// <summary>Demand × weeks × visits per item (from the traffic equations) × replications.</summary>
        private static double ExpectedStageVisits(Workflow workflow, SimulationOptions options)
        {
            var visitsPerItem = WorkflowAnalyzer.Analyze(workflow).Stages.Sum(s => s.VisitRatio);
            return workflow.DemandPerWeek * options.Duration.TotalDays / 7 * visitsPerItem * options.Replications;
        }

        /// <summary>Status changes a simulated log may hold: 16 bytes each once built and about twice that while built, so a few hundred megabytes.</summary>
        public const long MaxLogChanges = 10_000_000;

        /// <param name="progress">Called with the number of replications done so far, from any thread.</param>
        /// <exception cref="ArgumentException">A duration, warm-up or replication count out of range.</exception>
        /// <exception cref="WorkLimitException">More stage visits than <see cref="MaxStageVisits"/>.</exception>
        /// <exception cref="InputException">The workflow is not valid.</exception>
        /// <exception cref="WorkLimitException">The workflow piles up more items than memory allows.</exception>
        /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
        public static SimulationResult Run(Workflow workflow, SimulationOptions options, Action<int>? progress = null, CancellationToken cancel = default)
        {
            var model = Prepare(workflow, options);
            if (options.SampleEvery is TimeSpan interval) CheckWipSamples(options.Duration, interval, options.Replications, model.Count);
            var results = RunReplications(model, options, _ => null, progress, cancel);
            return Summarize(workflow, model, options, results, (options.Duration.TotalHours - options.WarmUp.TotalHours) / Quantity.HoursPerCalendarWeek);
        }

        /// <summary>
        /// The status-change log each replication would leave in a tracker (see <see cref="StatusRecorder"/>): one log
        /// per replication, from an empty workflow at <paramref name="start"/> to the end of the duration, items still
        /// open included; item ids are <paramref name="idPrefix"/> and a number. The warm-up does not apply.
        /// </summary>
        /// <exception cref="ArgumentException">Options out of range.</exception>
        /// <exception cref="WorkLimitException">Logs of more than <see cref="MaxLogChanges"/> changes, or more stage visits than <see cref="MaxStageVisits"/>.</exception>
        /// <exception cref="InputException">The workflow is not valid.</exception>
        /// <exception cref="WorkLimitException">The workflow piles up more items than memory allows.</exception>
        /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
        public static IReadOnlyList<WorkItemLog> Logs(Workflow workflow, SimulationOptions options, DateTimeOffset start, string idPrefix = "SIM-", Action<int>? progress = null, CancellationToken cancel = default)
        {
            var model = Prepare(workflow, options);
            if (idPrefix is null) throw new ArgumentNullException(nameof(idPrefix));
            var weeks = options.Duration.TotalDays / 7;
            // Each visit writes at most a queue and an active status, and each item one done status.
            var changes = 2 * ExpectedStageVisits(workflow, options) + workflow.DemandPerWeek * weeks * options.Replications;
            if (changes > MaxLogChanges)
                throw new WorkLimitException(WorkLimit.SimulatedLogChanges, string.Format(CultureInfo.InvariantCulture,
                    "These logs would hold about {0:N0} status changes ({1} replication{2} of {3} at {4:0.##} items a week), more than the {5:N0} allowed (several hundred megabytes); shorten the duration or run fewer replications.",
                    changes, options.Replications, options.Replications == 1 ? "" : "s", Display.Duration(options.Duration), workflow.DemandPerWeek, MaxLogChanges));
            var recorders = new StatusRecorder[options.Replications];
            for (var r = 0; r < recorders.Length; r++)
                recorders[r] = new StatusRecorder(workflow, model.Network.Measured, start, idPrefix,
                    string.Format(CultureInfo.InvariantCulture, "simulated {0}, replication {1} of seed {2}", workflow.Name, r + 1, options.Seed));
            RunReplications(model, options, r => recorders[r], progress, cancel);
            return recorders.Select(r => r.Build()).ToArray();
        }

        private static SimulationModel Prepare(Workflow workflow, SimulationOptions options)
        {
            if (workflow is null) throw new ArgumentNullException(nameof(workflow));
            if (options is null) throw new ArgumentNullException(nameof(options));
            if (options.Duration <= TimeSpan.Zero) throw new ArgumentException("The duration must be positive.", nameof(options));
            if (options.WarmUp < TimeSpan.Zero || options.WarmUp >= options.Duration) throw new ArgumentException("The warm-up must be at least 0 and shorter than the duration.", nameof(options));
            if (options.Replications < 1) throw new ArgumentException("At least one replication is needed.", nameof(options));
            if (options.SampleEvery is TimeSpan every && every <= TimeSpan.Zero) throw new ArgumentException("The sampling interval must be positive.", nameof(options));

            var model = new SimulationModel(workflow.Network);
            var expected = ExpectedStageVisits(workflow, options);
            if (expected > MaxStageVisits)
                throw new WorkLimitException(WorkLimit.SimulatedVisits, string.Format(CultureInfo.InvariantCulture,
                    "This run would simulate about {0:N0} stage visits ({1} replications of {2} at {3:0.##} items a week), more than the {4:N0} allowed (several minutes of work); shorten the duration or run fewer replications.",
                    expected, options.Replications, Display.Duration(options.Duration), workflow.DemandPerWeek, MaxStageVisits));
            return model;
        }

        private static ReplicationResult[] RunReplications(SimulationModel model, SimulationOptions options, Func<int, StatusRecorder?> recorder, Action<int>? progress, CancellationToken cancel)
        {
            var duration = options.Duration.TotalHours;
            var warmUp = options.WarmUp.TotalHours;
            var sampleEvery = options.SampleEvery?.TotalHours ?? 0;
            var results = new ReplicationResult[options.Replications];
            var done = 0;
            var parallel = new ParallelOptions { CancellationToken = cancel, MaxDegreeOfParallelism = options.MaxParallelism ?? -1 };
            try
            {
                Parallel.For(0, options.Replications, parallel, r =>
                {
                    var replication = new Replication(model, duration, warmUp, sampleEvery, SimulationRandom.ForReplication(options.Seed, r)) { Statuses = recorder(r) };
                    replication.Run(cancel);
                    results[r] = replication.Result;
                    progress?.Invoke(Interlocked.Increment(ref done));
                });
            }
            catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
            {
                var first = ex.InnerExceptions[0];
                if (first is WorkLimitException || first is OperationCanceledException) throw first;
                throw;
            }
            return results;
        }

        private static SimulationResult Summarize(Workflow workflow, SimulationModel model, SimulationOptions options, ReplicationResult[] results, double weeks)
        {
            var n = model.Count;
            var hours = weeks * Quantity.HoursPerCalendarWeek;
            var stages = new SimulatedStage[n];
            for (var s = 0; s < n; s++)
            {
                var servers = model.Servers[s];
                var limited = servers != int.MaxValue;
                var utilization = limited ? SampleStatistics.MeanWithHalfWidth(results.Select(r => r.BusyArea[s] / (servers * hours))) : default;
                var wait = SampleStatistics.MeanWithHalfWidth(results.Where(r => r.Departures[s] > 0).Select(r => r.WaitHours[s] / r.Departures[s]));
                var cycle = SampleStatistics.MeanWithHalfWidth(results.Where(r => r.Departures[s] > 0).Select(r => r.CycleHours[s] / r.Departures[s]));
                var throughput = SampleStatistics.MeanWithHalfWidth(results.Select(r => r.Departures[s] / weeks));
                var wip = SampleStatistics.MeanWithHalfWidth(results.Select(r => r.WipArea[s] / hours));
                var capacity = model.Network.Capacity[s];
                stages[s] = new SimulatedStage
                {
                    Workflow = workflow.Name,
                    Stage = workflow.Stages[s].Name,
                    Position = s + 1,
                    Servers = workflow.Stages[s].Servers,
                    CapacityPerWeek = model.Network.Measured[s] && !double.IsPositiveInfinity(capacity) ? capacity : null,
                    IsMeasured = model.Network.Measured[s],
                    IsCadence = model.Cadence[s] > 0,
                    VisitRatio = Ratio(results.Sum(r => (long)r.Arrivals[s]), results.Sum(r => (long)r.ExternalArrivals)),
                    ArrivalRatePerWeek = results.Average(r => r.Arrivals[s] / weeks),
                    Utilization = limited ? utilization.Mean : null,
                    UtilizationHalfWidth = limited ? utilization.HalfWidth : null,
                    ThroughputPerWeek = throughput.Mean ?? 0,
                    ThroughputHalfWidthPerWeek = throughput.HalfWidth,
                    QueueGrowthPerWeek = results.Average(r => (r.WipAtEnd[s] - r.WipAtWarmUp[s]) / weeks),
                    WaitTime = Hours(wait.Mean),
                    WaitTimeHalfWidth = Hours(wait.HalfWidth),
                    ServiceTime = wait.Mean is double w && cycle.Mean is double c ? Hours(c - w) : null,
                    CycleTime = Hours(cycle.Mean),
                    CycleTimeHalfWidth = Hours(cycle.HalfWidth),
                    Wip = wip.Mean ?? 0,
                    WipHalfWidth = wip.HalfWidth,
                    MaxWip = results.Max(r => r.MaxWip[s]),
                    Replications = results.Length,
                };
            }
            var constraint = stages.Where(st => st.Utilization.HasValue).OrderByDescending(st => st.Utilization!.Value).ThenBy(st => st.Position).FirstOrDefault();
            if (constraint != null) constraint.IsConstraint = true;

            var leadTimes = results.SelectMany(r => r.LeadTimes).ToList();
            leadTimes.Sort();
            var lead = SampleStatistics.MeanWithHalfWidth(results.Where(r => r.LeadTimes.Count > 0).Select(r => r.LeadTimes.Average()));
            var systemThroughput = SampleStatistics.MeanWithHalfWidth(results.Select(r => r.LeadTimes.Count / weeks));
            var systemWip = SampleStatistics.MeanWithHalfWidth(results.Select(r => r.WipArea.Sum() / hours));
            var summary = new SimulationSummary
            {
                Workflow = workflow.Name,
                Replications = results.Length,
                Seed = options.Seed,
                Duration = options.Duration,
                WarmUp = options.WarmUp,
                ThroughputPerWeek = systemThroughput.Mean ?? 0,
                ThroughputHalfWidthPerWeek = systemThroughput.HalfWidth,
                LeadTime = Hours(lead.Mean),
                LeadTimeHalfWidth = Hours(lead.HalfWidth),
                LeadTimeP50 = Percentile(leadTimes, 50),
                LeadTimeP85 = Percentile(leadTimes, 85),
                LeadTimeP95 = Percentile(leadTimes, 95),
                Wip = systemWip.Mean ?? 0,
                WipHalfWidth = systemWip.HalfWidth,
                Completed = leadTimes.Count,
                Backlog = results.Average(r => (double)r.Backlog),
                Constraint = constraint?.Stage,
                StageVisits = results.Sum(r => r.Visits),
                Stages = stages,
            };

            var series = new List<WipSample>();
            for (var r = 0; r < results.Length; r++)
                foreach (var (at, counts) in results[r].Samples)
                    for (var s = 0; s < n; s++)
                        series.Add(new WipSample { Workflow = workflow.Name, Replication = r + 1, Time = Quantity.HoursToTimeSpan(at), Stage = workflow.Stages[s].Name, Wip = counts[s] });
            return new SimulationResult { Stages = stages, Summary = summary, TimeSeries = series };
        }

        private static double Ratio(long part, long whole) => whole > 0 ? (double)part / whole : 0;

        private static TimeSpan? Hours(double? hours) => hours is double h ? Quantity.HoursToTimeSpan(h) : null;

        private static TimeSpan? Percentile(List<double> sorted, int percent)
        {
            if (sorted.Count == 0) return null;
            return Quantity.HoursToTimeSpan(sorted[NearestRank.Index(sorted.Count, percent)]);
        }

    }
}
