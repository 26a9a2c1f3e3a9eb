using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml;
using ConstraintTools.Flow;
using ConstraintTools.Notation;
using ConstraintTools.Queueing;

namespace ConstraintTools.Reports
{
    public static partial class FlowReportHtml
    {
        /// <summary>A log shorter than this gets no constraint over time unless an interval is given: fewer than three 4-week windows show no movement.</summary>
        public static readonly TimeSpan OverTimeMinimumSpan = TimeSpan.FromDays(7 * 12);

        /// <summary>A log longer than this is cut into quarters (13 weeks) rather than 4-week windows, so the table stays short enough to read.</summary>
        public static readonly TimeSpan OverTimeQuarterlySpan = TimeSpan.FromDays(7 * 104);

        /// <summary>
        /// The windows of the constraint over time when none is given: 4 weeks for a log spanning 12 weeks or more,
        /// 13 weeks past two years; null for a shorter log, an empty one, or one so long that the windows would pass
        /// <see cref="FlowConstraint.MaxWindows"/> or <see cref="FlowConstraint.MaxChangesRead"/>.
        /// </summary>
        public static TimeSpan? DefaultInterval(WorkItemLog log)
        {
            if (log is null) throw new ArgumentNullException(nameof(log));
            if (log.FirstEventUtc is not DateTime first || log.LastEventUtc is not DateTime last) return null;
            var span = last - first;
            if (span < OverTimeMinimumSpan) return null;
            var interval = TimeSpan.FromDays(span > OverTimeQuarterlySpan ? 7 * 13 : 7 * 4);
            var windows = Math.Ceiling(span.Ticks / (double)interval.Ticks);
            return windows > FlowConstraint.MaxWindows || windows * log.EventCount > FlowConstraint.MaxChangesRead ? null : interval;
        }

        // ---- The log's own verdict, its measured stages and the constraint over time.

        private static void LogHeadline(XmlWriter x, FlowConstraintReport found)
        {
            x.WriteStartElement("p");
            Attributes(x, ("id", "verdict"), ("data-verdict", found.Verdict.ToString()), ("data-confidence", found.Confidence.ToString()), ("data-basis", found.Basis.ToString()));
            switch (found.Verdict)
            {
                case ConstraintVerdict.Stage:
                    x.WriteString("From the log, the constraint is ");
                    x.WriteStartElement("span");
                    Attributes(x, ("class", "constraint-name"), ("id", "constraint"));
                    x.WriteString(found.Constraint!);
                    x.WriteEndElement();
                    x.WriteString(found.Basis == ConstraintBasis.Queue
                        ? ": its WIP rose through the window, while no stage is loaded enough to constrain"
                        : $": busy {Display.PercentInText(found.Utilization!.Value)} of the time, {BasisWords(found.Basis)}");
                    break;
                case ConstraintVerdict.Demand:
                    x.WriteString(found.StillFilling
                        ? "From the log, no stage is seen to constrain the flow yet: the stages were still filling, and more arrived than finished. The most loaded stage"
                        : "From the log, no stage constrains the flow: it is limited by demand. The most loaded stage");
                    x.WriteString($" is {found.NextConstraint}, busy {Display.PercentInText(found.NextUtilization!.Value)} of the time");
                    break;
                case ConstraintVerdict.UnmeasuredTime:
                    x.WriteString($"From the log, the time goes to waits outside the measured stages: {Display.PercentInText(found.UnmeasuredShare ?? 0)} of the finished items' lead time is in statuses mapped to no stage, most in {Display.Excerpt(found.UnmappedStatuses.FirstOrDefault())}");
                    break;
                default:
                    x.WriteString("From the log, there is too little to say what limits the flow");
                    break;
            }
            x.WriteString(found.Verdict == ConstraintVerdict.Unknown ? "." : $". Confidence: {found.Confidence}.");
            x.WriteEndElement();

            x.WriteStartElement("ul");
            x.WriteAttributeString("id", "log-evidence");
            foreach (var line in found.Evidence) x.WriteElementString("li", line);
            x.WriteEndElement();

            var summary = found.Summary;
            x.WriteStartElement("table");
            x.WriteAttributeString("id", "log-figures");
            Row(x, "Window", FormattableString.Invariant($"{found.From:yyyy-MM-dd} to {found.To:yyyy-MM-dd} ({Display.Duration(found.To - found.From)})"), (found.To - found.From).TotalDays);
            Row(x, "Throughput per week", found.ThroughputPerWeek is double throughput ? Display.Rate(throughput) : "", found.ThroughputPerWeek);
            Row(x, "Arrivals per week", found.ArrivalsPerWeek is double arrivals ? Display.Rate(arrivals) : "", found.ArrivalsPerWeek);
            Row(x, "Finished", summary.Finished.ToString("N0", CultureInfo.InvariantCulture), summary.Finished);
            Row(x, "In progress at the end", summary.OpenItems.ToString("N0", CultureInfo.InvariantCulture), summary.OpenItems);
            Row(x, "Lead time p50", Display.Duration(summary.LeadTimeP50), summary.LeadTimeP50?.TotalHours);
            Row(x, "Lead time p85", Display.Duration(summary.LeadTimeP85), summary.LeadTimeP85?.TotalHours);
            Row(x, "Lead time p95", Display.Duration(summary.LeadTimeP95), summary.LeadTimeP95?.TotalHours);
            Row(x, "Lead time mean", Display.Duration(summary.LeadTime), summary.LeadTime?.TotalHours);
            if (summary.FlowEfficiency is double efficiency) Row(x, "Flow efficiency", Display.PercentInText(efficiency), efficiency);
            if (found.UnmeasuredShare is double unmeasured && found.UnmappedStatuses.Count > 0)
                Row(x, "Time in unmapped statuses", $"{Display.PercentInText(unmeasured)} ({Display.Names(found.UnmappedStatuses.Select(Display.Excerpt).ToList())})", unmeasured);
            if (found.NextConstraint is string next && found.NextUtilization is double nextLoad)
                Row(x, found.Verdict == ConstraintVerdict.Stage ? "Next constraint" : "Most loaded stage", $"{next} ({Display.PercentInText(nextLoad)})", nextLoad);
            x.WriteEndElement();
        }

        private static string BasisWords(ConstraintBasis basis) => basis switch
        {
            ConstraintBasis.Utilization => "measured as active items per server",
            ConstraintBasis.Throughput => "with servers estimated from how fast it finished work",
            _ => basis.ToString(),
        };

        private static void MeasuredStages(XmlWriter x, FlowConstraintReport found)
        {
            x.WriteElementString("h2", "Measured stages");
            x.WriteStartElement("table");
            Attributes(x, ("id", "stages"), ("class", "wide"));
            x.WriteStartElement("tr");
            foreach (var head in new[] { "Stage", "Visits", "Throughput /wk", "Queue WIP", "Active WIP", "Load", "Servers", "Wait", "Active", "Time in stage p50 · p85 · p95", "Lead share", "WIP by third" })
                x.WriteElementString("th", head);
            x.WriteEndElement();
            foreach (var (stage, load) in found.Stages.Zip(found.Loads, (s, l) => (s, l)))
            {
                x.WriteStartElement("tr");
                if (found.Verdict == ConstraintVerdict.Stage && stage.Stage == found.Constraint) x.WriteAttributeString("class", "constraint-row");
                x.WriteAttributeString("data-stage", stage.Stage);
                x.WriteAttributeString("data-visits", load.Visits.ToString(CultureInfo.InvariantCulture));
                if (load.Load is double l) x.WriteAttributeString("data-load", R(l));
                if (stage.QueueWip is double q) x.WriteAttributeString("data-queue-wip", R(q));
                if (stage.ActiveWip is double a) x.WriteAttributeString("data-active-wip", R(a));
                x.WriteElementString("td", stage.Stage);
                x.WriteElementString("td", load.Visits.ToString("N0", CultureInfo.InvariantCulture));
                x.WriteElementString("td", stage.ThroughputPerWeek is double t ? Display.Rate(t) : "");
                x.WriteElementString("td", stage.QueueWip is double queue ? Display.Rate(queue) : "");
                x.WriteElementString("td", stage.ActiveWip is double active ? Display.Rate(active) : "");
                x.WriteElementString("td", load.Load is double busy ? Display.PercentInText(busy) : load.Visits > 0 ? "too few visits" : "");
                x.WriteElementString("td", load.Servers is int servers ? (load.ServersEstimated ? "~" : "") + servers.ToString(CultureInfo.InvariantCulture) : "");
                x.WriteElementString("td", Display.Duration(stage.WaitTime));
                x.WriteElementString("td", Display.Duration(stage.ActiveTime));
                x.WriteElementString("td", string.Join(" · ", new[] { stage.TimeInStageP50, stage.TimeInStageP85, stage.TimeInStageP95 }.Select(Display.Duration)));
                x.WriteElementString("td", load.LeadTimeShare is double share ? Display.PercentInText(share) : "");
                x.WriteElementString("td", string.Join(", ", load.WipByThird.Select(Display.Rate)) + (load.IsGrowing ? " rising" : ""));
                x.WriteEndElement();
            }
            x.WriteEndElement();
            x.WriteStartElement("p");
            x.WriteAttributeString("class", "note");
            x.WriteString("Visits ended in the window; WIP is time-weighted; Load is active items per server where the workflow's servers fit the log, else the busy share with servers estimated from how fast the stage finished work (~); a stage with fewer than 20 visits is not judged.");
            x.WriteEndElement();
        }

        private static List<StageBox> LogBoxes(FlowConstraintReport found) => found.Loads.Select(load => new StageBox(
            load.Stage,
            found.Verdict == ConstraintVerdict.Stage && load.Stage == found.Constraint,
            load.Load is null,
            load.Load is double busy
                ? $"{Display.PercentInText(busy)} · {(load.ServersEstimated ? "~" : "")}{load.Servers} server{(load.Servers == 1 ? "" : "s")}"
                : $"{Display.Plural(load.Visits, "visit")}: too few",
            load.IsGrowing ? "WIP rising" : null,
            (load.Load is double l ? new[] { ("data-load", R(l)) } : Array.Empty<(string, string)>())
                .Append(("data-visits", load.Visits.ToString(CultureInfo.InvariantCulture))).ToArray())).ToList();

        private static void OverTimeSection(XmlWriter x, IReadOnlyList<ConstraintWindow> windows, TimeSpan interval)
        {
            x.WriteElementString("h2", "The constraint over time");
            x.WriteStartElement("p");
            x.WriteAttributeString("id", "moves");
            x.WriteString(MovesSentence(windows, interval));
            x.WriteEndElement();
            x.WriteStartElement("table");
            x.WriteAttributeString("id", "over-time");
            x.WriteStartElement("tr");
            foreach (var head in new[] { "From", "To", "Constraint", "Load", "Basis", "Confidence", "Throughput/wk", "Moved" }) x.WriteElementString("th", head);
            x.WriteEndElement();
            foreach (var window in windows)
            {
                x.WriteStartElement("tr");
                Attributes(x, ("data-from", window.From.ToString("o", CultureInfo.InvariantCulture)), ("data-to", window.To.ToString("o", CultureInfo.InvariantCulture)),
                    ("data-verdict", window.Verdict.ToString()), ("data-confidence", window.Confidence.ToString()), ("data-basis", window.Report.Basis.ToString()));
                if (window.Constraint != null) x.WriteAttributeString("data-constraint", window.Constraint);
                x.WriteElementString("td", window.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                x.WriteElementString("td", window.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                x.WriteElementString("td", VerdictWords(window.Verdict, window.Constraint));
                x.WriteElementString("td", window.Load is double load ? Display.PercentInText(load) : "");
                x.WriteElementString("td", window.Report.Basis.ToString());
                x.WriteElementString("td", window.Confidence.ToString());
                x.WriteElementString("td", window.ThroughputPerWeek is double t ? Display.Rate(t) : "");
                x.WriteElementString("td", window.Moved ? "moved" : "");
                x.WriteEndElement();
            }
            x.WriteEndElement();
            x.WriteStartElement("p");
            x.WriteAttributeString("class", "note");
            x.WriteString("Each window measured on its own, as Find-Constraint -Log -Interval does; Load is the constraint's, or with no internal constraint the most loaded stage's.");
            x.WriteEndElement();
        }

        /// <summary>Why a report from a log has no constraint over time, when the default would have given none.</summary>
        private static void NoOverTime(XmlWriter x, WorkItemLog log)
        {
            if (DefaultInterval(log) != null || log.FirstEventUtc is not DateTime first || log.LastEventUtc is not DateTime last) return;
            x.WriteStartElement("p");
            x.WriteAttributeString("class", "note");
            x.WriteString(last - first < OverTimeMinimumSpan
                ? $"No constraint over time: the log spans {Display.Duration(last - first)}, under the 12 weeks three 4-week windows need; -Interval sets windows of any length."
                : FormattableString.Invariant($"No constraint over time: the default windows would measure this log's {log.EventCount:N0} changes more times than the limit of {FlowConstraint.MaxWindows:N0} windows and {FlowConstraint.MaxChangesRead:N0} changes read allows; -Interval sets longer windows."));
            x.WriteEndElement();
        }

        /// <summary>When the verdict changed from one window to the next, and how many windows rest on little evidence.</summary>
        internal static string MovesSentence(IReadOnlyList<ConstraintWindow> windows, TimeSpan interval)
        {
            var moves = windows.Select((w, k) => (Window: w, Before: k > 0 ? windows[k - 1] : null)).Where(m => m.Window.Moved).ToList();
            var text = moves.Count == 0
                ? $"In {(windows.Count == 1 ? "the one window" : $"all {windows.Count} windows")} of {Display.Duration(interval)} the verdict is the same: {VerdictWords(windows[0].Verdict, windows[0].Constraint)}."
                : $"Over {windows.Count} windows of {Display.Duration(interval)} the verdict changed {(moves.Count == 1 ? "once" : $"{moves.Count} times")}: "
                    + string.Join("; ", moves.Select(m => FormattableString.Invariant($"from {m.Window.From:yyyy-MM-dd}, {VerdictWords(m.Before!.Verdict, m.Before.Constraint)} to {VerdictWords(m.Window.Verdict, m.Window.Constraint)}"))) + ".";
            var low = windows.Count(w => w.Confidence == ConstraintConfidence.Low);
            if (low > 0) text += $" {low} of {windows.Count} windows {(low == 1 ? "has" : "have")} Low confidence{(moves.Count > 0 ? ": a move to or from one of them is weak evidence" : "")}.";
            return text;
        }

        private static string VerdictWords(ConstraintVerdict verdict, string? constraint) => verdict switch
        {
            ConstraintVerdict.Stage => constraint!,
            ConstraintVerdict.Demand => "no internal constraint (demand)",
            ConstraintVerdict.UnmeasuredTime => "unmeasured waits",
            _ => "too little to judge",
        };

        // ---- The model's figures beside the log's, labelled as the model's.

        private static void ModelSection(XmlWriter x, Workflow workflow, ConstraintReport report, FlowConstraintReport? found)
        {
            x.WriteElementString("h2", "Model: what the workflow's service times predict");
            x.WriteStartElement("p");
            x.WriteAttributeString("class", "note");
            x.WriteString("These figures are computed from the workflow's demand, service times and servers, not measured from the log.");
            x.WriteEndElement();
            ModelSentence(x, report, "Model: the constraint is ", "model-constraint");
            if (found != null)
            {
                x.WriteStartElement("p");
                x.WriteAttributeString("id", "model-beside-log");
                x.WriteString(ModelBesideLog(report, found));
                x.WriteEndElement();
            }
            ModelFigures(x, report);
            UtilizationBars(x, report, "Model: ");
            Evidence(x, report, "Model: ");
            Improvements(x, workflow, "Model: ");
        }

        /// <summary>Whether the model and the log name the same constraint, and the throughput of each.</summary>
        internal static string ModelBesideLog(ConstraintReport report, FlowConstraintReport found)
        {
            var model = report.Constraint;
            var constraint = found.Verdict == ConstraintVerdict.Stage
                ? string.Equals(model, found.Constraint, StringComparison.OrdinalIgnoreCase)
                    ? $"The model and the log name the same constraint, {found.Constraint}."
                    : $"The model's constraint is {model ?? "unknown"}; the log's is {found.Constraint}."
                : $"The model's constraint is {model ?? "unknown"}; the log's verdict is {VerdictWords(found.Verdict, null)}.";
            var throughput = found.ThroughputPerWeek is double measured
                ? $" The model delivers {Display.Rate(report.ThroughputPerWeek)} a week; the log measured {Display.Rate(measured)}."
                : "";
            return constraint + throughput;
        }
    }
}
