using System;
using System.Collections.Generic;
using System.Linq;

namespace ConstraintTools.Queueing
{
    /// <summary>
    /// Identify, elevate, repeat: the constraints a workflow meets on its way to a target
    /// throughput. The ceiling is 1/max(V/μ) (Denning–Buzen), so raising it to T means bringing
    /// every stage's demand per item V/μ down to 1/T; the stages are met in order of that demand,
    /// each elevated just enough to hand the constraint to the next.
    /// </summary>
    public static class ConstraintPath
    {
        public static IReadOnlyList<ConstraintStep> Find(Workflow workflow, double targetPerWeek)
        {
            if (workflow is null) throw new ArgumentNullException(nameof(workflow));
            if (!(targetPerWeek > 0) || double.IsInfinity(targetPerWeek))
                throw new ArgumentOutOfRangeException(nameof(targetPerWeek), "The target throughput must be a positive number of items per week.");
            var solution = new ModelSolution(workflow.Network);
            var ranked = Enumerable.Range(0, workflow.Stages.Count)
                .Where(solution.CanBeConstraint)
                .OrderByDescending(i => solution.Load[i])
                .ThenBy(i => i)
                .ToList();
            var ranking = new StepElevations.Ranking(ranked.Select(i => workflow.Stages[i].Name).ToList(), ranked.Select(i => solution.Load[i]).ToList());
            var targetLoad = 1 / targetPerWeek;
            var steps = new List<ConstraintStep>();
            for (var k = 0; k < ranked.Count && solution.Load[ranked[k]] > targetLoad; k++)
            {
                var nextLoad = k + 1 < ranked.Count ? solution.Load[ranked[k + 1]] : 0;
                var reached = nextLoad <= targetLoad;
                var level = reached ? targetLoad : nextLoad;
                var ceiling = 1 / level;
                steps.Add(new ConstraintStep
                {
                    Workflow = workflow.Name,
                    Step = k + 1,
                    Stage = workflow.Stages[ranked[k]].Name,
                    Utilization = solution.Lambda * solution.Load[ranked[k]],
                    CapacityFactor = solution.Load[ranked[k]] / level,
                    ThroughputCeilingAfter = ceiling,
                    ThroughputAfter = Math.Min(solution.Lambda, ceiling),
                    NextConstraint = reached ? null : workflow.Stages[ranked[k + 1]].Name,
                    TargetReached = reached,
                    Elevations = new StepElevations(ranking, k + 1, level),
                });
            }
            return steps;
        }
    }
}
