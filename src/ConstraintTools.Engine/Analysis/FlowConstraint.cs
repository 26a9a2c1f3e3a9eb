using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using static ConstraintTools.Analysis.Evidence;

namespace ConstraintTools.Analysis
{
    /// <summary>
    /// The constraint from data (SPEC section 4): the highest utilization among the stages whose
    /// utilization can be measured, else the stage whose queue holds the most waiting item-time with
    /// positive net flow; with evidence and a confidence level.
    /// </summary>
    /// <remarks>
    /// <para>A stage's utilization can be measured when it has active statuses and is not busier than
    /// its servers allow: an average of more items active than servers means the workflow gives it too
    /// few servers, so its figure is set aside and said so.</para>
    /// <para>Confidence counts signals. For and against a utilization-based constraint: busy at least 85 %
    /// (+1) or nobody busier than 70 % (−1: the flow is limited by demand); at least 10 points ahead of the
    /// runner-up (+1) or within 5 (−1); the largest growing queue in front of it (+1) or of another stage
    /// (−1). For a queue-based one: at least half of all waiting item-time (+1); at least twice the
    /// runner-up's queue (+1) or less than 1.25 times (−1); no queue grew (−1). For both: fewer than 20
    /// visits ended (−1), a quarter or more of the lead time in unmapped statuses (−1), stages set aside
    /// for too few servers (−1). Two or more is High, 0 or 1 Medium, below 0 Low.</para>
    /// </remarks>
    public static class FlowConstraint
    {
        private const double Saturated = 0.85;
        private const double DemandLimited = 0.70;
        private const double ClearMargin = 0.10;
        private const double CloseMargin = 0.05;
        private const double DominantQueueShare = 0.5;
        private const double ClearQueueRatio = 2;
        private const double CloseQueueRatio = 1.25;
        private const int FewVisits = 20;
        private const double LargeUnmeasuredShare = 0.25;
        private const double ServerTolerance = 1e-9;

        /// <summary>Measures <paramref name="log"/> over the window (see <see cref="FlowMeasurement.Measure"/>) and infers the constraint.</summary>
        /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
        public static FlowConstraintReport Find(WorkItemLog log, Workflow workflow, DateTime? from = null, DateTime? to = null, CancellationToken cancel = default) =>
            Find(FlowMeasurement.Measure(log, workflow, from, to, cancel), workflow);

        public static FlowConstraintReport Find(FlowReport flow, Workflow workflow)
        {
            if (flow is null) throw new ArgumentNullException(nameof(flow));
            if (workflow is null) throw new ArgumentNullException(nameof(workflow));
            var stages = flow.Stages;
            var summary = flow.Summary;
            var weeks = (flow.To - flow.From).TotalDays / 7;
            var report = new FlowConstraintReport
            {
                Workflow = flow.Workflow,
                Log = summary.Log,
                From = flow.From,
                To = flow.To,
                ThroughputPerWeek = summary.ThroughputPerWeek,
                ArrivalsPerWeek = weeks > 0 ? summary.Started / weeks : null,
                UnmeasuredShare = summary.UnmeasuredShare,
                UnmappedStatuses = summary.UnmappedStatuses,
                Stages = stages,
                Summary = summary,
            };

            var overServed = stages.Where(s => workflow.Stages[s.Position - 1].States.Count > 0 && s.Utilization > 1 + ServerTolerance).ToList();
            // A stage nothing was ever active in tells nothing about utilization unless some other stage does.
            var measurable = stages.Where(s => workflow.Stages[s.Position - 1].States.Count > 0 && s.Utilization is double u && u <= 1 + ServerTolerance)
                .Where(s => stages.Any(other => other.ActiveWip > 0))
                .OrderByDescending(s => s.Utilization!.Value).ThenBy(s => s.Position).ToList();
            var queues = stages.Where(s => s.QueueWip > 0).OrderByDescending(s => s.QueueWip!.Value).ThenBy(s => s.Position).ToList();
            var growing = queues.FirstOrDefault(s => s.NetFlow > 0);

            var lines = new List<string>();
            var score = 0;
            StageFlow constraint;
            if (measurable.Count > 0 || (queues.Count == 0 && overServed.Count > 0))
            {
                // With every stage set aside for too few servers, the busiest of them is still the best guess.
                var ranked = measurable.Count > 0 ? measurable : overServed.OrderByDescending(s => s.Utilization!.Value).ThenBy(s => s.Position).ToList();
                report.Basis = ConstraintBasis.Utilization;
                constraint = ranked[0];
                score += ByUtilization(constraint, ranked, growing, lines, report);
            }
            else if (queues.Count > 0)
            {
                report.Basis = ConstraintBasis.Queue;
                constraint = growing ?? queues[0];
                score += ByQueue(constraint, queues, growing, lines, report);
            }
            else
            {
                report.Basis = ConstraintBasis.None;
                lines.Add("The log shows no time in any stage's statuses: check the workflow's states and queue statuses against the log's statuses.");
                report.Evidence = lines;
                return report;
            }

            report.Verdict = ConstraintVerdict.Stage;
            report.Constraint = constraint.Stage;
            report.Utilization = report.Basis == ConstraintBasis.Utilization ? constraint.Utilization : null;
            report.QueueWip = constraint.QueueWip;
            report.NetFlow = constraint.NetFlow;
            report.WaitTime = constraint.WaitTime;

            if (summary.Finished > 0)
                lines.Add($"{summary.Finished} items finished in the window, {Number(report.ThroughputPerWeek ?? 0)} a week; {summary.Started} started, {Number(report.ArrivalsPerWeek ?? 0)} a week.");
            if (constraint.Departures < FewVisits)
            {
                score--;
                lines.Add($"Only {constraint.Departures} visits to {constraint.Stage} ended in the window: too few to be sure.");
            }
            foreach (var stage in overServed)
            {
                score--;
                lines.Add($"{stage.Stage} has {Number(stage.ActiveWip!.Value)} items active at once on average but {Plural(stage.Servers, "server")} in the workflow: give it its real number of servers to measure its utilization.");
            }
            if (summary.UnmappedStatuses.Count > 0 && summary.UnmeasuredShare is double share && share > 0)
            {
                var statuses = string.Join(", ", summary.UnmappedStatuses);
                if (share >= LargeUnmeasuredShare)
                {
                    score--;
                    lines.Add($"{Percent(share)} of the lead time is spent in statuses mapped to no stage ({statuses}): the constraint may hide where nobody measures.");
                }
                else lines.Add($"Time in statuses mapped to no stage ({statuses}) is unmeasured: {Percent(share)} of the lead time.");
            }

            report.Confidence = score >= 2 ? ConstraintConfidence.High : score >= 0 ? ConstraintConfidence.Medium : ConstraintConfidence.Low;
            lines.Add($"Confidence: {report.Confidence}.");
            report.Evidence = lines;
            return report;
        }

        private static int ByUtilization(StageFlow constraint, List<StageFlow> measurable, StageFlow? growing, List<string> lines, FlowConstraintReport report)
        {
            var score = 0;
            var utilization = constraint.Utilization!.Value;
            lines.Add($"{constraint.Stage} is the constraint: busy {Percent(utilization)} of the time ({Number(constraint.ActiveWip!.Value)} items active on average, {Plural(constraint.Servers, "server")}), the highest of {Plural(measurable.Count, "stage")} with active statuses.");
            if (utilization >= Saturated) score++;
            else if (utilization < DemandLimited)
            {
                score--;
                lines.Add($"No stage is busy {Percent(DemandLimited)} of the time: the flow is limited by the work that arrives, not by a stage.");
            }

            if (measurable.Count > 1)
            {
                var next = measurable[1];
                report.NextConstraint = next.Stage;
                report.NextUtilization = next.Utilization;
                var margin = utilization - next.Utilization!.Value;
                if (margin >= ClearMargin) score++;
                else if (margin < CloseMargin) score--;
                lines.Add(margin < CloseMargin
                    ? $"{next.Stage} is nearly as busy ({Percent(next.Utilization.Value)}): the constraint may move between them."
                    : $"The next busiest stage is {next.Stage} at {Percent(next.Utilization.Value)}.");
            }

            if (growing is null) lines.Add("No stage's queue grew over the window.");
            else if (growing.Stage == constraint.Stage)
            {
                score++;
                lines.Add($"Work piles up in front of {constraint.Stage}: {Number(growing.QueueWip!.Value)} items in its queue on average, the most of any stage, and its WIP grew by {growing.NetFlow} ({growing.Arrivals} visits arrived, {growing.Departures} left).");
            }
            else
            {
                score--;
                lines.Add($"But the most waiting work, and growing, is in front of {growing.Stage}: {Number(growing.QueueWip!.Value)} items on average, WIP up by {growing.NetFlow}.");
            }
            return score;
        }

        private static int ByQueue(StageFlow constraint, List<StageFlow> queues, StageFlow? growing, List<string> lines, FlowConstraintReport report)
        {
            var score = 0;
            var total = queues.Sum(s => s.QueueWip!.Value);
            var queue = constraint.QueueWip!.Value;
            lines.Add($"{constraint.Stage} is the constraint: its queue holds the most waiting work, {Number(queue)} items on average ({Percent(queue / total)} of all waiting item-time). No stage has active statuses whose utilization can be measured.");
            if (queue / total >= DominantQueueShare) score++;
            if (growing is null)
            {
                score--;
                lines.Add("No stage's queue grew over the window, so the queue may be a steady buffer rather than a constraint.");
            }
            else lines.Add($"Its WIP grew by {constraint.NetFlow} ({constraint.Arrivals} visits arrived, {constraint.Departures} left).");

            var runnerUp = queues.FirstOrDefault(s => s.Stage != constraint.Stage);
            if (runnerUp is null) return score + 1;
            report.NextConstraint = runnerUp.Stage;
            var ratio = queue / runnerUp.QueueWip!.Value;
            if (ratio >= ClearQueueRatio) score++;
            else if (ratio < CloseQueueRatio) score--;
            lines.Add($"The next longest queue is in front of {runnerUp.Stage}: {Number(runnerUp.QueueWip.Value)} items on average.");
            return score;
        }
    }
}
