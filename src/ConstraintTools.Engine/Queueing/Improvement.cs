using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ConstraintTools.Notation;

namespace ConstraintTools.Queueing
{
    /// <summary>What a change to one stage really does to throughput, lead time and WIP.</summary>
    public static class Improvement
    {
        private const double Negligible = 1e-9;

        /// <summary>
        /// Compares the workflow with the same workflow after <paramref name="change"/> to
        /// <paramref name="stage"/>; pass the baseline <paramref name="before"/> when comparing many changes.
        /// </summary>
        public static ImprovementResult Compare(Workflow workflow, string stage, StageChange change, ConstraintReport? before = null)
        {
            if (workflow is null) throw new ArgumentNullException(nameof(workflow));
            return Compare(workflow, before ?? WorkflowAnalyzer.Analyze(workflow), workflow.Network.IndexOf(stage), change);
        }

        /// <summary>
        /// Stages analysed when a change is tried on every stage, the workflow once per stage: about five minutes on
        /// one core at the measured microsecond a stage. A workflow of more than 14,000 stages or so is refused before
        /// any work, rather than left to run for hours; its stages can still be tried one by one.
        /// </summary>
        public const double MaxStageAnalyses = 2e8;

        /// <summary>The same change tried on every stage it can apply to, one comparison each.</summary>
        /// <exception cref="WorkLimitException">More than <see cref="MaxStageAnalyses"/> stage analyses, before any is done.</exception>
        public static IEnumerable<ImprovementResult> CompareEach(Workflow workflow, StageChange change)
        {
            if (workflow is null) throw new ArgumentNullException(nameof(workflow));
            var work = (double)workflow.Stages.Count * workflow.Stages.Count;
            if (work > MaxStageAnalyses)
                throw new WorkLimitException(WorkLimit.StageAnalyses, string.Format(CultureInfo.InvariantCulture,
                    "Trying the change on each of the {0:N0} stages analyses the whole workflow {0:N0} times ({1:N0} stage analyses), more than the {2:N0} allowed (many minutes of work); name the stages to try.",
                    workflow.Stages.Count, work, MaxStageAnalyses));
            return CompareEach(workflow, change, WorkflowAnalyzer.Analyze(workflow));
        }

        private static IEnumerable<ImprovementResult> CompareEach(Workflow workflow, StageChange change, ConstraintReport before)
        {
            for (var i = 0; i < workflow.Stages.Count; i++)
            {
                if (!workflow.Stages[i].IsMeasured && change.ServiceTime is null) continue;
                yield return Compare(workflow, before, i, change);
            }
        }

        /// <summary>
        /// The <paramref name="count"/> stages where <paramref name="capacityFactor"/> times the capacity raises
        /// throughput most, ties in stage order: the first rows of <see cref="CompareEach"/> ordered by gain and then
        /// by stage, found without trying every stage.
        /// </summary>
        /// <remarks>
        /// Throughput is what leaves in the fluid model, so more capacity at one stage can raise it only where that
        /// stage is overloaded (its departures are its capacity); every other stage gains exactly nothing and ranks by
        /// its place. Trying the overloaded stages and the first <paramref name="count"/> others gives the same rows
        /// from a few analyses instead of one per stage — for 100,000 stages, milliseconds instead of hours.
        /// </remarks>
        public static IReadOnlyList<ImprovementResult> LargestCapacityGains(Workflow workflow, double capacityFactor, int count)
        {
            if (workflow is null) throw new ArgumentNullException(nameof(workflow));
            if (!(capacityFactor >= 1) || double.IsInfinity(capacityFactor))
                throw new ArgumentOutOfRangeException(nameof(capacityFactor), "The capacity factor must be at least 1: this ranks gains from more capacity.");
            var change = new StageChange { CapacityFactor = capacityFactor };
            var before = WorkflowAnalyzer.Analyze(workflow);
            var measured = Enumerable.Range(0, workflow.Stages.Count).Where(i => workflow.Stages[i].IsMeasured);
            var overloaded = measured.Where(i => before.Stages[i].QueueGrowthPerWeek > 0);
            var candidates = measured.Take(count).Union(overloaded).ToList();
            return candidates.Select(i => (Index: i, Result: Compare(workflow, before, i, change)))
                .OrderByDescending(row => row.Result.ThroughputGainPercent).ThenBy(row => row.Index)
                .Take(count).Select(row => row.Result).ToList();
        }

        /// <summary>The workflow with one stage replaced.</summary>
        public static Workflow WithStage(Workflow workflow, int index, WorkflowStage stage)
        {
            var stages = workflow.Stages.ToArray();
            stages[index] = stage;
            return new Workflow(workflow) { Stages = stages };
        }

        private static ImprovementResult Compare(Workflow workflow, ConstraintReport before, int index, StageChange change)
        {
            var stage = workflow.Stages[index];
            var changed = change.ApplyTo(stage, workflow.Calendar);
            var after = WorkflowAnalyzer.Analyze(WithStage(workflow, index, changed));
            return new ImprovementResult
            {
                Workflow = workflow.Name,
                Stage = stage.Name,
                Change = change.ToString(),
                ThroughputBefore = before.ThroughputPerWeek,
                ThroughputAfter = after.ThroughputPerWeek,
                ThroughputGainPercent = before.ThroughputPerWeek > 0 ? (after.ThroughputPerWeek / before.ThroughputPerWeek - 1) * 100 : 0,
                LeadTimeBefore = before.LeadTime,
                LeadTimeAfter = after.LeadTime,
                WipBefore = before.Wip,
                WipAfter = after.Wip,
                QueueGrowthBefore = before.Stages.Sum(s => s.QueueGrowthPerWeek),
                QueueGrowthAfter = after.Stages.Sum(s => s.QueueGrowthPerWeek),
                ConstraintBefore = before.Constraint,
                ConstraintAfter = after.Constraint,
                ValuePerWeekBefore = before.ValuePerWeek,
                ValuePerWeekAfter = after.ValuePerWeek,
                WipValueBefore = before.WipValue,
                WipValueAfter = after.WipValue,
                Verdict = Verdict(stage.Name, before, after),
                Before = before,
                Baseline = workflow,
                ChangedIndex = index,
                Changed = changed,
            };
        }

        private static string Verdict(string stage, ConstraintReport before, ConstraintReport after)
        {
            var gain = before.ThroughputPerWeek > 0 ? after.ThroughputPerWeek / before.ThroughputPerWeek - 1 : after.ThroughputPerWeek;
            string verdict;
            if (gain > Negligible)
            {
                verdict = $"Throughput rises {Display.Number(gain * 100)}% to {Display.Number(after.ThroughputPerWeek)} items/week";
                verdict += after.Constraint != before.Constraint
                    ? $"; the constraint moves from {before.Constraint} to {after.Constraint}"
                    : $"; {after.Constraint} is still the constraint";
            }
            else if (gain < -Negligible)
            {
                verdict = $"Throughput falls {Display.Number(-gain * 100)}% to {Display.Number(after.ThroughputPerWeek)} items/week; the constraint is now {after.Constraint}";
            }
            else if (before.Constraint is null)
            {
                verdict = "No throughput gain: no stage has a known, finite capacity";
            }
            else if (!string.Equals(stage, before.Constraint, StringComparison.OrdinalIgnoreCase))
            {
                verdict = $"No throughput gain: {stage} is not the constraint ({before.Constraint} is)";
            }
            else
            {
                verdict = $"No throughput gain: demand ({Display.Number(before.DemandPerWeek)} items/week) already sets throughput";
            }
            return verdict + Consequence(before, after) + ".";
        }

        /// <summary>The most telling side effect: a queue that now grows faster, else the change in lead time.</summary>
        private static string Consequence(ConstraintReport before, ConstraintReport after)
        {
            var worst = after.Stages
                .Select((s, i) => (stage: s.Stage, delta: s.QueueGrowthPerWeek - before.Stages[i].QueueGrowthPerWeek))
                .OrderByDescending(x => x.delta)
                .First();
            if (worst.delta > Negligible)
                return $"; WIP in front of {worst.stage} grows {Display.Number(worst.delta)} items/week faster";
            if (before.LeadTime is TimeSpan was && after.LeadTime is TimeSpan now)
            {
                if (Math.Abs(now.Ticks - was.Ticks) <= Negligible * was.Ticks) return "; lead time stays " + Display.Duration(now);
                return $"; lead time {(now < was ? "falls" : "rises")} by {Display.Duration(now < was ? was - now : now - was)} to {Display.Duration(now)}";
            }
            if (before.LeadTime is null && after.LeadTime is TimeSpan settled)
                return "; every queue settles, with a lead time of " + Display.Duration(settled);
            if (before.LeadTime.HasValue && after.LeadTime is null)
                return "; a queue starts to grow without end";
            return "";
        }
    }
}
