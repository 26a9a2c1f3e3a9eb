using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ConstraintTools.Notation;
using ConstraintTools.Queueing;
using ConstraintTools.Statistics;
using static ConstraintTools.Notation.Display;

namespace ConstraintTools.Flow
{
    /// <summary>
    /// Fits a workflow to a work-item log (SPEC section 4, issue 13), for what-if analysis: the template gives the
    /// stages, their status mapping, calendars, availability, servers and cadences; the log gives the demand, each
    /// stage's service time and cv, the routing with rework, the WIP, and the time spent outside the stages. The
    /// model's throughput, lead time and constraint agree with the log's.
    /// </summary>
    /// <remarks>
    /// <para>Demand: items whose first visit to a stage starts in the window, per calendar week (an item created
    /// earlier that enters now is demand now); its cv is that of the gaps between those starts; it enters at the
    /// stage most of them visit first.</para>
    /// <para>Time outside the stages: each status mapped to no stage that holds 1 % or more of the finished items'
    /// lead time becomes a stage of its own, after the template's, so that its time and the routes through it are
    /// in the model. Such a stage, and a template stage with only queue statuses, is a delay: nobody works there,
    /// so it is held as a release train every twice its mean time a visit, which keeps work there that long on
    /// average and never limits throughput.</para>
    /// <para>Service: over the visits that ended in the window, the time in active statuses per visit is the
    /// calendar time in service, te; serviceTime = mean te × availability × working hours per week / 168, and the
    /// cv is that of te. Where more items were active at once than the template's servers (and 20 visits show
    /// it), the active time holds waiting too: the servers and te come from how fast the stage finished work as
    /// items waited (<see cref="StageOccupancy.FitServers"/>). With fewer visits, the servers are the most items
    /// active at once.</para>
    /// <para>Waits: each stage's cv is then set so that the model's wait is the wait measured (queue statuses, or
    /// the time in the stage beyond its paced service), since a log of months has not reached the long run of a
    /// nearly saturated stage; unstable stages and delays keep theirs.</para>
    /// <para>Routing: where each visit that ended in the window went next, counted: the next visit's stage, also
    /// after a done status (a reopened item), else done. Visits of items still open with nothing mapped after them
    /// are left out, since where they go is not known yet.</para>
    /// <para>WIP: the time-weighted average, rounded. A stage the log says nothing about keeps the template's
    /// figures, with a note; a cadence stage keeps its cadence.</para>
    /// </remarks>
    public static class WorkflowFit
    {
        private const int MinimumForCv = 2;

        /// <summary>Statuses that hold at least this share of the finished items' lead time become stages of the model, so that their time is in its lead time.</summary>
        private const double UnmappedShareModelled = 0.01;

        /// <param name="notes">What the fit could not take from the log, or changed against the template, one sentence each.</param>
        /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
        public static Workflow Fit(WorkItemLog log, Workflow template, out IReadOnlyList<string> notes, DateTime? from = null, DateTime? to = null, string? name = null, CancellationToken cancel = default)
        {
            if (log is null) throw new ArgumentNullException(nameof(log));
            if (template is null) throw new ArgumentNullException(nameof(template));
            var window = LogWindow.Resolve(log, from, to);
            var said = new List<string>();
            var extended = WithUnmappedStatuses(log, template, window, cancel);
            var (flow, loads, _) = FlowConstraint.Measure(log, extended, from, to, cancel);
            var count = extended.Stages.Count;
            var map = StatusMap.For(log, extended);
            var timeline = new ItemTimeline(log, map, count, window.EndTicks, cancel);
            var fromTicks = window.From.Ticks;

            var starts = new List<long>();
            var entries = new int[count];
            var visits = new int[count];
            var activeHours = new double[count];
            var activeSquares = new double[count];
            var stageHours = new double[count];
            var routes = new int[count, count + 1]; // the last column counts exits
            for (var item = 0; item < log.ItemCount; item++)
            {
                if (!timeline.Load(item) || timeline.VisitCount == 0) continue;
                // Demand is what entered the stages in the window: an item created earlier that starts now is demand now.
                if (timeline.Visit(0).Start >= fromTicks)
                {
                    starts.Add(timeline.Visit(0).Start);
                    entries[timeline.Visit(0).Stage]++;
                }
                for (var v = 0; v < timeline.VisitCount; v++)
                {
                    ref var visit = ref timeline.Visit(v);
                    if (visit.IsOpen || visit.Stop < fromTicks) continue;
                    var hours = visit.ActiveTicks / (double)TimeSpan.TicksPerHour;
                    visits[visit.Stage]++;
                    activeHours[visit.Stage] += hours;
                    activeSquares[visit.Stage] += hours * hours;
                    stageHours[visit.Stage] += (visit.Stop - visit.Start) / (double)TimeSpan.TicksPerHour;
                    // A visit after a done status (the item reopened) is where the work went, not an exit.
                    var next = v + 1 < timeline.VisitCount ? timeline.Visit(v + 1).Stage : visit.Next;
                    if (next == ItemTimeline.Exit) routes[visit.Stage, count]++;
                    else if (next >= 0) routes[visit.Stage, next]++;
                }
            }

            var weeks = (window.To - window.From).TotalDays / 7;
            var stages = new WorkflowStage[count];
            var paceFromThroughput = new bool[count];
            for (var s = 0; s < count; s++)
            {
                var stage = extended.Stages[s];
                var measured = flow.Stages[s];
                var servers = stage.Servers;
                double? serviceHours = stage.ServiceTimeHours, capacity = stage.CapacityPerWeek;
                var cadence = stage.Cadence;
                var cv = stage.Cv;
                var isExternal = s >= template.Stages.Count;
                if (stage.Cadence.HasValue)
                    said.Add($"{Display.Excerpt(stage.Name)} keeps its cadence of {Display.Duration(stage.Cadence)}: release trains are not fitted from a log.");
                else if (visits[s] == 0)
                    said.Add($"No visit to {Display.Excerpt(stage.Name)} ended in the window: it keeps the template's service time.");
                else if (isExternal || stage.States.Count == 0)
                {
                    // Time no one works on: waiting, held as a train every twice the mean time, which keeps work that long on average and never limits throughput.
                    var hours = stageHours[s] / visits[s];
                    (serviceHours, capacity, cadence) = (null, null, Quantity.HoursToTimeSpan(2 * hours));
                    said.Add(isExternal
                        ? $"Time in '{Display.Excerpt(stage.States[0])}', mapped to no stage, is held as a delay of {Display.Duration(Quantity.HoursToTimeSpan(hours))} a visit, the stage {Display.Excerpt(stage.Name)} (a release every {Display.Duration(cadence)} keeps work there that long on average and limits nothing)."
                        : $"{Display.Excerpt(stage.Name)} has only queue statuses: it is held as a delay of {Display.Duration(Quantity.HoursToTimeSpan(hours))} a visit (a release every {Display.Duration(cadence)} keeps work there that long on average and limits nothing).");
                }
                else if (activeHours[s] <= 0)
                    said.Add($"{Display.Excerpt(stage.Name)} shows no time in active statuses ({Display.Names(stage.States)}): it keeps the template's service time.");
                else
                {
                    var calendar = stage.Calendar ?? template.Calendar;
                    double meanServiceHours;
                    if (loads[s] is { ServersEstimated: true, Servers: int estimated, CapacityPerWeek: double fittedCapacity } && fittedCapacity > 0)
                    {
                        // Active time holds waiting too: the servers and their pace come from how fast the stage finished work.
                        servers = estimated;
                        paceFromThroughput[s] = true;
                        meanServiceHours = estimated * Quantity.HoursPerCalendarWeek / fittedCapacity;
                        said.Add($"{Display.Excerpt(stage.Name)} had more items active at once than {Plural(stage.Servers, "server")} can work on: it gets {estimated}, and {Display.Duration(Quantity.HoursToTimeSpan(meanServiceHours))} an item, from how fast it finished work as items waited; its cv starts from the template's.");
                    }
                    else
                    {
                        servers = Servers(log, timeline, stage, measured, s, window, said);
                        var n = visits[s];
                        meanServiceHours = activeHours[s] / n;
                        if (n >= MinimumForCv)
                        {
                            var deviations = Math.Max(0, activeSquares[s] - n * meanServiceHours * meanServiceHours);
                            cv = WithinModel(SampleStatistics.StandardDeviation(n, deviations) / meanServiceHours, $"{Display.Excerpt(stage.Name)}'s time in service", said);
                        }
                        else said.Add($"Only one visit to {Display.Excerpt(stage.Name)} ended in the window: it keeps the template's cv.");
                    }
                    serviceHours = meanServiceHours * stage.Availability * calendar.HoursPerWeek / Quantity.HoursPerCalendarWeek;
                    capacity = null;
                }

                stages[s] = new WorkflowStage(stage)
                {
                    Servers = servers,
                    ServiceTimeHours = serviceHours,
                    CapacityPerWeek = capacity,
                    Cadence = cadence,
                    Cv = cv,
                    ObservedWip = measured.Wip is double wip ? (int)Math.Round(wip) : null,
                    Routes = Routing(extended, routes, s, said),
                };
            }

            var entry = EntryStage(extended, entries, said);
            notes = said;
            var fitted = new Workflow(string.IsNullOrWhiteSpace(name) ? template.Name : name!)
            {
                Calendar = template.Calendar,
                DemandPerWeek = weeks > 0 ? starts.Count / weeks : 0,
                DemandCv = ArrivalCv(starts) is double arrivalCv ? WithinModel(arrivalCv, "The gaps between arrivals", said) : template.DemandCv,
                EntryStage = entry,
                ValuePerItem = template.ValuePerItem,
                Stages = stages,
                DoneStates = template.DoneStates,
            };
            try
            {
                fitted.Validate();
            }
            catch (InputException ex)
            {
                throw new InputException($"the routing fitted from the log is not a workable model ({ex.Reason}); a window in which finished items show how work leaves the stages fixes it", ex.Field, inner: ex);
            }
            return WithMeasuredWaits(fitted, flow, paceFromThroughput, said);
        }

        /// <summary>
        /// The queue statuses' time a visit; without queue statuses, the time in the stage beyond the service paced by
        /// its throughput (the wait sits inside the active status). Null when the log cannot tell waiting from work.
        /// </summary>
        private static TimeSpan? MeasuredWait(WorkflowStage stage, StageFlow measured, StageMetrics model, bool paceFromThroughput) =>
            stage.QueueStates.Count > 0 ? measured.WaitTime
            : !paceFromThroughput ? null
            : measured.TimeInStage is TimeSpan inStage && model.ServiceTime is TimeSpan service ? TimeSpan.FromTicks(Math.Max(0, inStage.Ticks - service.Ticks)) : null;

        private const int CalibrationRounds = 4;
        private const double NoticeableCvChange = 0.05;

        /// <summary>
        /// Sets each stage's service cv so that the model's wait is the wait the log measured. Allen–Cunneen's wait
        /// grows with (ca² + cs²)/2, so cs² = (ca² + cs²)·measured/modelled − ca²; a stage's cv changes the arrival cv
        /// downstream, hence a few rounds. The measured service times alone would model the long run of a stage at
        /// its load, which a log of a few months of a nearly saturated stage has not reached: a model that waits
        /// longer than its log is no fit. Stages without a measured wait, unstable ones and delays keep their cv.
        /// </summary>
        private static Workflow WithMeasuredWaits(Workflow fitted, FlowReport flow, bool[] paceFromThroughput, List<string> said)
        {
            var count = fitted.Stages.Count;
            var original = fitted.Stages.Select(st => st.Cv).ToArray();
            var current = fitted;
            for (var round = 0; round < CalibrationRounds; round++)
            {
                var model = WorkflowAnalyzer.Analyze(current);
                var stages = current.Stages.ToArray();
                for (var s = 0; s < count; s++)
                {
                    var stage = stages[s];
                    var metrics = model.Stages[s];
                    if (stage.Cadence.HasValue || flow.Stages[s].Departures == 0 || MeasuredWait(stage, flow.Stages[s], metrics, paceFromThroughput[s]) is not TimeSpan measured) continue;
                    if (metrics.WaitTime is not TimeSpan modelled || modelled.Ticks <= 0 || !metrics.IsStable) continue;
                    var ca2 = metrics.ArrivalCv * metrics.ArrivalCv;
                    var cs2 = (ca2 + stage.Cv * stage.Cv) * measured.Ticks / modelled.Ticks - ca2;
                    stages[s] = new WorkflowStage(stage) { Cv = Math.Min(Workflow.MaxCv, Math.Sqrt(Math.Max(0, cs2))) };
                }
                current = new Workflow(current) { Stages = stages };
            }
            var changed = Enumerable.Range(0, count).Where(s => Math.Abs(current.Stages[s].Cv - original[s]) >= NoticeableCvChange).ToList();
            if (changed.Count > 0)
                said.Add("Service cvs are set so that each stage waits as long as the log measured (" +
                    string.Join(", ", changed.Take(6).Select(s => $"{Display.Excerpt(current.Stages[s].Name)} {Number(original[s])} → {Number(current.Stages[s].Cv)}")) +
                    (changed.Count > 6 ? $" and {changed.Count - 6} more" : "") +
                    "): a stage near its capacity waits less in a log of months than in the long run its service times alone would model.");
            return current;
        }

        /// <summary>The template with a stage for each status mapped to no stage that holds a noticeable share of the lead time, after the template's stages.</summary>
        private static Workflow WithUnmappedStatuses(WorkItemLog log, Workflow template, LogWindow window, CancellationToken cancel)
        {
            var occupancy = StageOccupancy.Measure(log, template, window, cancel);
            var taken = new HashSet<string>(template.Stages.Select(st => st.Name), StringComparer.OrdinalIgnoreCase);
            var added = new List<WorkflowStage>();
            foreach (var (status, share) in FlowConstraint.UnmeasuredByStatus(log, occupancy))
            {
                if (share < UnmappedShareModelled) break;
                var stageName = taken.Contains(status) ? status + " (unmapped)" : status;
                if (!taken.Add(stageName)) continue;
                added.Add(new WorkflowStage(stageName) { States = new[] { status } });
            }
            if (added.Count == 0) return template;
            // The template's last stage kept its exit: routes are fitted, but a stage with none keeps the template's.
            var stages = template.Stages.Select((st, i) => i == template.Stages.Count - 1 && st.Routes.Count == 0 ? new WorkflowStage(st) { Routes = new[] { new Route(null, 1) } } : st);
            return new Workflow(template) { Stages = stages.Concat(added).ToArray() };
        }

        /// <summary>A measured cv, or the most a model takes, with a note, when the log varies more.</summary>
        private static double WithinModel(double cv, string what, List<string> said)
        {
            if (cv <= Workflow.MaxCv) return cv;
            said.Add($"{what} vary with a cv of {Number(cv)}, more than the {Number(Workflow.MaxCv)} a model takes (a few very long ones, or work that arrives in bulk): the model uses {Number(Workflow.MaxCv)}.");
            return Workflow.MaxCv;
        }

        /// <summary>The cv of the gaps between arrivals; null with fewer than two gaps or no spread in time.</summary>
        private static double? ArrivalCv(List<long> starts)
        {
            if (starts.Count < MinimumForCv + 1) return null;
            starts.Sort();
            var gaps = starts.Count - 1;
            var mean = (double)(starts[gaps] - starts[0]) / gaps;
            if (mean <= 0) return null;
            double squares = 0;
            for (var i = 1; i < starts.Count; i++)
            {
                var deviation = starts[i] - starts[i - 1] - mean;
                squares += deviation * deviation;
            }
            return SampleStatistics.StandardDeviation(gaps, squares) / mean;
        }

        private static string? EntryStage(Workflow template, int[] entries, List<string> said)
        {
            var entered = entries.Sum();
            if (entered == 0) return template.EntryStage;
            var most = 0;
            for (var s = 1; s < entries.Length; s++) if (entries[s] > entries[most]) most = s;
            if (entries[most] < entered)
                said.Add($"{PercentInText(1 - (double)entries[most] / entered)} of the items started in the window entered at another stage than {template.Stages[most].Name}; the model sends all work to {template.Stages[most].Name}.");
            return most == 0 ? null : template.Stages[most].Name;
        }

        private static IReadOnlyList<Route> Routing(Workflow template, int[,] routes, int s, List<string> said)
        {
            var count = template.Stages.Count;
            var total = 0;
            for (var t = 0; t <= count; t++) total += routes[s, t];
            if (total == 0)
            {
                said.Add($"No visit to {template.Stages[s].Name} ended with a known next status: it keeps the template's routing.");
                return template.Stages[s].Routes;
            }
            var fitted = new List<Route>();
            for (var t = 0; t <= count; t++)
                if (routes[s, t] > 0) fitted.Add(new Route(t < count ? template.Stages[t].Name : null, (double)routes[s, t] / total));
            var byDefault = s + 1 < count ? template.Stages[s + 1].Name : null;
            return fitted.Count == 1 && string.Equals(fitted[0].To, byDefault, StringComparison.OrdinalIgnoreCase)
                ? Array.Empty<Route>()
                : fitted;
        }

        private static int Servers(WorkItemLog log, ItemTimeline timeline, WorkflowStage stage, StageFlow measured, int s, LogWindow window, List<string> said)
        {
            if (!(measured.ActiveWip > stage.Servers)) return stage.Servers;
            var peak = Math.Max(stage.Servers, PeakActive(log, timeline, s, window));
            said.Add($"{stage.Name} had {Number(measured.ActiveWip!.Value)} items active on average, more than {Plural(stage.Servers, "server")} can work on: it gets {peak}, the most items active at once.");
            return peak;
        }

        /// <summary>The most items in an active status of stage <paramref name="s"/> at once within the window.</summary>
        private static int PeakActive(WorkItemLog log, ItemTimeline timeline, int s, LogWindow window)
        {
            var changes = new List<KeyValuePair<long, int>>();
            var from = window.From.Ticks;
            var to = window.EndTicks;
            for (var item = 0; item < log.ItemCount; item++)
            {
                if (!timeline.Load(item)) continue;
                for (var i = 0; i < timeline.IntervalCount; i++)
                {
                    ref var interval = ref timeline.Interval(i);
                    if (interval.Code != 2 * s + 1) continue;
                    var lo = Math.Max(interval.Start, from);
                    var hi = Math.Min(interval.Stop, to);
                    if (hi <= lo) continue;
                    changes.Add(new KeyValuePair<long, int>(lo, 1));
                    changes.Add(new KeyValuePair<long, int>(hi, -1));
                }
            }
            // Leaving before entering at the same instant: a hand-over is not two items at once.
            changes.Sort((x, y) => x.Key != y.Key ? x.Key.CompareTo(y.Key) : x.Value.CompareTo(y.Value));
            int current = 0, peak = 0;
            foreach (var change in changes)
            {
                current += change.Value;
                peak = Math.Max(peak, current);
            }
            return peak;
        }
    }
}
