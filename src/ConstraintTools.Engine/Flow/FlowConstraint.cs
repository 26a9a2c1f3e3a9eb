using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ConstraintTools.Notation;
using ConstraintTools.Queueing;
using static ConstraintTools.Notation.Display;

namespace ConstraintTools.Flow
{
    /// <summary>
    /// What limits the flow a log shows (SPEC section 4, issue 13): a stage, the demand, or time spent outside
    /// the measured stages; with the evidence and how confident the inference is.
    /// </summary>
    /// <remarks>
    /// <para>Each stage's load is the share of its capacity it used. Where the workflow's servers fit the log (the
    /// stage never had more items active than servers, but for 1 % of the time) it is the active WIP per server. Elsewhere — servers not given, people who hold more items than the workflow says, or a
    /// stage whose items wait inside its active status — the servers and capacity are estimated from how fast the
    /// stage finished work at each number of items it held (<see cref="StageOccupancy.FitServers"/>), and the load is
    /// the share of time those servers were busy. A stage with fewer than 20 visits ended in the window is not judged.</para>
    /// <para>The verdict: the most loaded stage is the constraint when its load is at least 78 % (above what a flow
    /// keeps as slack, below what a saturated stage shows); else a stage whose WIP rose through the window (each
    /// third above the one before, the last at least double the first and 3 items more, and still rising in the last
    /// third, unless the stage is busy under 60 % of the time with less than half its WIP queued: then it is filling) is; else, when 30 % or more
    /// of the lead time goes to statuses mapped to no stage, the time goes to unmeasured waits; else the flow is
    /// limited by demand, and the most loaded stage is where a constraint would appear first — or, when a fifth or more
    /// of what arrived (and 3 items or more) is still open at the end, no constraint is visible yet: the stages were
    /// still filling.</para>
    /// <para>Confidence counts what agrees and what speaks against. A stage constraint: load of 90 % or more (+1);
    /// at least 20 points ahead of the runner-up (+1) or within 10 (−1); its WIP growing or its queue the longest
    /// (+1); another stage's WIP growing (−1); fewer than 100 visits (−1); a quarter or more of the lead time
    /// unmeasured (−1). Fewer than 30 visits is never more than Low. Demand: every load below 60 % (+1), or one of
    /// 70 % or more (−1); the stages still filling (−1); every judged stage with 100 visits or more (+1), or one with fewer than 30 (−1). Unmeasured time: half the lead time or more (+1), no load above
    /// 60 % (+1). Two or more is High, 0 or 1 Medium, below 0 Low.</para>
    /// </remarks>
    public static class FlowConstraint
    {
        private const int MinVisits = 20;
        private const int FewVisits = 30;
        private const int ManyVisits = 100;
        private const double Constraining = 0.78;
        private const double Saturated = 0.90;
        private const double Slack = 0.60;
        private const double NearlyConstraining = 0.70;
        private const double ClearMargin = 0.20;
        private const double CloseMargin = 0.10;
        private const double MostlyUnmeasured = 0.30;
        private const double LargeUnmeasuredShare = 0.25;
        private const double ServersExceededShare = 0.01;
        private const double GrowthFactor = 2;
        private const double GrowthItems = 3;
        private const double Filling = 0.20;

        /// <summary>Measures <paramref name="log"/> over the window (see <see cref="FlowMeasurement.Measure"/>) and infers what limits the flow.</summary>
        /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
        public static FlowConstraintReport Find(WorkItemLog log, Workflow workflow, DateTime? from = null, DateTime? to = null, CancellationToken cancel = default)
        {
            if (log is null) throw new ArgumentNullException(nameof(log));
            if (workflow is null) throw new ArgumentNullException(nameof(workflow));
            var (flow, loads, occupancy) = Measure(log, workflow, from, to, cancel);
            return Infer(flow, loads, UnmeasuredByStatus(log, occupancy));
        }

        /// <summary>Windows a constraint-over-time may have: each measures the whole log again.</summary>
        public const int MaxWindows = 2_000;

        /// <summary>Status changes read in all, windows × changes: about a minute of work.</summary>
        public const double MaxChangesRead = 2e9;

        /// <summary>
        /// The verdict in consecutive windows of <paramref name="interval"/> from the window's start (the last may be
        /// shorter and includes the log's last change), each window measured on its own: when the constraint moved.
        /// </summary>
        /// <exception cref="ArgumentException">The interval is not positive.</exception>
        /// <exception cref="WindowException">The window is empty.</exception>
        /// <exception cref="WorkLimitException">The windows are too many.</exception>
        /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
        public static IReadOnlyList<ConstraintWindow> OverTime(WorkItemLog log, Workflow workflow, TimeSpan interval, DateTime? from = null, DateTime? to = null, CancellationToken cancel = default)
        {
            if (log is null) throw new ArgumentNullException(nameof(log));
            if (workflow is null) throw new ArgumentNullException(nameof(workflow));
            if (interval <= TimeSpan.Zero) throw new ArgumentException($"The interval must be positive; it is {Display.Duration(interval)}.");
            var window = LogWindow.Resolve(log, from, to);
            var windows = Math.Ceiling((window.To - window.From).Ticks / (double)interval.Ticks);
            if (windows == 0) windows = 1;
            if (windows > MaxWindows || windows * log.EventCount > MaxChangesRead)
                throw new WorkLimitException(WorkLimit.Intervals, string.Format(System.Globalization.CultureInfo.InvariantCulture,
                    "Windows of {0} cut {1:yyyy-MM-dd} to {2:yyyy-MM-dd} into {3:N0}, each measuring all {4:N0} changes of the log; at most {5:N0} windows and {6:N0} changes read in all are allowed: choose a longer interval or a shorter span.",
                    Display.Duration(interval), window.From, window.To, windows, log.EventCount, MaxWindows, MaxChangesRead));
            var result = new List<ConstraintWindow>();
            ConstraintWindow? previous = null;
            for (var k = 0; k < windows; k++)
            {
                var start = window.From.AddTicks(k * interval.Ticks);
                var last = k == windows - 1;
                // The last window ends where the whole one does, including the log's last change when no To was given.
                var report = Find(log, workflow, start, last ? (window.IncludesTo ? null : window.To) : start.AddTicks(interval.Ticks), cancel);
                var row = new ConstraintWindow
                {
                    Workflow = report.Workflow,
                    Log = report.Log,
                    From = report.From,
                    To = report.To,
                    Verdict = report.Verdict,
                    Constraint = report.Constraint,
                    Confidence = report.Confidence,
                    Load = report.Verdict == ConstraintVerdict.Stage ? report.Utilization : report.NextUtilization,
                    NextConstraint = report.NextConstraint,
                    ThroughputPerWeek = report.ThroughputPerWeek,
                    Moved = previous is not null && (previous.Verdict != report.Verdict || !string.Equals(previous.Constraint, report.Constraint, StringComparison.OrdinalIgnoreCase)),
                    Report = report,
                };
                result.Add(row);
                previous = row;
            }
            return result;
        }

        /// <summary>The log measured as Measure-Flow does, each stage's load, and the occupancy the loads come from.</summary>
        internal static (FlowReport Flow, StageLoad[] Loads, StageOccupancy Occupancy) Measure(WorkItemLog log, Workflow workflow, DateTime? from, DateTime? to, CancellationToken cancel)
        {
            var flow = FlowMeasurement.Measure(log, workflow, from, to, cancel);
            var occupancy = StageOccupancy.Measure(log, workflow, LogWindow.Resolve(log, from, to), cancel);
            return (flow, Loads(flow, workflow, occupancy), occupancy);
        }

        private static StageLoad[] Loads(FlowReport flow, Workflow workflow, StageOccupancy occupancy)
        {
            var weeks = (flow.To - flow.From).TotalDays / 7;
            var ticksPerWeek = TimeSpan.TicksPerDay * 7.0;
            return flow.Stages.Select((stage, s) =>
            {
                var definition = workflow.Stages[s];
                var thirds = occupancy.WipByThird[s];
                var load = new StageLoad
                {
                    Workflow = flow.Workflow,
                    Stage = stage.Stage,
                    Position = stage.Position,
                    Visits = stage.Departures,
                    ThroughputPerWeek = stage.ThroughputPerWeek,
                    MaxActive = occupancy.MaxActive[s],
                    Wip = stage.Wip,
                    QueueWip = stage.QueueWip,
                    WaitTime = stage.WaitTime,
                    TimeInStage = stage.TimeInStage,
                    LeadTimeShare = occupancy.LeadTicks > 0 ? occupancy.StageTicks[s] / occupancy.LeadTicks : null,
                    WipByThird = thirds,
                    IsGrowing = IsRising(thirds),
                };
                if (stage.Departures < MinVisits || weeks <= 0) return load;
                if (occupancy.ActiveAboveServersShare[s] <= ServersExceededShare && stage.ActiveWip > 0)
                {
                    load.Load = stage.Utilization;
                    load.Servers = definition.Servers;
                    load.CapacityPerWeek = stage.ThroughputPerWeek / stage.Utilization;
                }
                else if (StageOccupancy.FitServers(occupancy.Levels[s]) is var (servers, busy, capacityPerTick))
                {
                    load.Load = busy;
                    load.Servers = servers;
                    load.ServersEstimated = true;
                    load.CapacityPerWeek = capacityPerTick * ticksPerWeek;
                }
                return load;
            }).ToArray();
        }

        /// <summary>The clause a demand verdict adds for items that left discarded, so that its counts add up.</summary>
        private static string Discarded(FlowSummary summary) =>
            summary.Discarded > 0 ? $" {summary.Discarded} left discarded (counted in no throughput)," : "";

        /// <summary>
        /// WIP that rose through the window: each third above the one before, the last at least twice the first and 3
        /// items more, and still rising in the last third by at least a third of the rise before it and an item. A
        /// log that starts empty fills up in its first third and then holds level: that is not a queue that grows.
        /// </summary>
        private static bool IsRising(double[] thirds) =>
            thirds[0] < thirds[1] && thirds[1] < thirds[2] && thirds[2] >= GrowthFactor * thirds[0] && thirds[2] >= thirds[0] + GrowthItems
            && thirds[2] - thirds[1] >= Math.Max(1, (thirds[1] - thirds[0]) / 3);

        /// <summary>
        /// Rising WIP that is work held in parallel, not waiting: a stage busy under 60 % of the time whose queue
        /// statuses hold less than half its WIP. A queue that grows while servers idle (an approver who takes one request
        /// at a time, whatever the pile) is not filling.
        /// </summary>
        private static bool IsFilling(StageLoad load) =>
            load.IsGrowing && load.Load < Slack && (load.QueueWip ?? 0) < 0.5 * (load.Wip ?? 0);

        /// <summary>Statuses mapped to no stage, most time first, with their share of the finished items' lead time.</summary>
        internal static List<(string Status, double Share)> UnmeasuredByStatus(WorkItemLog log, StageOccupancy occupancy) =>
            occupancy.LeadTicks <= 0
                ? new List<(string, double)>()
                : Enumerable.Range(0, log.Statuses.Count).Where(i => occupancy.UnmappedTicks[i] > 0)
                    .Select(i => (log.StatusName(i), occupancy.UnmappedTicks[i] / occupancy.LeadTicks))
                    .OrderByDescending(x => x.Item2).ToList();

        private static FlowConstraintReport Infer(FlowReport flow, StageLoad[] loads, List<(string Status, double Share)> unmeasured)
        {
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
                UnmappedStatuses = unmeasured.Select(u => u.Status).Concat(summary.UnmappedStatuses).Distinct().ToList(),
                Stages = flow.Stages,
                Loads = loads,
                Summary = summary,
            };
            var lines = new List<string>();
            var judged = loads.Where(l => l.Load.HasValue).OrderByDescending(l => l.Load!.Value).ThenBy(l => l.Position).ToList();
            var growing = loads.Where(l => l.IsGrowing && l.Visits >= MinVisits && !IsFilling(l)).OrderByDescending(l => l.WipByThird[2] - l.WipByThird[0]).ToList();
            var unmeasuredShare = summary.UnmeasuredShare ?? 0;
            var top = judged.FirstOrDefault();
            var score = 0;

            if (top is { } hot && hot.Load >= Constraining)
                score += StageVerdict(report, hot, judged, growing, lines, byLoad: true);
            else if (growing.Count > 0)
                score += StageVerdict(report, growing[0], judged, growing, lines, byLoad: false);
            else if (unmeasuredShare >= MostlyUnmeasured && unmeasured.Count > 0)
            {
                report.Verdict = ConstraintVerdict.UnmeasuredTime;
                report.Basis = ConstraintBasis.Unmeasured;
                lines.Add($"The time goes to waits outside the measured stages: {PercentInText(unmeasuredShare)} of the finished items' lead time is spent in statuses mapped to no stage: {Shares(unmeasured)}.");
                if (unmeasuredShare >= 0.5) score++;
                if (top is null || top.Load < Slack) score++;
                if (top is not null) AddMostLoaded(report, top, lines, "No stage constrains the flow: the most loaded is");
            }
            else if (top is not null)
            {
                report.Verdict = ConstraintVerdict.Demand;
                report.Basis = top.ServersEstimated ? ConstraintBasis.Throughput : ConstraintBasis.Utilization;
                // Rising WIP the verdict set aside (too few visits, or a stage filling) must not be denied.
                var noneRose = loads.Any(l => l.IsGrowing)
                    ? "no stage's WIP rose through the window but for the rises noted below"
                    : "no stage's WIP rose through the window";
                var backlog = summary.Started - summary.Finished - summary.Discarded;
                report.StillFilling = backlog >= GrowthItems && backlog >= Filling * summary.Started;
                if (report.StillFilling)
                {
                    // A short export that starts with an empty board finishes less than arrives while the stages fill:
                    // that is not demand shown to be the limit, only no stage shown to be one yet.
                    score--;
                    lines.Add($"No internal constraint yet: more arrived than finished ({summary.Started} against {summary.Finished}{(summary.Discarded > 0 ? $" and {summary.Discarded} discarded" : "")}, {Number(report.ArrivalsPerWeek ?? 0)} and {Number(summary.ThroughputPerWeek ?? 0)} a week) as the stages filled from {Plural(report.Stages.Sum(s => s.StartWip), "item")} in progress to {report.Stages.Sum(s => s.CurrentWip)}, and {noneRose}. A longer window would tell whether demand or a stage limits the flow.");
                }
                else lines.Add($"No internal constraint: the flow is limited by demand. {summary.Started} items arrived in the window, {Number(report.ArrivalsPerWeek ?? 0)} a week, and {summary.Finished} finished, {Number(summary.ThroughputPerWeek ?? 0)} a week,{Discarded(summary)} with {summary.OpenItems} in progress at the end; {noneRose}.");
                AddMostLoaded(report, top, lines, "The most loaded stage, where a constraint would appear first as demand grows, is");
                if (top.Load < Slack) score++;
                else if (top.Load >= NearlyConstraining)
                {
                    score--;
                    lines.Add($"But {top.Stage} at {PercentInText(top.Load!.Value)} is close to constraining: a little more demand, or a load measured a little low, makes it the constraint.");
                }
                if (judged.All(l => l.Visits >= ManyVisits)) score++;
                else if (judged.Any(l => l.Visits < FewVisits)) score--;
            }
            else
            {
                report.Verdict = ConstraintVerdict.Unknown;
                report.Basis = ConstraintBasis.None;
                lines.Add(loads.Any(l => l.Visits > 0)
                    ? $"Too little to judge: no stage has {MinVisits} visits that ended in the window (the most: {loads.OrderByDescending(l => l.Visits).First().Stage}, {loads.Max(l => l.Visits)}). Measure a longer window."
                    : "The log shows no time in any stage's statuses: check the workflow's states and queue statuses against the log's statuses.");
                report.Evidence = lines;
                return report;
            }

            if (summary.Finished > 0 && report.Verdict == ConstraintVerdict.Stage)
                lines.Add($"{summary.Finished} items finished in the window, {Number(report.ThroughputPerWeek ?? 0)} a week; {summary.Started} started, {Number(report.ArrivalsPerWeek ?? 0)} a week.{(summary.Discarded > 0 ? $" {Plural(summary.Discarded, "item")} left discarded, counted in no throughput." : "")}");
            foreach (var few in loads.Where(l => l.Visits > 0 && l.Visits < MinVisits))
                lines.Add($"{few.Stage} had only {Plural(few.Visits, "visit")} end in the window: too few to judge it{(few.IsGrowing ? $", though its WIP rose ({Thirds(few)} items on average in each third)" : "")}.");
            foreach (var filling in loads.Where(IsFilling))
                lines.Add($"The WIP of {filling.Stage} rose ({Thirds(filling)} items on average in each third) while it was busy {PercentInText(filling.Load!.Value)} of the time: it was filling, its work held in parallel rather than waiting.");
            if (report.Verdict != ConstraintVerdict.UnmeasuredTime && unmeasured.Count > 0 && unmeasuredShare > 0)
            {
                if (unmeasuredShare >= LargeUnmeasuredShare)
                {
                    score--;
                    lines.Add($"{PercentInText(unmeasuredShare)} of the lead time is spent in statuses mapped to no stage ({Shares(unmeasured)}): the constraint may hide where nobody measures.");
                }
                else lines.Add($"Time in statuses mapped to no stage is unmeasured: {PercentInText(unmeasuredShare)} of the lead time ({Shares(unmeasured)}).");
            }

            report.Confidence = score >= 2 ? ConstraintConfidence.High : score >= 0 ? ConstraintConfidence.Medium : ConstraintConfidence.Low;
            if (report.Verdict == ConstraintVerdict.Stage && loads.First(l => l.Stage == report.Constraint).Visits < FewVisits) report.Confidence = ConstraintConfidence.Low;
            lines.Add($"Confidence: {report.Confidence}.");
            report.Evidence = lines;
            return report;
        }

        private static int StageVerdict(FlowConstraintReport report, StageLoad constraint, List<StageLoad> judged, List<StageLoad> growing, List<string> lines, bool byLoad)
        {
            var score = 0;
            var stage = report.Stages[constraint.Position - 1];
            report.Verdict = ConstraintVerdict.Stage;
            report.Constraint = constraint.Stage;
            report.Utilization = constraint.Load;
            report.QueueWip = constraint.QueueWip;
            report.NetFlow = stage.NetFlow;
            report.WaitTime = constraint.WaitTime;
            report.Basis = !byLoad ? ConstraintBasis.Queue : constraint.ServersEstimated ? ConstraintBasis.Throughput : ConstraintBasis.Utilization;

            lines.Add(byLoad
                ? $"{constraint.Stage} is the constraint: busy {PercentInText(constraint.Load!.Value)} of the time, {LoadBasis(constraint)}; the most loaded of {Plural(judged.Count, "stage")} with {MinVisits} visits or more."
                : $"{constraint.Stage} is the constraint: its WIP rose through the window ({Thirds(constraint)} items on average in each third) while no stage is busy {PercentInText(Constraining)} of the time{(constraint.Load is double load ? $" ({constraint.Stage} {PercentInText(load)})" : "")}.");
            if (constraint.Load >= Saturated) score++;

            var runnerUp = judged.FirstOrDefault(l => l.Stage != constraint.Stage);
            if (runnerUp is not null)
            {
                report.NextConstraint = runnerUp.Stage;
                report.NextUtilization = runnerUp.Load;
                var margin = (constraint.Load ?? 0) - runnerUp.Load!.Value;
                if (margin >= ClearMargin) score++;
                else if (margin < CloseMargin) score--;
                lines.Add(margin < CloseMargin
                    ? $"{runnerUp.Stage} is nearly as loaded ({PercentInText(runnerUp.Load.Value)}): the constraint may move between them."
                    : $"The next most loaded stage is {runnerUp.Stage} at {PercentInText(runnerUp.Load.Value)}.");
            }

            var longestQueue = report.Stages.Where(s => s.QueueWip > 0).OrderByDescending(s => s.QueueWip!.Value).FirstOrDefault();
            if (constraint.IsGrowing)
            {
                score++;
                if (byLoad) lines.Add($"Work piles up in front of it: its WIP rose through the window, {Thirds(constraint)} items on average in each third ({stage.Arrivals} visits arrived, {stage.Departures} left).");
            }
            else if (longestQueue is not null && longestQueue.Stage == constraint.Stage)
            {
                score++;
                lines.Add($"Its queue is the longest: {Number(longestQueue.QueueWip!.Value)} items wait on average, and a visit waits {Display.Duration(constraint.WaitTime)}.");
            }
            var otherGrowing = growing.FirstOrDefault(g => g.Stage != constraint.Stage);
            if (otherGrowing is not null)
            {
                score--;
                lines.Add($"But the WIP of {otherGrowing.Stage} rose through the window too: {Thirds(otherGrowing)} items on average in each third.");
            }
            if (constraint.Visits < ManyVisits)
            {
                score--;
                lines.Add($"Only {Plural(constraint.Visits, "visit")} to {constraint.Stage} ended in the window: too few to be sure.");
            }
            return score;
        }

        private static void AddMostLoaded(FlowConstraintReport report, StageLoad top, List<string> lines, string lead)
        {
            report.NextConstraint = top.Stage;
            report.NextUtilization = top.Load;
            lines.Add($"{lead} {top.Stage}, busy {PercentInText(top.Load!.Value)} of the time, {LoadBasis(top)}.");
        }

        private static string LoadBasis(StageLoad load) => load.ServersEstimated
            ? $"with {Plural(load.Servers!.Value, "server")} estimated from how fast it finished work as items waited (at most {Number(load.CapacityPerWeek!.Value)} a week; it finished {Number(load.ThroughputPerWeek ?? 0)})"
            : $"{Number(load.Wip is null ? 0 : load.Load!.Value * load.Servers!.Value)} items active on average for {Plural(load.Servers!.Value, "server")}";

        private static string Thirds(StageLoad load) => string.Join(", ", load.WipByThird.Select(Number));

        private static string Shares(List<(string Status, double Share)> unmeasured) =>
            string.Join(", ", unmeasured.Take(3).Select(u => $"{Display.Excerpt(u.Status)} {PercentInText(u.Share)}")) + (unmeasured.Count > 3 ? $" and {unmeasured.Count - 3} more" : "");
    }
}
