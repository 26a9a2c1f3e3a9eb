using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using static ConstraintTools.Analysis.Evidence;

namespace ConstraintTools.Analysis
{
    /// <summary>
    /// Fits a workflow to a work-item log (SPEC section 4), for what-if analysis: the template gives the
    /// stages, their status mapping, calendars, availability, servers and cadences; the log gives the
    /// demand, each stage's service time and cv, the routing with rework, and the current WIP.
    /// </summary>
    /// <remarks>
    /// <para>Demand: items whose first change lies in the window, per calendar week; its cv is that of
    /// the gaps between their first changes (sample standard deviation over the mean); it enters at the
    /// stage most items visit first.</para>
    /// <para>Service: over the visits that ended in the window, the time in active statuses per visit
    /// is the calendar time in service, te. The service time is the working time that makes the model's
    /// te equal its mean, serviceTime = mean te × availability × working hours per week / 168; the cv is
    /// the sample standard deviation of te over its mean. So the fitted model's time in service is the
    /// measured one exactly. Time an item sits in an active status untouched counts as service: the fit
    /// is as good as the statuses are kept.</para>
    /// <para>Routing: where the visits that ended in the window went next, counted: another stage (time
    /// in unmapped statuses in between is skipped) or done. Visits of items still open in an unmapped
    /// status are left out, since where they go is not known yet.</para>
    /// <para>Servers: the template's, unless more items than that were active on average, which cannot
    /// be; then the most items active at once in the window, and a note says so.</para>
    /// <para>A stage the log says nothing about keeps the template's figures, with a note; a cadence
    /// stage keeps its cadence.</para>
    /// </remarks>
    public static class WorkflowFit
    {
        private const int MinimumForCv = 2;

        /// <param name="notes">What the fit could not take from the log, or changed against the template, one sentence each.</param>
        /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
        public static Workflow Fit(WorkItemLog log, Workflow template, out IReadOnlyList<string> notes, DateTime? from = null, DateTime? to = null, string? name = null, CancellationToken cancel = default)
        {
            if (log is null) throw new ArgumentNullException(nameof(log));
            if (template is null) throw new ArgumentNullException(nameof(template));
            var flow = FlowMeasurement.Measure(log, template, from, to, cancel);
            var window = LogWindow.Resolve(log, from, to);
            var count = template.Stages.Count;
            var map = StatusMap.For(log, template);
            var timeline = new ItemTimeline(log, map, count, window.EndTicks, cancel);
            var fromTicks = window.From.Ticks;

            var starts = new List<long>();
            var entries = new int[count];
            var visits = new int[count];
            var activeHours = new double[count];
            var activeSquares = new double[count];
            var routes = new int[count, count + 1]; // the last column counts exits
            for (var item = 0; item < log.ItemCount; item++)
            {
                if (!timeline.Load(item)) continue;
                if (timeline.FirstTicks >= fromTicks)
                {
                    starts.Add(timeline.FirstTicks);
                    if (timeline.VisitCount > 0) entries[timeline.Visit(0).Stage]++;
                }
                for (var v = 0; v < timeline.VisitCount; v++)
                {
                    ref var visit = ref timeline.Visit(v);
                    if (visit.IsOpen || visit.Stop < fromTicks) continue;
                    var hours = visit.ActiveTicks / (double)TimeSpan.TicksPerHour;
                    visits[visit.Stage]++;
                    activeHours[visit.Stage] += hours;
                    activeSquares[visit.Stage] += hours * hours;
                    if (visit.Next == ItemTimeline.Exit) routes[visit.Stage, count]++;
                    else if (visit.Next >= 0) routes[visit.Stage, visit.Next]++;
                }
            }

            var said = new List<string>();
            var weeks = (window.To - window.From).TotalDays / 7;
            var stages = new WorkflowStage[count];
            for (var s = 0; s < count; s++)
            {
                var stage = template.Stages[s];
                var measured = flow.Stages[s];
                var servers = Servers(log, timeline, stage, measured, s, window, said);
                double? serviceHours = stage.ServiceTimeHours, capacity = stage.CapacityPerWeek;
                var cv = stage.Cv;
                if (stage.Cadence.HasValue)
                    said.Add($"{stage.Name} keeps its cadence of {Display.Duration(stage.Cadence)}: release trains are not fitted from a log.");
                else if (visits[s] == 0)
                    said.Add($"No visit to {stage.Name} ended in the window: it keeps the template's service time.");
                else if (activeHours[s] <= 0)
                    said.Add($"{stage.Name} shows no time in active statuses ({(stage.States.Count == 0 ? "it has none" : string.Join(", ", stage.States))}): it keeps the template's service time.");
                else
                {
                    var n = visits[s];
                    var mean = activeHours[s] / n;
                    var calendar = stage.Calendar ?? template.Calendar;
                    serviceHours = mean * stage.Availability * calendar.HoursPerWeek / Quantity.HoursPerCalendarWeek;
                    capacity = null;
                    if (n >= MinimumForCv)
                    {
                        var variance = Math.Max(0, (activeSquares[s] - n * mean * mean) / (n - 1));
                        cv = WithinModel(Math.Sqrt(variance) / mean, $"{stage.Name}'s time in service", said);
                    }
                    else said.Add($"Only one visit to {stage.Name} ended in the window: it keeps the template's cv.");
                }

                stages[s] = new WorkflowStage(stage)
                {
                    Servers = servers,
                    ServiceTimeHours = serviceHours,
                    CapacityPerWeek = capacity,
                    Cv = cv,
                    ObservedWip = measured.CurrentWip,
                    Routes = Routing(template, routes, s, said),
                };
            }

            var entry = EntryStage(template, entries, starts.Count, said);
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
            catch (WorkflowException ex)
            {
                throw new WorkflowException($"the routing fitted from the log is not a workable model ({ex.Reason}); a window in which finished items show how work leaves the stages fixes it", ex.Field, inner: ex);
            }
            return fitted;
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
            return Math.Sqrt(squares / (gaps - 1)) / mean;
        }

        private static string? EntryStage(Workflow template, int[] entries, int started, List<string> said)
        {
            var entered = entries.Sum();
            if (entered == 0) return template.EntryStage;
            var most = 0;
            for (var s = 1; s < entries.Length; s++) if (entries[s] > entries[most]) most = s;
            if (entries[most] < entered)
                said.Add($"{Percent(1 - (double)entries[most] / entered)} of the items started in the window entered at another stage than {template.Stages[most].Name}; the model sends all work to {template.Stages[most].Name}.");
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
