using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using ConstraintTools.Analysis;
using ConstraintTools.Logs;
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
        Assert.Equal(new[] { "flow", "utilization", "cumulative-flow", "lead-times", "ageing" }, svgs);
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
        Assert.Equal("Stage 150", document.Descendants(Html + "span").Single(s => (string?)s.Attribute("id") == "constraint").Value);
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
