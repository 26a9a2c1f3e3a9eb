using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using ConstraintTools.Flow;
using ConstraintTools.Logs;
using ConstraintTools.Notation;
using ConstraintTools.Queueing;
using ConstraintTools.Reports;
using ConstraintTools.Simulation;
using ConstraintTools.Yaml;

namespace ConstraintTools.Tests;

/// <summary>
/// The HTML report parsed back: well-formed, self-contained, the constraint is the highlighted stage,
/// and the numbers it carries are the computed ones; small enough at 200 stages and 100,000 items.
/// </summary>
public class FlowReportHtmlTests
{
    private static readonly XNamespace Html = "http://www.w3.org/1999/xhtml";
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static string Examples => Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "examples");

    public static TheoryData<string> ExampleFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Examples, "*.yaml").OrderBy(f => f, StringComparer.Ordinal)) data.Add(Path.GetFileName(file));
        return data;
    }

    private static XDocument Parse(string html)
    {
        Assert.StartsWith("<!DOCTYPE html>", html);
        return XDocument.Parse(html);
    }

    private static double Number(XElement e, string attribute) => double.Parse((string)e.Attribute(attribute)!, CultureInfo.InvariantCulture);

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public void EveryExampleGivesAWellFormedReportHighlightingItsConstraint(string file)
    {
        var workflow = WorkflowYaml.Load(Path.Combine(Examples, file));
        var report = WorkflowAnalyzer.Analyze(workflow);

        var html = FlowReportHtml.Write(workflow);
        var document = Parse(html);

        // Self-contained: nothing to fetch.
        Assert.DoesNotContain(document.Descendants(), e => e.Name.LocalName is "script" or "link" or "img" or "iframe");
        Assert.DoesNotContain(document.Descendants().Attributes(), a => a.Name.LocalName is "src" or "href");
        Assert.DoesNotContain("@import", html);

        var stages = document.Descendants(Svg + "g").Where(g => ((string?)g.Attribute("class"))?.Split(' ').Contains("stage") == true).ToList();
        Assert.Equal(workflow.Stages.Select(s => s.Name), stages.Select(g => (string)g.Attribute("data-stage")!));
        var highlighted = stages.Where(g => ((string)g.Attribute("class")!).Split(' ').Contains("constraint")).Select(g => (string)g.Attribute("data-stage")!).ToList();
        Assert.Equal(report.Constraint is null ? Array.Empty<string>() : new[] { report.Constraint }, highlighted);
        if (report.Constraint != null) Assert.Equal(report.Constraint, document.Descendants(Html + "span").Single(s => (string?)s.Attribute("id") == "constraint").Value);

        // The numbers are the computed ones, to the last digit.
        foreach (var (stage, metrics) in stages.Zip(report.Stages))
        {
            if (metrics.Utilization is double u) Assert.Equal(u, Number(stage, "data-utilization"));
            Assert.Equal(metrics.QueueGrowthPerWeek, Number(stage, "data-queue-growth"));
        }
        var bars = document.Descendants(Svg + "rect").Where(r => (string?)r.Attribute("data-utilization") != null).ToList();
        Assert.Equal(report.Stages.Where(s => s.Utilization.HasValue).Select(s => s.Utilization!.Value), bars.Select(b => Number(b, "data-utilization")));
        // What a reader sees next to each bar is that figure as a percentage; the key figures likewise.
        Assert.Equal(bars.Select(b => Display.Percent(Number(b, "data-utilization"))),
            bars.Select(b => ((XElement)b.NextNode!).Value));
        var figures = document.Descendants(Html + "table").Single(t => (string?)t.Attribute("id") == "figures").Elements(Html + "tr")
            .ToDictionary(r => r.Element(Html + "th")!.Value, r => r.Element(Html + "td")!.Value);
        Assert.Equal(Display.Rate(report.DemandPerWeek), figures["Demand per week"]);
        Assert.Equal(Display.Rate(report.ThroughputPerWeek), figures["Throughput per week"]);
        Assert.Equal(2, document.Descendants(Svg + "line").Count(l => ((string?)l.Attribute("class"))?.StartsWith("limit", StringComparison.Ordinal) == true));
        Assert.Equal(report.Evidence, document.Descendants(Html + "li").Select(li => li.Value));
        var edges = document.Descendants(Svg + "path").Where(p => (string?)p.Attribute("data-from") != null).ToList();
        Assert.Equal(workflow.Network.EdgeTarget.Count(t => t >= 0), edges.Count);
    }

    [Fact]
    public void WithTheSampleLogTheChartsCarryTheMeasuredFigures()
    {
        var workflow = WorkflowYaml.Load(Path.Combine(Examples, "delivery-log.yaml"));
        var log = WorkItemLogReader.Read(Path.Combine(Examples, "delivery-log.csv"));
        var flow = FlowMeasurement.Measure(log, workflow);

        var document = Parse(FlowReportHtml.Write(workflow, log));

        var svgs = document.Descendants(Svg + "svg").Select(s => (string)s.Attribute("id")!).ToList();
        // The log's flow and charts first; the model's utilization after them, in the model's section.
        Assert.Equal(new[] { "flow", "cumulative-flow", "lead-times", "ageing", "utilization" }, svgs);
        var percentiles = document.Descendants(Svg + "line").Where(l => (string?)l.Attribute("data-percentile") != null)
            .ToDictionary(l => (string)l.Attribute("data-percentile")!, l => Number(l, "data-days"));
        Assert.Equal(flow.Summary.LeadTimeP50!.Value.TotalDays, percentiles["50"], 9);
        Assert.Equal(flow.Summary.LeadTimeP85!.Value.TotalDays, percentiles["85"], 9);
        Assert.Equal(flow.Summary.LeadTimeP95!.Value.TotalDays, percentiles["95"], 9);
        Assert.Equal(flow.Summary.Finished, document.Descendants().Single(e => (string?)e.Attribute("id") == "lead-times").Descendants(Svg + "circle").Count());
        Assert.Equal(flow.Summary.OpenItems, document.Descendants().Single(e => (string?)e.Attribute("id") == "ageing").Descendants(Svg + "circle").Count());
        // The last interval's bands are the WIP at the end: Code Review holds 61.
        var bands = document.Descendants(Svg + "polygon").ToDictionary(p => (string)p.Attribute("data-band")!, p => (int)Number(p, "data-last"));
        Assert.Equal(flow.Stages.Select(s => s.CurrentWip), workflow.Stages.Select(s => bands[s.Name]));
    }

    private static XElement ById(XDocument document, string id) => document.Descendants().Single(e => (string?)e.Attribute("id") == id);

    private static bool HasId(XDocument document, string id) => document.Descendants().Any(e => (string?)e.Attribute("id") == id);

    private static Dictionary<string, XElement> Figures(XDocument document, string id) =>
        ById(document, id).Elements(Html + "tr").ToDictionary(r => r.Element(Html + "th")!.Value, r => r.Element(Html + "td")!);

    [Fact]
    public void WithALogTheHeadlineIsTheLogsVerdictAndAStatusMappingHasNoModelSection()
    {
        // A log generated with one hot stage, read with a workflow that only maps statuses (no service times).
        var known = KnownAnswerLogs.Generate(KnownAnswerKind.HotStage, 1);
        var found = FlowConstraint.Find(known.Log, known.Analysed);
        Assert.True(known.IsAnsweredBy(found), known.ToString());

        var document = Parse(FlowReportHtml.Write(known.Analysed, known.Log));

        Assert.Equal(known.ExpectedConstraint, ById(document, "constraint").Value);
        var verdict = ById(document, "verdict");
        Assert.StartsWith($"From the log, the constraint is {known.ExpectedConstraint}: busy {Percent(found.Utilization!.Value)} of the time, ", verdict.Value);
        Assert.EndsWith($". Confidence: {found.Confidence}.", verdict.Value);
        Assert.Equal(("Stage", found.Confidence.ToString(), found.Basis.ToString()),
            ((string)verdict.Attribute("data-verdict")!, (string)verdict.Attribute("data-confidence")!, (string)verdict.Attribute("data-basis")!));
        Assert.Equal(found.Evidence, ById(document, "log-evidence").Elements(Html + "li").Select(li => li.Value));

        // Throughput counted straight from the events: items whose last status is Done, per week of the log's span.
        var finished = known.Log.Events.GroupBy(e => e.ItemId).Count(i => i.Last().Status == "Done");
        var weeks = (known.Log.LastEventUtc!.Value - known.Log.FirstEventUtc!.Value).TotalDays / 7;
        var figures = Figures(document, "log-figures");
        Assert.Equal(finished / weeks, Number(figures["Throughput per week"], "data-value"), 9);
        Assert.Equal(finished, Number(figures["Finished"], "data-value"));
        Assert.Equal(found.Summary.LeadTimeP85!.Value.TotalHours, Number(figures["Lead time p85"], "data-value"));
        Assert.Equal(Display.Duration(found.Summary.LeadTimeP50), figures["Lead time p50"].Value);

        // The measured stage table is the verdict's loads, and the flow highlights the same stage.
        var rows = ById(document, "stages").Elements(Html + "tr").Skip(1).ToList();
        Assert.Equal(known.Analysed.Stages.Select(s => s.Name), rows.Select(r => (string)r.Attribute("data-stage")!));
        Assert.Equal(found.Loads.Select(l => l.Load), rows.Select(r => r.Attribute("data-load") is { } a ? double.Parse(a.Value, CultureInfo.InvariantCulture) : (double?)null));
        Assert.Equal(found.Loads.Select(l => l.Visits), rows.Select(r => (int)Number(r, "data-visits")));
        var highlighted = document.Descendants(Svg + "g").Where(g => ((string?)g.Attribute("class"))?.Split(' ').Contains("constraint") == true).Select(g => (string)g.Attribute("data-stage")!);
        Assert.Equal(new[] { known.ExpectedConstraint }, highlighted);

        // No service times: no model, so none of its figures and no made-up constraint.
        Assert.False(FlowReportHtml.HasModel(known.Analysed));
        foreach (var id in new[] { "figures", "utilization", "evidence", "improvements", "model-constraint" }) Assert.False(HasId(document, id), id);
        Assert.DoesNotContain(document.Descendants(Html + "h2"), h => h.Value.StartsWith("Model", StringComparison.Ordinal));
        Assert.False(HasId(document, "over-time"));
    }

    [Fact]
    public void ARealModelIsSetBesideTheLogAndLabelledAsTheModels()
    {
        // The same kind of log with the workflow it was simulated from: service times, servers and demand.
        var known = KnownAnswerLogs.Generate(KnownAnswerKind.HotStage, 2);
        var found = FlowConstraint.Find(known.Log, known.Simulated);
        var model = WorkflowAnalyzer.Analyze(known.Simulated);

        var document = Parse(FlowReportHtml.Write(known.Simulated, known.Log));

        Assert.True(FlowReportHtml.HasModel(known.Simulated));
        Assert.Equal(found.Constraint, ById(document, "constraint").Value);
        Assert.Equal(model.Constraint, ById(document, "model-constraint").Value);
        Assert.StartsWith("Model: the constraint is ", ((XElement)ById(document, "model-constraint").Parent!).Value);
        Assert.Equal(
            $"The model and the log name the same constraint, {known.ExpectedConstraint}. The model delivers {Display.Rate(model.ThroughputPerWeek)} a week; the log measured {Display.Rate(found.ThroughputPerWeek!.Value)}.",
            ById(document, "model-beside-log").Value);
        Assert.Equal(Display.Rate(model.ThroughputPerWeek), Figures(document, "figures")["Throughput per week"].Value);
        Assert.Equal(model.Evidence, ById(document, "evidence").Elements(Html + "li").Select(li => li.Value));
        // Every heading of the model's figures says whose they are, and they all come after the log's.
        var headings = document.Descendants(Html + "h2").Select(h => h.Value).ToList();
        var first = headings.FindIndex(h => h.StartsWith("Model", StringComparison.Ordinal));
        Assert.True(first > headings.IndexOf("Ageing work in progress"), string.Join(" / ", headings));
        Assert.All(headings.Skip(first), h => Assert.StartsWith("Model: ", h));
        Assert.Equal(4, headings.Count(h => h.StartsWith("Model: ", StringComparison.Ordinal)));
    }

    [Fact]
    public void WithAnIntervalTheConstraintOverTimeIsATableOfItsWindowsAndSaysWhenItMoved()
    {
        // Two reviewers at 93 % for half a year, then three, with Build at 93 %: the constraint moves at week 26.
        var team = ConstraintOverTimeTests.Team(2, 0.5, 0.93);
        var workflow = new Workflow(team.Name) { DoneStates = team.DoneStates, Stages = team.Stages.Select(s => new WorkflowStage(s) { ServiceTimeHours = null }).ToArray() };
        var log = ConstraintOverTimeTests.Moving();
        var interval = TimeSpan.FromDays(7 * 13);
        var windows = FlowConstraint.OverTime(log, workflow, interval);

        var document = Parse(FlowReportHtml.Write(workflow, log, interval: interval));

        var rows = ById(document, "over-time").Elements(Html + "tr").Skip(1).ToList();
        Assert.Equal(new[] { "Review", "Review", "Build", "Build" }, rows.Select(r => (string?)r.Attribute("data-constraint")));
        Assert.Equal(windows.Select(w => (w.From, w.To, w.Confidence.ToString(), w.Report.Basis.ToString())),
            rows.Select(r => (DateTime.Parse((string)r.Attribute("data-from")!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                DateTime.Parse((string)r.Attribute("data-to")!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                (string)r.Attribute("data-confidence")!, (string)r.Attribute("data-basis")!)));
        Assert.Equal(new[] { "", "", "moved", "" }, rows.Select(r => r.Elements(Html + "td").Last().Value));
        var moved = log.FirstEventUtc!.Value.AddDays(7 * 26);
        Assert.StartsWith($"Over 4 windows of 13w the verdict changed once: from {moved:yyyy-MM-dd}, Review to Build.", ById(document, "moves").Value);
    }

    [Fact]
    public void TheDefaultIntervalIsFourWeeksFromTwelveWeeksAndAQuarterPastTwoYears()
    {
        static WorkItemLog Spanning(double days)
        {
            var builder = new WorkItemLogBuilder();
            var start = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
            builder.Add("A", start, "Doing");
            builder.Add("A", start.AddDays(days), "Done");
            return builder.Build();
        }

        Assert.Null(FlowReportHtml.DefaultInterval(Spanning(7 * 12 - 1)));
        Assert.Equal(TimeSpan.FromDays(28), FlowReportHtml.DefaultInterval(Spanning(7 * 12)));
        Assert.Equal(TimeSpan.FromDays(28), FlowReportHtml.DefaultInterval(Spanning(7 * 104)));
        Assert.Equal(TimeSpan.FromDays(91), FlowReportHtml.DefaultInterval(Spanning(7 * 104 + 1)));
        // 2,000 quarters are 500 years: past them there is no default, and no section.
        Assert.Equal(TimeSpan.FromDays(91), FlowReportHtml.DefaultInterval(Spanning(91 * 2000)));
        Assert.Null(FlowReportHtml.DefaultInterval(Spanning(91 * 2000 + 1)));
        Assert.Null(FlowReportHtml.DefaultInterval(new WorkItemLogBuilder().Build()));
    }

    [Fact]
    public void AnIntervalWithoutALogIsRefused()
    {
        var workflow = WorkflowYaml.Load(Path.Combine(Examples, "code-review.yaml"));

        var error = Assert.Throws<ArgumentException>(() => FlowReportHtml.Write(workflow, interval: TimeSpan.FromDays(28)));

        Assert.StartsWith("The constraint over time is measured from a log", error.Message);
    }

    private static string Percent(double fraction) => (fraction * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    [Fact]
    public void ASimulationIsSetBesideTheModel()
    {
        var workflow = WorkflowYaml.Load(Path.Combine(Examples, "support-desk.yaml"));
        var simulation = FlowSimulator.Run(workflow, new SimulationOptions { Duration = TimeSpan.FromDays(70), WarmUp = TimeSpan.FromDays(7), Replications = 3 });

        var document = Parse(FlowReportHtml.Write(workflow, simulation: simulation));

        var rows = document.Descendants(Html + "table").Single(t => (string?)t.Attribute("id") == "simulation").Elements(Html + "tr").Skip(1).ToList();
        Assert.Equal(workflow.Stages.Select(s => s.Name), rows.Select(r => (string)r.Attribute("data-stage")!));
        Assert.Equal(Display.WithHalfWidth(Display.Percent(simulation.Stages[2].Utilization), Display.Percent(simulation.Stages[2].UtilizationHalfWidth)),
            rows[2].Elements(Html + "td").ElementAt(2).Value);
    }

    [Fact]
    public void TwoHundredStagesAndAHundredThousandItemsStaySmall()
    {
        var stages = Enumerable.Range(1, 200).Select(i => new WorkflowStage($"Stage {i:D3}")
        {
            ServiceTimeHours = i == 150 ? 3.6 : 2,
            States = new[] { $"S{i}" },
            Routes = i % 10 == 0 ? new[] { new Route($"Stage {i - 3:D3}", 0.1), new Route(i < 200 ? $"Stage {i + 1:D3}" : null, 0.9) } : Array.Empty<Route>(),
        }).ToArray();
        var workflow = new Workflow("Large") { DemandPerWeek = 10, Stages = stages, DoneStates = new[] { "Done" } };
        var builder = new WorkItemLogBuilder();
        var start = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
        for (var item = 0; item < 100_000; item++)
        {
            var at = start.AddMinutes(item * 3);
            builder.Add($"I-{item}", at, $"S{1 + item % 200}");
            builder.Add($"I-{item}", at.AddHours(5 + item % 17), $"S{1 + (item + 1) % 200}");
            if (item % 9 != 0) builder.Add($"I-{item}", at.AddHours(30 + item % 41), "Done");
        }

        var html = FlowReportHtml.Write(workflow, builder.Build());

        Assert.True(html.Length < 5_000_000, $"{html.Length:N0} characters");
        var document = Parse(html);
        Assert.Equal("Stage 150", document.Descendants(Html + "span").Single(s => (string?)s.Attribute("id") == "model-constraint").Value);
        Assert.Equal(FlowReportHtml.MaxPointsPerChart, document.Descendants().Single(e => (string?)e.Attribute("id") == "lead-times").Descendants(Svg + "circle").Count());
        Assert.Contains(document.Descendants(Html + "p"), p => p.Value.StartsWith("4,000 of 88,888 finished items shown", StringComparison.Ordinal));
    }

    [Fact]
    public void ControlCharactersInNamesAreWrittenAsEscapes()
    {
        // XmlWriter refused them ("'\u0001', hexadecimal value 0x01, is an invalid character") and no report was written.
        var workflow = new Workflow("Flow\u0001")
        {
            DemandPerWeek = 5,
            DoneStates = new[] { "Done\u0002" },
            Stages = new[]
            {
                new WorkflowStage("Build\u0001") { ServiceTimeHours = 4, States = new[] { "Doing\u0003" } },
                new WorkflowStage("Test") { ServiceTimeHours = 2, States = new[] { "Testing" } },
            },
        };
        var builder = new WorkItemLogBuilder();
        var start = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
        for (var item = 0; item < 20; item++)
        {
            builder.Add($"I-{item}\u0004", start.AddHours(item * 7), "Doing\u0003");
            builder.Add($"I-{item}\u0004", start.AddHours(item * 7 + 3), "Testing");
            builder.Add($"I-{item}\u0004", start.AddHours(item * 7 + 4), "Odd\u0005");
            if (item < 15) builder.Add($"I-{item}\u0004", start.AddHours(item * 7 + 5), "Done\u0002");
        }

        var html = FlowReportHtml.Write(workflow, builder.Build());

        var document = Parse(html);
        Assert.DoesNotContain(html, c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'));
        Assert.Equal("Flow\\u0001: flow report", document.Descendants(Html + "title").Single().Value);
        Assert.Contains(document.Descendants(Svg + "g"), g => (string?)g.Attribute("data-stage") == "Build\\u0001");
        Assert.Contains(document.Descendants(), e => (string?)e.Attribute("data-item") == "I-19\\u0004");
    }
}
