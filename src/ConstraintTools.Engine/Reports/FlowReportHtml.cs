using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Xml;
using ConstraintTools.Flow;
using ConstraintTools.Notation;
using ConstraintTools.Queueing;
using ConstraintTools.Simulation;
using ConstraintTools.Statistics;

namespace ConstraintTools.Reports
{
    /// <summary>
    /// One self-contained HTML file about a workflow (SPEC section 6): the flow diagram with the
    /// constraint highlighted and queue growth on the stages, utilization bars with the 85 % and 100 %
    /// lines, the evidence and the best improvements; with a log, the cumulative flow diagram, a
    /// cycle-time scatter with percentile lines and the ageing work; with a simulation, its figures beside
    /// the model's. Written with an XmlWriter, so the file is well-formed XHTML as well as HTML5, and
    /// it fetches nothing: no scripts, fonts or images from anywhere.
    /// </summary>
    public static partial class FlowReportHtml
    {
        /// <summary>More points than this in a chart are thinned to an even sample, so a report stays small and readable; the chart says how many it shows.</summary>
        public const int MaxPointsPerChart = 4000;

        private const int MaxImprovementRows = 5;
        private const int ChartWidth = 900;
        private const string Ns = "http://www.w3.org/2000/svg";

        private const string Style = @"
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2em auto;max-width:1000px;color:#222;padding:0 1em}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:.5em 0}td,th{padding:.25em .6em;border-bottom:1px solid #eee;text-align:right}
td:first-child,th:first-child,.text{text-align:left}.note{color:#666;font-size:.9em}
svg{max-width:100%;height:auto;font-size:12px}svg text{fill:#222}
.stage rect{fill:#eef3f8;stroke:#6b8bad;stroke-width:1.5}.stage.constraint rect{fill:#fde2e1;stroke:#c62828;stroke-width:3}
.stage.unmeasured rect{fill:#fff;stroke:#999;stroke-dasharray:5 3}.growth{fill:#c62828;font-weight:bold}
.edge{stroke:#6b8bad;fill:none;stroke-width:1.5}.rework{stroke:#d9822b;stroke-dasharray:4 3}
.bar{fill:#6b8bad}.bar.constraint{fill:#c62828}.limit{stroke:#999;stroke-dasharray:3 3}.limit.full{stroke:#c62828}
.point{fill:#6b8bad;fill-opacity:.5}.percentile{stroke:#c62828;stroke-dasharray:5 3}
.constraint-name{color:#c62828;font-weight:bold}table.wide{font-size:.85em}table.wide td,table.wide th{padding:.25em .3em}table.wide td{white-space:nowrap}tr.constraint-row td{color:#c62828;font-weight:bold}";

        private static readonly string[] BandColours =
        {
            "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
        };

        /// <summary>
        /// The report as text. Without <paramref name="log"/> it is the model's. With one, the log's own verdict leads
        /// (<see cref="FlowConstraint.Find"/>, what Find-Constraint -Log returns), then its measured stages, the flow as
        /// the log shows it, the constraint over <paramref name="interval"/> windows (<see cref="FlowConstraint.OverTime"/>)
        /// and the charts; the model's figures follow, labelled as the model's, only when some stage has a service time,
        /// capacity or cadence: a workflow that only maps statuses has no model to show.
        /// </summary>
        /// <exception cref="ArgumentException">An interval without a log, or one that cuts the log into too many windows.</exception>
        /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
        public static string Write(Workflow workflow, WorkItemLog? log = null, SimulationResult? simulation = null, TimeSpan? interval = null, CancellationToken cancel = default)
        {
            if (workflow is null) throw new ArgumentNullException(nameof(workflow));
            if (interval is not null && log is null) throw new ArgumentException("The constraint over time is measured from a log: give the log with the interval.", nameof(interval));
            var hasModel = HasModel(workflow);
            var report = log is null || hasModel || simulation != null ? WorkflowAnalyzer.Analyze(workflow) : null;
            var found = log is { EventCount: > 0 } ? FlowConstraint.Find(log, workflow, cancel: cancel) : null;
            var windows = found != null && interval is TimeSpan every ? FlowConstraint.OverTime(log!, workflow, every, cancel: cancel) : null;
            // XmlWriter would write "<!DOCTYPE html >"; the usual spelling goes in first, the document as a fragment after it.
            var text = new StringBuilder("<!DOCTYPE html>\n");
            var settings = new XmlWriterSettings { OmitXmlDeclaration = true, Indent = false, NewLineHandling = NewLineHandling.None, ConformanceLevel = ConformanceLevel.Fragment };
            using (var x = new VisibleTextXmlWriter(XmlWriter.Create(new StringWriter(text, CultureInfo.InvariantCulture), settings)))
            {
                x.WriteStartElement("html", "http://www.w3.org/1999/xhtml");
                x.WriteAttributeString("lang", "en");
                x.WriteStartElement("head");
                x.WriteStartElement("meta");
                x.WriteAttributeString("charset", "utf-8");
                x.WriteEndElement();
                x.WriteElementString("title", $"{workflow.Name}: flow report");
                x.WriteElementString("style", Style);
                x.WriteEndElement();
                x.WriteStartElement("body");
                if (log is null)
                {
                    Headline(x, report!);
                    FlowDiagram(x, workflow, ModelBoxes(report!), report!.Constraint);
                    UtilizationBars(x, report, "");
                    Evidence(x, report, "");
                    Improvements(x, workflow, "");
                }
                else
                {
                    x.WriteElementString("h1", workflow.Name);
                    if (found is null) x.WriteElementString("p", "The log holds no status changes: there is nothing to measure.");
                    else
                    {
                        LogHeadline(x, found);
                        MeasuredStages(x, found);
                        FlowDiagram(x, workflow, LogBoxes(found), found.Constraint);
                        x.WriteElementString("p", "Loads as the log shows them; ~ marks servers estimated from how fast the stage finished work, and a dashed stage had too few visits to judge.");
                        if (windows != null) OverTimeSection(x, windows, interval!.Value);
                        else NoOverTime(x, log);
                        LogSections(x, workflow, log);
                    }
                    if (hasModel) ModelSection(x, workflow, report!, found);
                }
                if (simulation != null) SimulationSection(x, report!, simulation);
                x.WriteEndElement();
                x.WriteEndElement();
            }
            return text.ToString();
        }

        /// <summary>True when some stage says how fast it works (a service time, capacity or cadence): the workflow is a model, not only a status mapping.</summary>
        public static bool HasModel(Workflow workflow) => workflow.Stages.Any(s => s.IsMeasured);

        private static void Headline(XmlWriter x, ConstraintReport report)
        {
            x.WriteElementString("h1", report.Workflow);
            ModelSentence(x, report, "The constraint is ", "constraint");
            ModelFigures(x, report);
        }

        private static void ModelSentence(XmlWriter x, ConstraintReport report, string lead, string id)
        {
            x.WriteStartElement("p");
            if (report.Constraint is string constraint)
            {
                x.WriteString(lead);
                x.WriteStartElement("span");
                x.WriteAttributeString("class", "constraint-name");
                x.WriteAttributeString("id", id);
                x.WriteString(constraint);
                x.WriteEndElement();
                x.WriteString($", at {Display.Percent(report.Utilization)} of its capacity.");
            }
            else x.WriteString("No stage has a known capacity, so no constraint can be computed.");
            x.WriteEndElement();
        }

        private static void ModelFigures(XmlWriter x, ConstraintReport report)
        {
            x.WriteStartElement("table");
            x.WriteAttributeString("id", "figures");
            Row(x, "Demand per week", Display.Rate(report.DemandPerWeek), report.DemandPerWeek);
            Row(x, "Throughput per week", Display.Rate(report.ThroughputPerWeek), report.ThroughputPerWeek);
            if (report.ThroughputCeilingPerWeek is double ceiling) Row(x, "Ceiling per week", Display.Rate(ceiling), ceiling);
            Row(x, "Lead time", report.IsStable ? Display.Duration(report.LeadTime) : "unstable (queues grow)", report.LeadTime?.TotalHours);
            if (report.NextConstraint != null) Row(x, "Next constraint", $"{report.NextConstraint} (moves at x{Display.Rate(report.RelocationFactor ?? 0)})", report.RelocationFactor);
            if (report.UnmeasuredStages.Count > 0) Row(x, "Unmeasured stages", string.Join(", ", report.UnmeasuredStages), null);
            x.WriteEndElement();
        }

        private static void Row(XmlWriter x, string label, string shown, double? value)
        {
            x.WriteStartElement("tr");
            x.WriteElementString("th", label);
            x.WriteStartElement("td");
            if (value is double v) x.WriteAttributeString("data-value", v.ToString("R", CultureInfo.InvariantCulture));
            x.WriteString(shown);
            x.WriteEndElement();
            x.WriteEndElement();
        }

        // ---- The flow diagram: stages in rows, left to right; rework and jumps as curves.

        private const int BoxWidth = 150, BoxHeight = 58, GapX = 40, GapY = 50, PerRow = 5;

        /// <summary>What a stage's box in the flow shows: its figures under its name, and the figures as data for a reader's tools.</summary>
        private sealed record StageBox(string Stage, bool IsConstraint, bool IsDashed, string Figures, string? Warning, (string Name, string Value)[] Data);

        private static List<StageBox> ModelBoxes(ConstraintReport report) => report.Stages.Select(stage => new StageBox(
            stage.Stage, stage.IsConstraint, !stage.IsMeasured,
            stage.IsMeasured ? $"{Display.Percent(stage.Utilization)} · {stage.Servers} server{(stage.Servers == 1 ? "" : "s")}" : "unmeasured",
            stage.QueueGrowthPerWeek > 0 ? $"queue +{Display.Rate(stage.QueueGrowthPerWeek)}/week" : null,
            (stage.Utilization is double u ? new[] { ("data-utilization", R(u)) } : Array.Empty<(string, string)>())
                .Append(("data-queue-growth", R(stage.QueueGrowthPerWeek))).ToArray())).ToList();

        private static void FlowDiagram(XmlWriter x, Workflow workflow, IReadOnlyList<StageBox> boxes, string? constraint)
        {
            x.WriteElementString("h2", "Flow");
            var n = workflow.Stages.Count;
            var rows = (n + PerRow - 1) / PerRow;
            var width = Math.Min(n, PerRow) * (BoxWidth + GapX) + GapX;
            var height = rows * (BoxHeight + GapY) + GapY;
            (double X, double Y) Origin(int i) => (GapX + i % PerRow * (BoxWidth + GapX), GapY / 2.0 + i / PerRow * (BoxHeight + GapY));

            StartSvg(x, "flow", width, height, $"Flow of {workflow.Name}: {n} stages; the constraint is {constraint ?? "unknown"}");
            x.WriteStartElement("defs", Ns);
            x.WriteStartElement("marker", Ns);
            Attributes(x, ("id", "arrow"), ("viewBox", "0 0 10 10"), ("refX", "10"), ("refY", "5"), ("markerWidth", "7"), ("markerHeight", "7"), ("orient", "auto"));
            x.WriteStartElement("path", Ns);
            Attributes(x, ("d", "M0,0 L10,5 L0,10 z"), ("fill", "#6b8bad"));
            x.WriteEndElement();
            x.WriteEndElement();
            x.WriteEndElement();

            var network = workflow.Network;
            for (var i = 0; i < n; i++)
                for (var k = network.EdgeStart[i]; k < network.EdgeStart[i + 1]; k++)
                {
                    var j = network.EdgeTarget[k];
                    if (j < 0) continue;
                    Edge(x, Origin(i), Origin(j), i, j, network.EdgeProbability[k], network.EdgeStart[i + 1] - network.EdgeStart[i] > 1);
                }

            for (var i = 0; i < n; i++)
            {
                var box = boxes[i];
                var (left, top) = Origin(i);
                x.WriteStartElement("g", Ns);
                x.WriteAttributeString("class", "stage" + (box.IsConstraint ? " constraint" : "") + (box.IsDashed ? " unmeasured" : ""));
                x.WriteAttributeString("data-stage", box.Stage);
                Attributes(x, box.Data);
                x.WriteStartElement("rect", Ns);
                Attributes(x, ("x", F(left)), ("y", F(top)), ("width", F(BoxWidth)), ("height", F(BoxHeight)), ("rx", "6"));
                x.WriteEndElement();
                Text(x, left + BoxWidth / 2.0, top + 18, Shorten(box.Stage, 22), "middle", null);
                Text(x, left + BoxWidth / 2.0, top + 34, box.Figures, "middle", null);
                if (box.Warning != null) Text(x, left + BoxWidth / 2.0, top + 50, box.Warning, "middle", "growth");
                x.WriteEndElement();
            }
            x.WriteEndElement();
        }

        private static void Edge(XmlWriter x, (double X, double Y) from, (double X, double Y) to, int i, int j, double probability, bool labelled)
        {
            string d;
            var rework = j <= i;
            if (j == i + 1 && Math.Abs(from.Y - to.Y) < 1)
                d = $"M{F(from.X + BoxWidth)},{F(from.Y + BoxHeight / 2.0)} L{F(to.X)},{F(to.Y + BoxHeight / 2.0)}";
            else if (!rework && to.Y > from.Y)
            {
                // Down to a later row: along the gap under the source's row, then down into the target, never across a box.
                var sx = from.X + BoxWidth / 2.0;
                var tx = to.X + BoxWidth / 2.0;
                var gap = from.Y + BoxHeight + GapY / 2.0;
                d = $"M{F(sx)},{F(from.Y + BoxHeight)} V{F(gap)} H{F(tx)} V{F(to.Y)}";
            }
            else
            {
                // Back and long edges bow over the boxes (rework above, jumps below) so they never cross a label.
                var sx = from.X + BoxWidth / 2.0;
                var tx = to.X + BoxWidth / 2.0;
                var sy = rework ? from.Y : from.Y + BoxHeight;
                var ty = rework ? to.Y : to.Y;
                var bow = rework ? Math.Min(sy, ty) - GapY / 2.0 : Math.Max(sy, ty) + GapY / 2.0;
                d = $"M{F(sx)},{F(sy)} C{F(sx)},{F(bow)} {F(tx)},{F(bow)} {F(tx)},{F(ty)}";
            }
            x.WriteStartElement("path", Ns);
            Attributes(x, ("class", rework ? "edge rework" : "edge"), ("d", d), ("marker-end", "url(#arrow)"));
            x.WriteAttributeString("data-from", (i + 1).ToString(CultureInfo.InvariantCulture));
            x.WriteAttributeString("data-to", (j + 1).ToString(CultureInfo.InvariantCulture));
            x.WriteAttributeString("data-probability", probability.ToString("R", CultureInfo.InvariantCulture));
            x.WriteEndElement();
            if (!labelled) return;
            // Next to where the edge leaves its stage, so a label never strays from its arrow.
            if (j == i + 1 && Math.Abs(from.Y - to.Y) < 1) Text(x, from.X + BoxWidth + GapX / 2.0, from.Y + BoxHeight / 2.0 - 5, Display.Percent(probability), "middle", "note");
            else Text(x, from.X + BoxWidth / 2.0 + 4, rework ? from.Y - 6 : from.Y + BoxHeight + 14, Display.Percent(probability), "start", "note");
        }

        // ---- Utilization bars with the 85 % and 100 % lines.

        private static void UtilizationBars(XmlWriter x, ConstraintReport report, string label)
        {
            x.WriteElementString("h2", label + "Utilization");
            const double Scale = 1.5; // bars end at 150 %; higher loads are drawn to the edge and labelled
            const int Label = 200, RowHeight = 18;
            var stages = report.Stages;
            var plot = ChartWidth - Label - 80;
            var height = stages.Count * RowHeight + 30;
            StartSvg(x, "utilization", ChartWidth, height, "Utilization of each stage, with lines at 85 % and 100 %");
            for (var i = 0; i < stages.Count; i++)
            {
                var stage = stages[i];
                var y = 20 + i * RowHeight;
                Text(x, Label - 8, y + 12, Shorten(stage.Stage, 30), "end", null);
                if (stage.Utilization is not double u) continue;
                x.WriteStartElement("rect", Ns);
                Attributes(x, ("class", stage.IsConstraint ? "bar constraint" : "bar"), ("x", F(Label)), ("y", F(y + 2)),
                    ("width", F(plot * Math.Min(u, Scale) / Scale)), ("height", F(RowHeight - 4)));
                x.WriteAttributeString("data-stage", stage.Stage);
                x.WriteAttributeString("data-utilization", u.ToString("R", CultureInfo.InvariantCulture));
                x.WriteEndElement();
                Text(x, Label + plot * Math.Min(u, Scale) / Scale + 4, y + 12, Display.Percent(u), "start", null);
            }
            foreach (var (level, css) in new[] { (0.85, "limit"), (1.0, "limit full") })
            {
                var lx = Label + plot * level / Scale;
                Line(x, lx, 12, lx, height - 4, css);
                Text(x, lx, 10, Display.Percent(level), "middle", "note");
            }
            x.WriteEndElement();
        }

        private static void Evidence(XmlWriter x, ConstraintReport report, string label)
        {
            x.WriteElementString("h2", label + "Evidence");
            x.WriteStartElement("ul");
            x.WriteAttributeString("id", "evidence");
            foreach (var line in report.Evidence) x.WriteElementString("li", line);
            x.WriteEndElement();
        }

        /// <summary>Each stage with 50 % more capacity, best first: the constraint's row shows the gain, the others that there is none.</summary>
        private static void Improvements(XmlWriter x, Workflow workflow, string label)
        {
            var rows = Improvement.LargestCapacityGains(workflow, 1.5, MaxImprovementRows);
            if (rows.Count == 0) return;
            x.WriteElementString("h2", label + "What 50 % more capacity would do");
            x.WriteStartElement("table");
            x.WriteAttributeString("id", "improvements");
            x.WriteStartElement("tr");
            foreach (var head in new[] { "Stage", "Throughput per week", "Gain", "Constraint after" }) x.WriteElementString("th", head);
            x.WriteStartElement("th");
            x.WriteAttributeString("class", "text");
            x.WriteString("Verdict");
            x.WriteEndElement();
            x.WriteEndElement();
            foreach (var row in rows)
            {
                x.WriteStartElement("tr");
                x.WriteAttributeString("data-stage", row.Stage);
                x.WriteAttributeString("data-gain-percent", row.ThroughputGainPercent.ToString("R", CultureInfo.InvariantCulture));
                x.WriteElementString("td", row.Stage);
                x.WriteElementString("td", $"{Display.Rate(row.ThroughputBefore)} → {Display.Rate(row.ThroughputAfter)}");
                x.WriteElementString("td", row.ThroughputGainPercent > 0 ? $"+{row.ThroughputGainPercent.ToString("0.#", CultureInfo.InvariantCulture)}%" : "0%");
                x.WriteElementString("td", row.ConstraintAfter ?? "");
                x.WriteStartElement("td");
                x.WriteAttributeString("class", "text");
                x.WriteString(row.Verdict);
                x.WriteEndElement();
                x.WriteEndElement();
            }
            x.WriteEndElement();
        }

        // ---- From a log: cumulative flow, cycle-time scatter, ageing work.

        private static void LogSections(XmlWriter x, Workflow workflow, WorkItemLog log)
        {
            if (log.EventCount == 0) return;
            var window = LogWindow.Resolve(log, null, null);
            var days = Math.Max(1, (window.To - window.From).TotalDays);
            // At most about 150 intervals: whole days, or whole weeks for a long log.
            var interval = days <= 150 ? TimeSpan.FromDays(1) : TimeSpan.FromDays(7 * Math.Ceiling(days / 7 / 150));
            CumulativeFlowChart(x, workflow, CumulativeFlow.Compute(log, workflow, interval), interval);
            CycleTimeScatter(x, workflow, log);
            AgeingWork(x, workflow, WorkItemAging.Measure(log, workflow));
        }

        private static void CumulativeFlowChart(XmlWriter x, Workflow workflow, IReadOnlyList<CumulativeFlowPoint> points, TimeSpan interval)
        {
            x.WriteElementString("h2", "Cumulative flow");
            var bands = points.Select(p => p.Stage).Distinct().ToList();
            var dates = points.Select(p => p.Date).Distinct().ToList();
            var counts = new int[dates.Count, bands.Count];
            foreach (var p in points) counts[dates.IndexOf(p.Date), p.Position - 1] = p.Count;
            var top = Enumerable.Range(0, dates.Count).Select(d => Enumerable.Range(0, bands.Count).Sum(b => counts[d, b])).DefaultIfEmpty(0).Max();
            const int Left = 50, Height = 320, Plot = Height - 40;
            var plotWidth = ChartWidth - Left - 160;
            double X(int d) => Left + (dates.Count <= 1 ? 0 : plotWidth * d / (double)(dates.Count - 1));
            double Y(int value) => 10 + Plot - (top == 0 ? 0 : Plot * value / (double)top);
            StartSvg(x, "cumulative-flow", ChartWidth, Height, $"Cumulative flow of {workflow.Name}, one point per {Display.Duration(interval)}");
            // Done at the bottom, the first stage on top, as cumulative flow diagrams are read.
            var below = new int[dates.Count];
            for (var b = bands.Count - 1; b >= 0; b--)
            {
                var lower = (int[])below.Clone();
                for (var d = 0; d < dates.Count; d++) below[d] += counts[d, b];
                var outline = Enumerable.Range(0, dates.Count).Select(d => $"{F(X(d))},{F(Y(below[d]))}")
                    .Concat(Enumerable.Range(0, dates.Count).Reverse().Select(d => $"{F(X(d))},{F(Y(lower[d]))}"));
                x.WriteStartElement("polygon", Ns);
                Attributes(x, ("points", string.Join(" ", outline)), ("fill", BandColours[b % BandColours.Length]), ("fill-opacity", "0.85"));
                x.WriteAttributeString("data-band", bands[b]);
                x.WriteAttributeString("data-last", counts[dates.Count - 1, b].ToString(CultureInfo.InvariantCulture));
                x.WriteEndElement();
                // The legend lists the bands top to bottom, as they are stacked.
                Text(x, Left + plotWidth + 8, 20 + 16 * b, bands[b], "start", null);
                x.WriteStartElement("rect", Ns);
                Attributes(x, ("x", F(Left + plotWidth + 150)), ("y", F(10 + 16 * b)), ("width", "8"), ("height", "12"), ("fill", BandColours[b % BandColours.Length]));
                x.WriteEndElement();
            }
            Text(x, Left - 6, Y(top) + 4, top.ToString(CultureInfo.InvariantCulture), "end", "note");
            Text(x, Left, Height - 8, dates[0].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "start", "note");
            Text(x, Left + plotWidth, Height - 8, dates[dates.Count - 1].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "end", "note");
            x.WriteEndElement();
        }

        private static void CycleTimeScatter(XmlWriter x, Workflow workflow, WorkItemLog log)
        {
            var map = StatusMap.For(log, workflow);
            var timeline = new ItemTimeline(log, map, workflow.Stages.Count, long.MaxValue);
            var finished = new List<(long Done, double Days)>();
            for (var item = 0; item < log.ItemCount; item++)
                if (timeline.Load(item) && timeline.IsFinished)
                    finished.Add((timeline.DoneTicks, (timeline.DoneTicks - timeline.FirstTicks) / (double)TimeSpan.TicksPerDay));
            x.WriteElementString("h2", "Lead time of finished items");
            if (finished.Count == 0)
            {
                x.WriteElementString("p", "No item is finished in the log.");
                return;
            }
            var sortedDays = finished.Select(f => f.Days).OrderBy(d => d).ToList();
            var percentiles = new[] { 50, 85, 95 }.Select(p => (p, sortedDays[NearestRank.Index(sortedDays.Count, p)])).ToList();
            long first = finished.Min(f => f.Done), last = finished.Max(f => f.Done);
            var maxDays = sortedDays[sortedDays.Count - 1];
            const int Left = 50, Height = 320, Plot = Height - 40;
            var plotWidth = ChartWidth - Left - 120;
            double X(long ticks) => Left + (last == first ? 0 : plotWidth * (ticks - first) / (double)(last - first));
            double Y(double days) => 10 + Plot - (maxDays <= 0 ? 0 : Plot * days / maxDays);
            var shown = Thin(finished.OrderBy(f => f.Done).ToList());
            StartSvg(x, "lead-times", ChartWidth, Height, $"Lead time of {finished.Count} finished items against the day they finished");
            foreach (var (done, days) in shown)
            {
                x.WriteStartElement("circle", Ns);
                Attributes(x, ("class", "point"), ("cx", F(X(done))), ("cy", F(Y(days))), ("r", "2.5"));
                x.WriteEndElement();
            }
            Text(x, Left - 6, Y(maxDays) + 4, Display.Duration(TimeSpan.FromDays(maxDays)), "end", "note");
            Text(x, Left, Height - 8, new DateTime(first, DateTimeKind.Utc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "start", "note");
            Text(x, Left + plotWidth, Height - 8, new DateTime(last, DateTimeKind.Utc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "end", "note");
            foreach (var (percent, days) in percentiles)
            {
                Line(x, Left, Y(days), Left + plotWidth, Y(days), "percentile", ("data-percentile", percent.ToString(CultureInfo.InvariantCulture)), ("data-days", days.ToString("R", CultureInfo.InvariantCulture)));
                Text(x, Left + plotWidth + 6, Y(days) + 4, $"p{percent} {Display.Duration(TimeSpan.FromDays(days))}", "start", null);
            }
            x.WriteEndElement();
            Shown(x, shown.Count, finished.Count, "finished items");
        }

        private static void AgeingWork(XmlWriter x, Workflow workflow, IReadOnlyList<WorkItemAge> ages)
        {
            x.WriteElementString("h2", "Ageing work in progress");
            if (ages.Count == 0)
            {
                x.WriteElementString("p", "No item is open at the end of the log.");
                return;
            }
            var columns = workflow.Stages.Select(s => s.Name).Append("(unmapped)").ToList();
            var maxDays = ages.Max(a => a.Age.TotalDays);
            const int Left = 50, Height = 300, Plot = Height - 60;
            var columnWidth = (ChartWidth - Left - 20) / (double)columns.Count;
            double Y(double days) => 10 + Plot - (maxDays <= 0 ? 0 : Plot * days / maxDays);
            var shown = Thin(ages.ToList());
            StartSvg(x, "ageing", ChartWidth, Height, $"Age of the {ages.Count} open items by the stage they are in");
            for (var c = 0; c < columns.Count; c++)
                Text(x, Left + columnWidth * (c + 0.5), Height - 30, Shorten(columns[c], (int)(columnWidth / 7)), "middle", "note");
            for (var i = 0; i < shown.Count; i++)
            {
                var age = shown[i];
                var column = age.Stage is null ? columns.Count - 1 : columns.IndexOf(age.Stage);
                // A small, repeatable spread inside the column keeps items of the same age apart.
                var jitter = ((i * 37) % 21 - 10) / 10.0 * columnWidth * 0.3;
                x.WriteStartElement("circle", Ns);
                Attributes(x, ("class", "point"), ("cx", F(Left + columnWidth * (column + 0.5) + jitter)), ("cy", F(Y(age.Age.TotalDays))), ("r", "3"));
                x.WriteAttributeString("data-item", age.Id);
                x.WriteEndElement();
            }
            Text(x, Left - 6, Y(maxDays) + 4, Display.Duration(TimeSpan.FromDays(maxDays)), "end", "note");
            x.WriteEndElement();
            Shown(x, shown.Count, ages.Count, "open items");
        }

        // ---- A simulation beside the model.

        private static void SimulationSection(XmlWriter x, ConstraintReport report, SimulationResult simulation)
        {
            var summary = simulation.Summary;
            x.WriteElementString("h2", "Simulation beside the model");
            x.WriteElementString("p", $"{summary.Replications} replications of {Display.Duration(summary.Duration)} (warm-up {Display.Duration(summary.WarmUp)}), seed {summary.Seed}; ± is the 95 % confidence half-width.");
            x.WriteStartElement("table");
            x.WriteAttributeString("id", "simulation");
            x.WriteStartElement("tr");
            foreach (var head in new[] { "Stage", "Utilization (model)", "Utilization (simulated)", "Wait (model)", "Wait (simulated)" }) x.WriteElementString("th", head);
            x.WriteEndElement();
            foreach (var sim in simulation.Stages)
            {
                var model = report.Stages.FirstOrDefault(s => s.Stage == sim.Stage);
                x.WriteStartElement("tr");
                x.WriteAttributeString("data-stage", sim.Stage);
                x.WriteElementString("td", sim.Stage);
                x.WriteElementString("td", Display.Percent(model?.Utilization));
                x.WriteElementString("td", Display.WithHalfWidth(Display.Percent(sim.Utilization), Display.Percent(sim.UtilizationHalfWidth)));
                x.WriteElementString("td", model is { IsStable: true } ? Display.Duration(model.WaitTime) : "unstable");
                x.WriteElementString("td", Display.WithHalfWidth(Display.Duration(sim.WaitTime), Display.Duration(sim.WaitTimeHalfWidth)));
                x.WriteEndElement();
            }
            x.WriteEndElement();
        }

        // ---- Small helpers.

        private static List<T> Thin<T>(List<T> points)
        {
            if (points.Count <= MaxPointsPerChart) return points;
            var step = points.Count / (double)MaxPointsPerChart;
            return Enumerable.Range(0, MaxPointsPerChart).Select(k => points[(int)(k * step)]).ToList();
        }

        private static void Shown(XmlWriter x, int shown, int total, string what)
        {
            if (shown == total) return;
            x.WriteStartElement("p");
            x.WriteAttributeString("class", "note");
            x.WriteString(FormattableString.Invariant($"{shown:N0} of {total:N0} {what} shown, evenly spread; the percentile lines use them all."));
            x.WriteEndElement();
        }

        private static void StartSvg(XmlWriter x, string id, double width, double height, string title)
        {
            x.WriteStartElement("svg", Ns);
            Attributes(x, ("id", id), ("viewBox", $"0 0 {F(width)} {F(height)}"), ("width", F(width)), ("height", F(height)), ("role", "img"));
            x.WriteElementString("title", Ns, title);
        }

        private static void Text(XmlWriter x, double left, double baseline, string text, string anchor, string? css)
        {
            x.WriteStartElement("text", Ns);
            Attributes(x, ("x", F(left)), ("y", F(baseline)), ("text-anchor", anchor));
            if (css != null) x.WriteAttributeString("class", css);
            x.WriteString(text);
            x.WriteEndElement();
        }

        private static void Line(XmlWriter x, double x1, double y1, double x2, double y2, string css, params (string Name, string Value)[] data)
        {
            x.WriteStartElement("line", Ns);
            Attributes(x, ("class", css), ("x1", F(x1)), ("y1", F(y1)), ("x2", F(x2)), ("y2", F(y2)));
            Attributes(x, data);
            x.WriteEndElement();
        }

        private static void Attributes(XmlWriter x, params (string Name, string Value)[] attributes)
        {
            foreach (var (name, value) in attributes) x.WriteAttributeString(name, value);
        }

        private static string Shorten(string text, int max) => text.Length <= max ? text : text.Substring(0, Math.Max(1, max - 1)) + "…";

        private static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);

        private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
    }
}
