using System;
using System.Collections.Generic;
using System.Linq;
using ConstraintTools.Notation;

namespace ConstraintTools.Queueing
{
    /// <summary>Turns a workflow into stage metrics and a constraint report (SPEC section 3).</summary>
    public static class WorkflowAnalyzer
    {
        /// <summary>
        /// Analyses a workflow; throws <see cref="InputException"/> when it is not valid. With a
        /// <paramref name="horizon"/>, each stage also projects its WIP that far ahead.
        /// </summary>
        public static ConstraintReport Analyze(Workflow workflow, TimeSpan? horizon = null)
        {
            if (workflow is null) throw new ArgumentNullException(nameof(workflow));
            var solution = new ModelSolution(workflow.Network);
            var stages = Measure(solution, horizon);
            return Report(solution, stages);
        }

        private static StageMetrics[] Measure(ModelSolution solution, TimeSpan? horizon)
        {
            var network = solution.Network;
            var stages = new StageMetrics[network.Count];
            for (var i = 0; i < network.Count; i++)
            {
                var stage = network.Workflow.Stages[i];
                var capacity = network.Capacity[i];
                var limited = !double.IsPositiveInfinity(capacity);
                var wait = solution.WaitWeeks[i];
                double? cycle = wait + network.ServiceWeeks[i];
                stages[i] = new StageMetrics
                {
                    Workflow = network.Workflow.Name,
                    Stage = stage.Name,
                    Position = i + 1,
                    Servers = stage.Servers,
                    CapacityPerWeek = network.Measured[i] && limited ? capacity : null,
                    VisitRatio = solution.Visits[i],
                    ArrivalRatePerWeek = solution.Lambda * solution.Visits[i],
                    Utilization = network.Measured[i] ? solution.Lambda * solution.Load[i] : null,
                    BusyFraction = network.Measured[i] ? (limited ? solution.Departures[i] / capacity : 0) : null,
                    InflowPerWeek = solution.Arrivals[i],
                    ThroughputPerWeek = solution.Departures[i],
                    IsStable = solution.IsStable(i),
                    QueueGrowthPerWeek = solution.Arrivals[i] - solution.Departures[i],
                    WaitTime = Weeks(wait),
                    ServiceTime = network.Measured[i] ? Weeks(network.ServiceWeeks[i]) : null,
                    CycleTime = Weeks(cycle),
                    Wip = solution.Arrivals[i] * cycle, // Little's law, WIP_i = a_i·(Wq_i + te_i) (SPEC section 3)
                    Horizon = horizon,
                    ProjectedWip = horizon is TimeSpan ahead ? Project(solution, i, stage, ahead, cycle) : null,
                    ObservedWip = stage.ObservedWip,
                    WipLimit = stage.WipLimit,
                    ArrivalCv = Math.Sqrt(solution.ArrivalScv[i]),
                    IsMeasured = network.Measured[i],
                };
            }
            return stages;
        }

        private static ConstraintReport Report(ModelSolution solution, StageMetrics[] stages)
        {
            var network = solution.Network;
            var (constraint, next) = HighestTwoLoads(solution);
            if (constraint is int c) stages[c].IsConstraint = true;

            double? ceiling = constraint is int bound ? 1 / solution.Load[bound] : null;
            var lambda = solution.Lambda;
            var throughput = ExitRate(solution);
            var reachable = Enumerable.Range(0, network.Count).Where(i => network.Measured[i] && solution.Visits[i] > 0).ToList();
            // Lead time Σ V_i (Wq_i + te_i) and flow efficiency Σ V_i·touch_i / lead time (SPEC section 3). With no measured
            // stage on the route there is no figure to give: a lead time or WIP of 0 would read as a fact.
            var stable = reachable.Count > 0 && reachable.All(i => solution.WaitWeeks[i].HasValue);
            double? leadWeeks = stable ? reachable.Sum(i => solution.Visits[i] * (solution.WaitWeeks[i]!.Value + network.ServiceWeeks[i])) : null;
            var touchWeeks = reachable.Sum(i => solution.Visits[i] * network.TouchHours[i]) / Quantity.HoursPerCalendarWeek;

            var report = new ConstraintReport
            {
                Workflow = network.Workflow.Name,
                Constraint = constraint is int c1 ? network.StageName(c1) : null,
                Utilization = constraint is int c2 ? lambda * solution.Load[c2] : null,
                DemandPerWeek = lambda,
                ThroughputPerWeek = throughput,
                ThroughputCeilingPerWeek = ceiling,
                NextConstraint = next is int n1 ? network.StageName(n1) : null,
                NextUtilization = next is int n2 ? lambda * solution.Load[n2] : null,
                RelocationFactor = constraint is int c3 && next is int n3 ? solution.Load[c3] / solution.Load[n3] : null,
                LeadTime = Weeks(leadWeeks),
                Wip = stable ? stages.Sum(s => s.Wip ?? 0) : null,
                FlowEfficiency = leadWeeks > 0 ? touchWeeks / leadWeeks : null,
                IsStable = stages.All(s => s.IsStable),
                ValuePerWeek = network.Workflow.ValuePerItem * throughput,
                WipValue = stable ? network.Workflow.ValuePerItem * stages.Sum(s => s.Wip ?? 0) : null,
                UnmeasuredStages = stages.Where(s => !s.IsMeasured).Select(s => s.Stage).ToArray(),
                Stages = stages,
            };
            report.Evidence = Evidence.Write(solution, report, constraint, next);
            return report;
        }

        /// <summary>
        /// What leaves the workflow per week in the fluid model (SPEC section 3): Σ_i d_i·P(i → done). On a line, or
        /// wherever the constraint carries all the work, it is min(λ, X_max); where the overloaded stage sits on one
        /// branch, the other branches still deliver their share and it is more than X_max, the rate at which the mix
        /// the demand asks for can be delivered.
        /// </summary>
        private static double ExitRate(ModelSolution solution)
        {
            var network = solution.Network;
            var leaving = 0.0;
            for (var i = 0; i < network.Count; i++)
                for (var k = network.EdgeStart[i]; k < network.EdgeStart[i + 1]; k++)
                    if (network.EdgeTarget[k] < 0) leaving += solution.Departures[i] * network.EdgeProbability[k];
            // Conservation makes this λ within rounding when nothing overloads; say exactly λ then.
            return solution.Arrivals.Zip(solution.Departures, (a, d) => a > d).Any(overloaded => overloaded) ? Math.Min(leaving, solution.Lambda) : solution.Lambda;
        }

        private static double? Project(ModelSolution solution, int i, WorkflowStage stage, TimeSpan horizon, double? cycleWeeks)
        {
            if (!solution.Network.Measured[i]) return null;
            if (solution.IsStable(i)) return solution.Arrivals[i] * cycleWeeks;
            var growth = solution.Arrivals[i] - solution.Departures[i];
            return (stage.ObservedWip ?? 0) + growth * horizon.TotalHours / Quantity.HoursPerCalendarWeek;
        }

        /// <summary>
        /// The constraint, argmax ρ_i, and the next, the second-highest ρ (SPEC section 3), as the stages with the highest
        /// and second-highest demand per item V_i/μ_i, which orders them as ρ_i = λ·V_i/μ_i does; ties go to the earlier stage.
        /// </summary>
        private static (int? first, int? second) HighestTwoLoads(ModelSolution solution)
        {
            int? first = null, second = null;
            for (var i = 0; i < solution.Network.Count; i++)
            {
                if (!solution.CanBeConstraint(i)) continue;
                var load = solution.Load[i];
                if (first is not int top || load > solution.Load[top])
                {
                    second = first;
                    first = i;
                }
                else if (second is not int runnerUp || load > solution.Load[runnerUp])
                {
                    second = i;
                }
            }
            return (first, second);
        }

        private static TimeSpan? Weeks(double? weeks) =>
            weeks is double w ? Quantity.HoursToTimeSpan(w * Quantity.HoursPerCalendarWeek) : null;
    }
}
