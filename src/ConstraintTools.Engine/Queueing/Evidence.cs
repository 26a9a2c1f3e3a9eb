using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ConstraintTools.Notation;

using static ConstraintTools.Notation.Display;

namespace ConstraintTools.Queueing
{
    /// <summary>Writes the constraint report's evidence: short sentences a person reads.</summary>
    internal static class Evidence
    {
        private const double IdleBusyFraction = 0.5;
        private const double DominantCadenceShare = 0.25;

        /// <summary>A stage with a known capacity that is busy less than half the time.</summary>
        internal static bool IsIdle(StageMetrics stage) => stage.CapacityPerWeek.HasValue && stage.BusyFraction < IdleBusyFraction;

        /// <summary>
        /// The share of lead time spent waiting for a release train (V · cadence/2), when it is large
        /// enough to name; null for other stages, unreached ones, or when there is no lead time.
        /// </summary>
        internal static double? DominantCadenceShareOf(StageMetrics stage, WorkflowStage definition, TimeSpan? leadTime)
        {
            if (definition.Cadence is not TimeSpan cadence || leadTime is not TimeSpan lead || lead.Ticks <= 0 || stage.VisitRatio <= 0) return null;
            var share = stage.VisitRatio * cadence.TotalHours / 2 / lead.TotalHours;
            return share >= DominantCadenceShare ? share : null;
        }

        public static string[] Write(ModelSolution solution, ConstraintReport report, int? constraint, int? next)
        {
            var network = solution.Network;
            var stages = report.Stages;
            var lines = new List<string>();

            if (constraint is int c)
            {
                var stage = stages[c];
                lines.Add(stage.IsStable
                    ? $"{stage.Stage} is the constraint: {PercentInText(stage.Utilization!.Value)} utilized, the highest of {MeasuredCount(solution)} measured stages."
                    : $"{stage.Stage} is the constraint: demand asks {PercentInText(stage.Utilization!.Value)} of its capacity ({Number(stage.ArrivalRatePerWeek)} of {Number(stage.CapacityPerWeek!.Value)} items/week).");
                var ceiling = report.ThroughputCeilingPerWeek!.Value;
                lines.Add(report.DemandPerWeek <= report.ThroughputPerWeek
                    ? $"Demand of {Number(report.DemandPerWeek)} items/week is met; {stage.Stage} caps throughput at {Number(ceiling)} items/week."
                    : report.ThroughputPerWeek > ceiling * (1 + 1e-9)
                        ? $"Demand is {Number(report.DemandPerWeek)} items/week; {Number(report.ThroughputPerWeek)} leave, but the mix the demand asks for is delivered at most at {Number(ceiling)}, the ceiling {stage.Stage} sets on its branch."
                        : $"Demand is {Number(report.DemandPerWeek)} items/week; the workflow delivers at most {Number(report.ThroughputPerWeek)}, the ceiling {stage.Stage} sets.");
            }
            else
            {
                lines.Add("No stage has a known, finite capacity, so no constraint can be computed.");
            }

            AddFirst(lines, stages.Where(s => s.QueueGrowthPerWeek > 0).OrderByDescending(s => s.QueueGrowthPerWeek).ToList(),
                piling => $"Work piles up in front of {piling.Stage} at {Number(piling.QueueGrowthPerWeek)} items/week: it receives {Number(piling.InflowPerWeek)} but finishes {Number(piling.ThroughputPerWeek)}.",
                rest => $"Work also piles up in front of {More(rest)}.");

            // In a stable flow nothing grows; the longest queue is where the inventory sits instead.
            var longestQueue = stages.Where(s => s.WaitTime.HasValue && s.InflowPerWeek > 0)
                .OrderByDescending(s => s.InflowPerWeek * s.WaitTime!.Value.TotalHours).FirstOrDefault();
            if (report.IsStable && longestQueue is { } queue && queue.WaitTime!.Value.Ticks > 0)
            {
                var waiting = queue.InflowPerWeek * queue.WaitTime.Value.TotalHours / Quantity.HoursPerCalendarWeek;
                lines.Add($"The longest queue is in front of {queue.Stage}: {Number(waiting)} items wait there on average, {Duration(queue.WaitTime.Value.TotalHours / Quantity.HoursPerCalendarWeek)} per visit.");
            }

            AddFirst(lines, stages.Where(s => s.Utilization >= 1 && s.IsStable).OrderByDescending(s => s.Utilization).ToList(),
                held => $"{held.Stage} would need {PercentInText(held.Utilization!.Value)} of its capacity at full demand, but the stages before it let through only {Number(held.ThroughputPerWeek)} items/week ({PercentInText(held.BusyFraction!.Value)} busy): it overloads as soon as they are relieved.",
                rest => $"Also held back, and overloading as soon as the stages before them are relieved: {More(rest)}.");

            if (constraint is int bottleneck)
            {
                var idle = DownstreamOf(network, bottleneck)
                    .Where(i => IsIdle(stages[i]))
                    .Select(i => $"{stages[i].Stage} ({PercentInText(stages[i].BusyFraction!.Value)} busy)")
                    .ToList();
                if (idle.Count > 0)
                    lines.Add($"Downstream of {stages[bottleneck].Stage}, {Join(idle)} {(idle.Count == 1 ? "sits idle much of the time: speeding it up" : "sit idle much of the time: speeding them up")} adds no throughput.");
            }

            if (constraint is int c4 && next is int n)
                lines.Add($"Elevating {stages[c4].Stage} by a factor of {Number(report.RelocationFactor!.Value)} moves the constraint to {stages[n].Stage} (offered load {PercentInText(stages[n].Utilization!.Value)} now).");

            for (var i = 0; i < network.Count; i++)
                if (DominantCadenceShareOf(stages[i], network.Workflow.Stages[i], report.LeadTime) is double share)
                    lines.Add($"{stages[i].Stage} releases work every {Duration(network.CadenceWeeks[i])}, so items wait {Duration(network.CadenceWeeks[i] / 2)} there on average: {PercentInText(share)} of the lead time.");

            var unmeasured = report.UnmeasuredStages;
            if (unmeasured.Count > 0)
                lines.Add($"Nobody measures {Join(unmeasured.ToList())}: no service time, capacity or cadence, so {(unmeasured.Count == 1 ? "it is left" : "they are left")} out of every figure. The constraint often hides where nobody measures; {(unmeasured.Count == 1 ? "it is a candidate" : "they are candidates")}.");

            // Little's law turns an observed WIP into the time an unmeasured stage must be taking.
            var measuredLead = report.LeadTime is { } measured && measured.Ticks > 0
                ? $", against {Duration(measured.TotalHours / Quantity.HoursPerCalendarWeek)} for all measured stages together"
                : "";
            AddFirst(lines, stages.Where(s => !s.IsMeasured && s.ObservedWip > 0 && s.InflowPerWeek > 0).OrderByDescending(s => s.ObservedWip / s.InflowPerWeek).ToList(),
                hidden => $"{hidden.Stage} holds {hidden.ObservedWip} items while {Number(hidden.InflowPerWeek)} a week arrive: by Little's law each spends about {Duration(hidden.ObservedWip!.Value / hidden.InflowPerWeek)} there{measuredLead}.",
                rest => $"Little's law says work also stays long in {More(rest)} that nobody measures.");

            var unreached = stages.Where(s => s.VisitRatio == 0).Select(s => s.Stage).ToList();
            if (unreached.Count > 0)
                lines.Add($"No work reaches {Join(unreached)} from the entry stage.");
            return lines.ToArray();
        }

        internal static IEnumerable<int> DownstreamOf(WorkflowNetwork network, int from)
        {
            var seen = new bool[network.Count];
            var queue = new Queue<int>();
            queue.Enqueue(from);
            seen[from] = true;
            while (queue.Count > 0)
            {
                var i = queue.Dequeue();
                for (var k = network.EdgeStart[i]; k < network.EdgeStart[i + 1]; k++)
                {
                    var target = network.EdgeTarget[k];
                    if (target < 0 || seen[target]) continue;
                    seen[target] = true;
                    queue.Enqueue(target);
                }
            }
            return Enumerable.Range(0, network.Count).Where(i => seen[i] && i != from && !network.Components.SameComponent(i, from));
        }

        private static string More(int count) => count == 1 ? "1 more stage" : $"{count} more stages";

        private static int MeasuredCount(ModelSolution solution) =>
            Enumerable.Range(0, solution.Network.Count).Count(solution.CanBeConstraint);

        private const int MostNamed = 6;

        /// <summary>One sentence for each of the first few stages, then one that counts the rest, so a large workflow's report stays readable.</summary>
        private static void AddFirst(List<string> lines, IList<StageMetrics> stages, Func<StageMetrics, string> sentence, Func<int, string> rest)
        {
            lines.AddRange(stages.Take(MostNamed).Select(sentence));
            if (stages.Count > MostNamed) lines.Add(rest(stages.Count - MostNamed));
        }

        /// <summary>"A, B and C"; a long list names the first few and counts the rest.</summary>
        private static string Join(IList<string> items)
        {
            if (items.Count <= 1) return string.Concat(items);
            if (items.Count > MostNamed)
                return string.Join(", ", items.Take(MostNamed - 1)) + $" and {items.Count - MostNamed + 1} more";
            return string.Join(", ", items.Take(items.Count - 1)) + " and " + items[items.Count - 1];
        }

        private static string Duration(double weeks) =>
            weeks >= 2 ? Number(weeks) + " weeks"
            : weeks == 1 ? "1 week"
            : weeks * 7 >= 1 ? Number(weeks * 7) + (weeks * 7 == 1 ? " day" : " days")
            : Number(weeks * Quantity.HoursPerCalendarWeek) + " hours";
    }
}
