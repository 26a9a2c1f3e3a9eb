using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ConstraintTools.Notation;
using ConstraintTools.Simulation;

namespace ConstraintTools.Queueing
{
    /// <summary>
    /// A workflow checked and turned into arrays: routing as a sparse edge list, capacities in
    /// items per calendar week and times in calendar weeks. Everything here is what SPEC section 3 calls
    /// μ, P, e, te and touch; the analyses only read it.
    /// </summary>
    internal sealed class WorkflowNetwork
    {
        private const double ProbabilityTolerance = 1e-9;


        private WorkflowNetwork(Workflow workflow, int entry, int[] edgeStart, int[] edgeTarget, double[] edgeProbability)
        {
            Workflow = workflow;
            Count = workflow.Stages.Count;
            Entry = entry;
            EdgeStart = edgeStart;
            EdgeTarget = edgeTarget;
            EdgeProbability = edgeProbability;
            Capacity = new double[Count];
            ServiceWeeks = new double[Count];
            TouchHours = new double[Count];
            CadenceWeeks = new double[Count];
            Servers = new int[Count];
            Measured = new bool[Count];
            for (var i = 0; i < Count; i++) Describe(i, workflow.Stages[i]);
            Components = new ComponentOrder(this);
        }

        public Workflow Workflow { get; }
        public int Count { get; }
        public int Entry { get; }

        /// <summary>Edges of stage i are EdgeStart[i] .. EdgeStart[i+1]-1; a target of -1 leaves the workflow.</summary>
        public int[] EdgeStart { get; }
        public int[] EdgeTarget { get; }
        public double[] EdgeProbability { get; }

        /// <summary>μ, items per calendar week; +∞ for an unlimited cadence stage or an unmeasured stage.</summary>
        public double[] Capacity { get; }

        /// <summary>te: calendar weeks an item spends in service.</summary>
        public double[] ServiceWeeks { get; }

        /// <summary>Hands-on effort per item, working hours.</summary>
        public double[] TouchHours { get; }

        /// <summary>Release-train period in weeks; 0 for a stage that is not a cadence stage.</summary>
        public double[] CadenceWeeks { get; }

        public int[] Servers { get; }
        public bool[] Measured { get; }
        public ComponentOrder Components { get; }

        public string StageName(int i) => Workflow.Stages[i].Name;

        /// <summary>The index of a stage by name (case-insensitive); an InputException lists the valid names.</summary>
        public int IndexOf(string stage)
        {
            for (var i = 0; i < Count; i++)
                if (string.Equals(Workflow.Stages[i].Name, stage, StringComparison.OrdinalIgnoreCase)) return i;
            throw new InputException($"workflow '{Display.Excerpt(Workflow.Name)}' has no stage '{Display.Excerpt(stage)}'{ValidStages(stage, Workflow.Stages)}", "stage");
        }

        public static WorkflowNetwork Compile(Workflow workflow)
        {
            if (string.IsNullOrWhiteSpace(workflow.Name)) throw new InputException("the workflow has no name", "name");
            var stages = workflow.Stages;
            if (stages is null || stages.Count == 0) throw new InputException("the workflow has no stages", "stages");
            if (stages.Count > Workflow.MaxStages)
                throw new InputException(string.Format(CultureInfo.InvariantCulture, "the workflow has {0:N0} stages; at most {1:N0} are allowed", stages.Count, Workflow.MaxStages), "stages");

            var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < stages.Count; i++)
            {
                var name = stages[i]?.Name;
                if (string.IsNullOrWhiteSpace(name)) throw new InputException("the stage has no name", $"stages[{i}].name");
                if (index.TryGetValue(name!, out var first))
                    throw new InputException($"duplicate stage name '{Display.Excerpt(name)}' (stage {first + 1} has it already; names are case-insensitive)", $"stages[{i}].name");
                index.Add(name!, i);
            }

            CheckCalendar(workflow.Calendar, "calendar");
            CheckFinite(workflow.DemandPerWeek, "demand.rate", "the demand rate", allowZero: true);
            CheckCv(workflow.DemandCv, "demand.cv", "the demand cv");
            if (workflow.ValuePerItem is double value && (double.IsNaN(value) || double.IsInfinity(value)))
                throw new InputException("the value per item must be a finite number", "value");
            var entry = 0;
            if (workflow.EntryStage != null && !index.TryGetValue(workflow.EntryStage, out entry))
                throw new InputException(UnknownStage(workflow.EntryStage, stages), "demand.to");

            for (var i = 0; i < stages.Count; i++) CheckStage(stages[i], i);

            var edgeStart = new int[stages.Count + 1];
            var targets = new List<int>(stages.Count + 8);
            var probabilities = new List<double>(stages.Count + 8);
            for (var i = 0; i < stages.Count; i++)
            {
                edgeStart[i] = targets.Count;
                var routes = stages[i].Routes;
                if (routes is null || routes.Count == 0)
                {
                    targets.Add(i + 1 < stages.Count ? i + 1 : -1);
                    probabilities.Add(1);
                    continue;
                }
                var sum = 0.0;
                for (var k = 0; k < routes.Count; k++)
                {
                    var route = routes[k];
                    var field = routes.Count == 1 ? $"stages[{i}].next" : $"stages[{i}].next[{k}]";
                    var p = route.Probability;
                    if (double.IsNaN(p) || p <= 0 || p > 1 + ProbabilityTolerance)
                        throw new InputException(string.Format(CultureInfo.InvariantCulture,
                            "stage '{0}': the probability {1} must be above 0 and at most 1", Display.Excerpt(stages[i].Name), p), field + (routes.Count == 1 ? "" : ".probability"));
                    var target = -1;
                    if (route.To != null && !index.TryGetValue(route.To, out target))
                        throw new InputException($"stage '{Display.Excerpt(stages[i].Name)}': next {UnknownStage(route.To, stages)}", field + (routes.Count == 1 ? "" : ".to"));
                    targets.Add(target);
                    probabilities.Add(p);
                    sum += p;
                }
                if (Math.Abs(sum - 1) > ProbabilityTolerance)
                    throw new InputException(string.Format(CultureInfo.InvariantCulture,
                        "stage '{0}': the probabilities of next sum to {1:0.######}, not 1", Display.Excerpt(stages[i].Name), sum), $"stages[{i}].next");
            }
            edgeStart[stages.Count] = targets.Count;

            var network = new WorkflowNetwork(workflow, entry, edgeStart, targets.ToArray(), probabilities.ToArray());
            network.Components.CheckEveryLoopHasAnExit();
            return network;
        }

        /// <summary>
        /// A stage's μ, te and touch (SPEC section 3): μ_i = servers × availability × H_i / serviceTime, te_i = serviceTime /
        /// (availability × H_i) in calendar weeks, or the capacity as given; a cadence stage is unlimited unless its batch
        /// size gives batchSize / cadence.
        /// </summary>
        private void Describe(int i, WorkflowStage stage)
        {
            var calendar = stage.Calendar ?? Workflow.Calendar;
            var workingHoursPerWeek = stage.Availability * calendar.HoursPerWeek;
            Servers[i] = stage.Servers;
            Measured[i] = stage.IsMeasured;
            CadenceWeeks[i] = stage.Cadence.HasValue ? stage.Cadence.Value.TotalHours / Quantity.HoursPerCalendarWeek : 0;
            if (stage.CapacityPerWeek is double capacity)
            {
                Capacity[i] = capacity;
                ServiceWeeks[i] = stage.Servers / capacity;
                TouchHours[i] = ServiceWeeks[i] * workingHoursPerWeek;
            }
            else if (stage.ServiceTimeHours is double serviceHours)
            {
                ServiceWeeks[i] = serviceHours / workingHoursPerWeek;
                TouchHours[i] = serviceHours;
                Capacity[i] = stage.Cadence.HasValue ? double.PositiveInfinity : stage.Servers / ServiceWeeks[i];
            }
            else
            {
                Capacity[i] = double.PositiveInfinity;
            }
            if (stage.Cadence.HasValue && stage.BatchSize is int batch) Capacity[i] = batch / CadenceWeeks[i];
        }

        private static void CheckStage(WorkflowStage stage, int i)
        {
            var at = $"stages[{i}].";
            var who = $"stage '{Display.Excerpt(stage.Name)}': ";
            if (stage.Servers < 1) throw new InputException(who + "servers must be at least 1", at + "servers");
            if (stage.Servers > Workflow.MaxServers)
                throw new InputException(string.Format(CultureInfo.InvariantCulture, "{0}{1:N0} servers is more than the {2:N0} allowed; for an automated stage give a capacity instead", who, stage.Servers, Workflow.MaxServers), at + "servers");
            if (stage.ServiceTimeHours is double hours) CheckTime(hours, at + "serviceTime", who + "the service time");
            if (stage.CapacityPerWeek is double capacity) CheckFinite(capacity, at + "capacity", who + "the capacity", allowZero: false);
            if (stage.ServiceTimeHours.HasValue && stage.CapacityPerWeek.HasValue)
                throw new InputException(who + "give serviceTime or capacity, not both", at + "capacity");
            if (stage.Cadence is TimeSpan cadence) CheckTime(cadence.TotalHours, at + "cadence", who + "the cadence");
            if (stage.BatchSize is int batch)
            {
                if (!stage.Cadence.HasValue) throw new InputException(who + "batchSize needs a cadence", at + "batchSize");
                if (batch < 1) throw new InputException(who + "batchSize must be at least 1", at + "batchSize");
            }
            if (stage.Cadence.HasValue && stage.CapacityPerWeek.HasValue)
                throw new InputException(who + "a cadence stage takes batchSize, not capacity", at + "capacity");
            CheckCv(stage.Cv, at + "cv", who + "the cv");
            if (double.IsNaN(stage.Availability) || stage.Availability <= 0 || stage.Availability > 1)
                throw new InputException(who + "availability must be above 0 and at most 1 (a share of working time)", at + "availability");
            if (stage.Calendar != null) CheckCalendar(stage.Calendar, at + "calendar");
            if (stage.ObservedWip < 0) throw new InputException(who + "wip cannot be negative", at + "wip");
            if (stage.WipLimit < 1) throw new InputException(who + "wipLimit must be at least 1", at + "wipLimit");
        }

        private static void CheckTime(double hours, string field, string what)
        {
            if (double.IsNaN(hours) || double.IsInfinity(hours))
                throw new InputException(what + " must be a finite duration", field);
            if (hours <= 0)
                throw new InputException(what + (hours < 0 ? " is negative" : " is zero") + "; it must be a positive duration such as 30m, 4h, 1.5d or 2w", field);
        }

        private static void CheckFinite(double number, string field, string what, bool allowZero)
        {
            if (double.IsNaN(number) || double.IsInfinity(number) || number < 0 || (!allowZero && number == 0))
                throw new InputException(what + (allowZero ? " must be zero or more" : " must be above zero"), field);
        }

        private static void CheckCv(double cv, string field, string what)
        {
            if (cv >= 0 && cv <= Workflow.MaxCv) return;
            throw new InputException(string.Format(CultureInfo.InvariantCulture,
                "{0} must be from 0 to {1}, not {2}{3}", what, Workflow.MaxCv, cv,
                cv > Workflow.MaxCv ? ": beyond that a rare few items take nearly all the time, which no simulation of a sensible length sees" : ""), field);
        }

        private static void CheckCalendar(WorkCalendar calendar, string field)
        {
            if (!(calendar.HoursPerDay > 0 && calendar.HoursPerDay <= 24))
                throw new InputException("hoursPerDay must be above 0 and at most 24", field + ".hoursPerDay");
            if (!(calendar.DaysPerWeek > 0 && calendar.DaysPerWeek <= 7))
                throw new InputException("daysPerWeek must be above 0 and at most 7", field + ".daysPerWeek");
        }

        private static string UnknownStage(string name, IReadOnlyList<WorkflowStage> stages) =>
            $"'{Display.Excerpt(name)}' names no stage{ValidStages(name, stages, "; 'done' exits")}";

        /// <summary>"; did you mean 'X'? (stages: A, B, C)" for an unknown stage name.</summary>
        private static string ValidStages(string name, IReadOnlyList<WorkflowStage> stages, string also = "")
        {
            var names = stages.Select(s => s.Name).ToList();
            var nearest = Spelling.Nearest(name, names);
            var hint = nearest != null ? $"; did you mean '{Display.Excerpt(nearest)}'?" : "";
            return $"{hint} (stages: {string.Join(", ", names.Take(12).Select(Display.Excerpt))}{(names.Count > 12 ? ", …" : "")}{also})";
        }
    }
}
