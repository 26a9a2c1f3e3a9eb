using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using ConstraintTools.Queueing;
using ConstraintTools.Reports;
using ConstraintTools.Yaml;

namespace ConstraintTools.Tests;

/// <summary>
/// ConvertTo-WorkflowDiagram's text, read back by small parsers of the Mermaid flowchart and DOT
/// grammars: every line or statement must be a recognised form, and the graph read back must be the
/// workflow's routing, with the constraint and the unmeasured stages styled.
/// </summary>
public class WorkflowDiagramTests
{
    private static readonly string Examples = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "examples"));

    public static TheoryData<string, DiagramFormat> ExampleFiles()
    {
        var cases = new TheoryData<string, DiagramFormat>();
        foreach (var file in Directory.GetFiles(Examples, "*.yaml").OrderBy(f => f, StringComparer.Ordinal))
            foreach (var format in new[] { DiagramFormat.Mermaid, DiagramFormat.Dot })
                cases.Add(Path.GetFileName(file), format);
        return cases;
    }

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public void EveryExampleDrawsItsRoutingAndConstraint(string file, DiagramFormat format)
    {
        var workflow = WorkflowYaml.Load(Path.Combine(Examples, file));

        var diagram = Draw(workflow, format);

        AssertDraws(workflow, diagram);
        Assert.Equal("LR", diagram.Direction);
    }

    [Theory]
    [InlineData(DiagramFormat.Mermaid)]
    [InlineData(DiagramFormat.Dot)]
    public void CodeReviewShowsReviewAsTheConstraintWithTheReworkOdds(DiagramFormat format)
    {
        var diagram = Draw(WorkflowYaml.Load(Path.Combine(Examples, "code-review.yaml")), format);

        Assert.Equal(new[] { "Demand 8/week" }, diagram.Nodes["entry"]);
        Assert.Equal(new[] { "Review", "87.5%, 2 servers", "constraint" }, diagram.Nodes["s3"]);
        Assert.Equal(new[] { "Deploy", "2.4%, 1 server" }, diagram.Nodes["s5"]);
        Assert.Contains(new DrawnEdge("s3", "s2", "20%"), diagram.Edges);
        Assert.Contains(new DrawnEdge("s3", "s4", "80%"), diagram.Edges);
        Assert.Contains(new DrawnEdge("s2", "s3", null), diagram.Edges);
        Assert.Equal(new[] { "s3" }, diagram.Constraint);
    }

    [Theory]
    [InlineData(5, DiagramFormat.Mermaid, "LR")]
    [InlineData(5, DiagramFormat.Dot, "LR")]
    [InlineData(200, DiagramFormat.Mermaid, "TB")]
    [InlineData(200, DiagramFormat.Dot, "TB")]
    public void ScalesFromAFewStagesToTwoHundred(int stages, DiagramFormat format, string direction)
    {
        var workflow = Line(stages);

        var text = WorkflowDiagram.Write(workflow, format);
        var diagram = Parse(text, format);

        AssertDraws(workflow, diagram);
        Assert.Equal(direction, diagram.Direction);
        Assert.Equal(stages + 2, diagram.Nodes.Count);
        // A stage costs one node line and one or two edge lines, never a blow-up.
        Assert.True(text.Length < 250 * stages, $"{text.Length} characters for {stages} stages");
    }

    [Theory]
    [InlineData(DiagramFormat.Mermaid)]
    [InlineData(DiagramFormat.Dot)]
    public void NamesThatAreSyntaxInEitherLanguageStayText(DiagramFormat format)
    {
        string[] names =
        {
            "Say \"hi\"", "[Build] (x) {y}", "Ops | Deploy", "plan; then act", "#1 fix #quot; #35;",
            "Ünïcödé 测试 🚀", @"back\slash \n \l", "<b>bold</b> & co", "R&amp;D &#35;", "A --> B -> C", "%% not a comment", "end", "class s1 constraint",
        };
        var workflow = new Workflow("Tricky \"names\" | {x} \\ ;") { DemandPerWeek = 1, Stages = names.Select(n => new WorkflowStage(n) { ServiceTimeHours = 2 }).ToArray() };

        var diagram = Draw(workflow, format);

        AssertDraws(workflow, diagram);
        Assert.Equal(names, names.Select((_, i) => diagram.Nodes["s" + (i + 1)][0]));
    }

    [Theory]
    [InlineData(DiagramFormat.Mermaid)]
    [InlineData(DiagramFormat.Dot)]
    public void ADirectiveInANameIsDrawnAsTextAndConfiguresNothing(DiagramFormat format)
    {
        // Mermaid reads %%{init: …}%% anywhere in the text, quoted or not; this one made a rendered diagram fetch a URL.
        const string directive = "%%{init: {'themeCSS': '.node{background:url(https://example.invalid/x.png)}'}}%%";
        var names = new[] { directive, "Build", "`**md**` ['x'] {y}; a|b #1 \u202e\u200b \U0001F680" };
        var hostile = new Workflow(directive) { DemandPerWeek = 1, Stages = names.Select(n => new WorkflowStage(n) { ServiceTimeHours = 2 }).ToArray() };
        var plain = new Workflow("w") { DemandPerWeek = 1, Stages = names.Select((_, i) => new WorkflowStage("s" + i) { ServiceTimeHours = 2 }).ToArray() };

        var text = WorkflowDiagram.Write(hostile, format);
        var diagram = Parse(text, format);

        if (format == DiagramFormat.Mermaid)
        {
            Assert.DoesNotContain("%%", text);
            foreach (Match label in Regex.Matches(text, "\"([^\"]*)\""))
                Assert.DoesNotMatch("[%'`\\[\\]{}();|<>\u202e\u200b]", Regex.Replace(label.Groups[1].Value.Replace("<br/>", ""), "#[a-z0-9]+;", ""));
        }
        Assert.Equal(names, names.Select((_, i) => diagram.Nodes["s" + (i + 1)][0]));
        var drawnPlain = Parse(WorkflowDiagram.Write(plain, format), format);
        Assert.Equal(drawnPlain.Nodes.Count, diagram.Nodes.Count);
        Assert.Equal(drawnPlain.Edges, diagram.Edges);
    }

    [Fact]
    public void ALineBreakInANameDoesNotEndTheStatement()
    {
        var workflow = new Workflow("w") { DemandPerWeek = 1, Stages = new[] { new WorkflowStage("two\nlines") { ServiceTimeHours = 1 } } };

        foreach (var format in new[] { DiagramFormat.Mermaid, DiagramFormat.Dot })
            Assert.Equal("two lines", Draw(workflow, format).Nodes["s1"][0]);
    }

    [Theory]
    [InlineData(DiagramFormat.Mermaid)]
    [InlineData(DiagramFormat.Dot)]
    public void MarksUnmeasuredTrainAndOverloadedStages(DiagramFormat format)
    {
        // Demand 10/week, 70 % of it to Fix, which finishes 40 h / 8 h = 5 a week: offered 140 %, its queue
        // grows by 2 a week. Release takes 20 items every 2 weeks, 10 a week, and is offered 7: 70 %.
        var workflow = new Workflow("Mixed")
        {
            DemandPerWeek = 10,
            EntryStage = "triage",
            Stages = new[]
            {
                new WorkflowStage("Legal") { Routes = new[] { new Route("Release", 1) } },
                new WorkflowStage("Triage") { ServiceTimeHours = 1, Routes = new[] { new Route("Fix", 0.7), new Route(null, 0.3) } },
                new WorkflowStage("Fix") { ServiceTimeHours = 8, Routes = new[] { new Route("legal", 1) } },
                new WorkflowStage("Release") { Cadence = TimeSpan.FromDays(14), BatchSize = 20 },
                new WorkflowStage("Announce") { Cadence = TimeSpan.FromDays(7) },
            },
        };

        var diagram = Draw(workflow, format);

        AssertDraws(workflow, diagram);
        Assert.Equal(new DrawnEdge("entry", "s2", null), diagram.Edges[0]);
        Assert.Contains(new DrawnEdge("s2", "done", "30%"), diagram.Edges);
        Assert.Equal(new[] { "Legal", "unmeasured, 1 server" }, diagram.Nodes["s1"]);
        Assert.Equal(new[] { "Fix", "140.0%, 1 server", "constraint, queue +2/wk" }, diagram.Nodes["s3"]);
        Assert.Equal(new[] { "Release", "70.0%, train every 2w, 20 per train" }, diagram.Nodes["s4"]);
        Assert.Equal(new[] { "Announce", "train every 7d" }, diagram.Nodes["s5"]);
        Assert.Equal(new[] { "s1" }, diagram.Unmeasured);
    }

    [Theory]
    [InlineData(DiagramFormat.Mermaid)]
    [InlineData(DiagramFormat.Dot)]
    public void TheSameWorkflowAlwaysGivesTheSameText(DiagramFormat format)
    {
        var first = WorkflowDiagram.Write(WorkflowYaml.Load(Path.Combine(Examples, "content-publishing.yaml")), format);
        var again = WorkflowDiagram.Write(WorkflowYaml.Load(Path.Combine(Examples, "content-publishing.yaml")), format);

        Assert.Equal(first, again);
    }

    [Fact]
    public void AnInvalidWorkflowIsAWorkflowException()
    {
        var workflow = new Workflow("broken") { Stages = new[] { new WorkflowStage("A") { Routes = new[] { new Route("Nowhere", 1) } } } };

        Assert.Throws<InputException>(() => WorkflowDiagram.ToMermaid(workflow));
        Assert.Throws<InputException>(() => WorkflowDiagram.ToDot(workflow));
    }

    /// <summary>A line of stages where every fifth sends a share back two stages, and the stage two thirds down is the constraint.</summary>
    private static Workflow Line(int count)
    {
        var constraint = count * 2 / 3;
        var stages = new WorkflowStage[count];
        for (var i = 0; i < count; i++)
        {
            var name = "Stage " + (i + 1).ToString(CultureInfo.InvariantCulture);
            var routes = i % 5 == 4
                ? new[] { new Route(i + 1 < count ? "Stage " + (i + 2).ToString(CultureInfo.InvariantCulture) : null, 0.75), new Route("Stage " + (i - 1).ToString(CultureInfo.InvariantCulture), 0.25) }
                : Array.Empty<Route>();
            stages[i] = new WorkflowStage(name) { Servers = 1 + i % 3, ServiceTimeHours = i == constraint ? 4 : 1 + i % 2, Routes = routes };
        }
        return new Workflow("Line of " + count) { DemandPerWeek = 6, Stages = stages };
    }

    private static DrawnDiagram Draw(Workflow workflow, DiagramFormat format) => Parse(WorkflowDiagram.Write(workflow, format), format);

    private static DrawnDiagram Parse(string text, DiagramFormat format) =>
        format == DiagramFormat.Mermaid ? MermaidReader.Read(text) : DotReader.Read(text);

    /// <summary>Compares the diagram with the workflow's own routing and the analysis, worked out here without the writer.</summary>
    private static void AssertDraws(Workflow workflow, DrawnDiagram diagram)
    {
        var report = WorkflowAnalyzer.Analyze(workflow);
        var stageIds = workflow.Stages.Select((_, i) => "s" + (i + 1).ToString(CultureInfo.InvariantCulture)).ToList();
        string IdOf(string? stage) => stage is null ? "done" : stageIds[workflow.Stages.ToList().FindIndex(s => string.Equals(s.Name, stage, StringComparison.OrdinalIgnoreCase))];

        Assert.Equal(stageIds.Append("entry").Append("done").OrderBy(id => id, StringComparer.Ordinal), diagram.Nodes.Keys.OrderBy(id => id, StringComparer.Ordinal));
        Assert.Equal(new[] { "Demand " + workflow.DemandPerWeek.ToString("0.##", CultureInfo.InvariantCulture) + "/week" }, diagram.Nodes["entry"]);
        Assert.Equal(new[] { "Done" }, diagram.Nodes["done"]);

        var expectedEdges = new List<DrawnEdge> { new("entry", IdOf(workflow.EntryStage ?? workflow.Stages[0].Name), null) };
        for (var i = 0; i < workflow.Stages.Count; i++)
        {
            var routes = workflow.Stages[i].Routes;
            if (routes.Count == 0) expectedEdges.Add(new(stageIds[i], i + 1 < workflow.Stages.Count ? stageIds[i + 1] : "done", null));
            foreach (var route in routes)
                expectedEdges.Add(new(stageIds[i], IdOf(route.To), routes.Count == 1 ? null : Math.Round(route.Probability * 100, 2).ToString(CultureInfo.InvariantCulture) + "%"));
        }
        Assert.Equal(expectedEdges, diagram.Edges);

        for (var i = 0; i < workflow.Stages.Count; i++)
        {
            var metrics = report.Stages[i];
            var lines = diagram.Nodes[stageIds[i]];
            Assert.Equal(string.Join(" ", workflow.Stages[i].Name.Split('\n')), lines[0]);
            if (!metrics.IsMeasured) Assert.StartsWith("unmeasured", lines[1]);
            else if (metrics.CapacityPerWeek.HasValue) Assert.StartsWith((metrics.Utilization!.Value * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%", lines[1]);
            if (workflow.Stages[i].Cadence is null) Assert.EndsWith(metrics.Servers + (metrics.Servers == 1 ? " server" : " servers"), lines[1]);
            Assert.Equal(metrics.IsConstraint, lines.Length > 2 && lines[2].Split(", ").Contains("constraint"));
            Assert.Equal(!metrics.IsStable && metrics.QueueGrowthPerWeek > 0, lines.Length > 2 && lines[2].Contains("queue +"));
        }

        Assert.Equal(report.Constraint is null ? Array.Empty<string>() : new[] { IdOf(report.Constraint) }, diagram.Constraint);
        Assert.Equal(report.UnmeasuredStages.Select(IdOf), diagram.Unmeasured);
    }

    private sealed record DrawnEdge(string From, string To, string? Label);

    /// <summary>What either parser reads back: labels as lines of plain text, and the styled node ids in stage order.</summary>
    private sealed record DrawnDiagram(string Direction, IReadOnlyDictionary<string, string[]> Nodes, IReadOnlyList<DrawnEdge> Edges, IReadOnlyList<string> Constraint, IReadOnlyList<string> Unmeasured);

    /// <summary>
    /// The subset of Mermaid's flowchart grammar the writer may use. Anything else fails the test,
    /// so a label that leaks syntax (an unescaped quote, a bracket that closes a shape, a stray
    /// #entity;) shows up as an unrecognised line rather than a silently different chart.
    /// </summary>
    private static class MermaidReader
    {
        private const string Id = "[A-Za-z][A-Za-z0-9_]*";
        private const string QuotedText = "\"(?<label>[^\"]*)\"";
        private static readonly Regex Header = new("^flowchart (?<dir>LR|TB)$");
        private static readonly Regex Node = new($"^    (?<id>{Id})(?:\\[{QuotedText}\\]|\\(\\[{QuotedText}\\]\\))$");
        private static readonly Regex Edge = new($"^    (?<from>{Id}) -->(?:\\|{QuotedText}\\|)? (?<to>{Id})$");
        private static readonly Regex ClassDef = new($"^    classDef (?<name>{Id}) (?<style>[a-z-]+:[^,;\\s]+( [^,;\\s]+)?(,[a-z-]+:[^,;\\s]+( [^,;\\s]+)?)*)$");
        private static readonly Regex Class = new($"^    class (?<ids>{Id}(,{Id})*) (?<name>{Id})$");
        private static readonly Regex Entity = new("#(?<name>[a-z]+|[0-9]+);");

        // Words Mermaid reads as keywords rather than node ids.
        private static readonly string[] Reserved = { "end", "graph", "flowchart", "subgraph", "style", "class", "classDef", "click", "linkStyle" };

        public static DrawnDiagram Read(string text)
        {
            Assert.EndsWith("\n", text);
            var lines = text.Substring(0, text.Length - 1).Split('\n');
            var header = Header.Match(lines[0]);
            Assert.True(header.Success, $"not a flowchart header: {lines[0]}");

            var nodes = new Dictionary<string, string[]>(StringComparer.Ordinal);
            var edges = new List<DrawnEdge>();
            var classDefs = new HashSet<string>(StringComparer.Ordinal);
            var classes = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var line in lines.Skip(1))
            {
                if (Node.Match(line) is { Success: true } node)
                {
                    var id = node.Groups["id"].Value;
                    Assert.DoesNotContain(id, Reserved);
                    Assert.True(nodes.TryAdd(id, Label(node.Groups["label"].Value).Split('\n')), $"node {id} defined twice");
                }
                else if (Edge.Match(line) is { Success: true } edge)
                {
                    edges.Add(new DrawnEdge(edge.Groups["from"].Value, edge.Groups["to"].Value, edge.Groups["label"].Success ? Label(edge.Groups["label"].Value) : null));
                }
                else if (ClassDef.Match(line) is { Success: true } classDef)
                {
                    Assert.True(classDefs.Add(classDef.Groups["name"].Value));
                }
                else if (Class.Match(line) is { Success: true } assignment)
                {
                    Assert.Contains(assignment.Groups["name"].Value, classDefs);
                    var ids = assignment.Groups["ids"].Value.Split(',');
                    Assert.All(ids, id => Assert.True(nodes.ContainsKey(id), $"class of undefined node {id}"));
                    Assert.True(classes.TryAdd(assignment.Groups["name"].Value, ids.ToList()), "class assigned twice");
                }
                else
                {
                    Assert.Fail($"not a recognised flowchart line: {line}");
                }
            }
            Assert.All(edges, e => Assert.True(nodes.ContainsKey(e.From) && nodes.ContainsKey(e.To), $"edge {e.From} → {e.To} to an undefined node"));
            return new DrawnDiagram(header.Groups["dir"].Value, nodes, edges,
                classes.GetValueOrDefault("constraint") ?? new List<string>(), classes.GetValueOrDefault("unmeasured") ?? new List<string>());
        }

        /// <summary>Plain text of a label: &lt;br/&gt; is a line break, every other # or angle bracket must be an entity.</summary>
        private static string Label(string label)
        {
            var withBreaks = label.Replace("<br/>", "\n");
            Assert.DoesNotContain("<", withBreaks);
            Assert.DoesNotContain(">", withBreaks);
            Assert.DoesNotContain("&", withBreaks);
            var plain = Entity.Replace(withBreaks, m => m.Groups["name"].Value switch
            {
                "quot" => "\"",
                "amp" => "&",
                "lt" => "<",
                "gt" => ">",
                var code when char.IsDigit(code[0]) => char.ConvertFromUtf32(int.Parse(code, CultureInfo.InvariantCulture)),
                var other => throw new InvalidOperationException($"unknown entity #{other};"),
            });
            Assert.Equal(withBreaks.Count(c => c == '#'), Entity.Matches(withBreaks).Count);
            return plain;
        }
    }

    /// <summary>
    /// A tokenizer and parser for the DOT statements the writer may use: graph attributes, node and
    /// edge defaults, node statements and single edges, each with an attribute list. Quotes and
    /// braces must balance, or the tokenizer fails.
    /// </summary>
    private static class DotReader
    {
        private static readonly Regex Identifier = new("^[A-Za-z_][A-Za-z0-9_.]*$");

        private sealed record Token(string Text, bool Quoted);

        public static DrawnDiagram Read(string text)
        {
            var tokens = Tokenize(text);
            var at = 0;
            Token Next() => at < tokens.Count ? tokens[at++] : throw new InvalidOperationException("unexpected end of the graph");
            void Expect(string symbol) => Assert.Equal(symbol, Next().Text);
            bool Peek(string symbol) => at < tokens.Count && !tokens[at].Quoted && tokens[at].Text == symbol;

            Expect("digraph");
            Assert.True(Next().Quoted, "the graph's name is quoted");
            Expect("{");
            string? direction = null;
            var nodes = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
            var edges = new List<DrawnEdge>();
            while (!Peek("}"))
            {
                var first = Next();
                Assert.False(first.Quoted, $"a statement starts with an id, not \"{first.Text}\"");
                if (Peek("="))
                {
                    Expect("=");
                    var value = Next().Text;
                    if (first.Text == "rankdir") direction = value;
                }
                else if (Peek("->"))
                {
                    Expect("->");
                    var to = Next();
                    var attributes = Peek("[") ? Attributes(Next, Peek) : new Dictionary<string, string>();
                    Assert.All(attributes.Keys, k => Assert.Contains(k, new[] { "label" }));
                    edges.Add(new DrawnEdge(Id(first), Id(to), attributes.TryGetValue("label", out var label) ? Label(label) : null));
                }
                else
                {
                    var attributes = Attributes(Next, Peek);
                    if (first.Text is not ("node" or "edge")) Assert.True(nodes.TryAdd(Id(first), attributes), $"node {first.Text} defined twice");
                }
                Expect(";");
            }
            Expect("}");
            Assert.Equal(tokens.Count, at);

            Assert.All(edges, e => Assert.True(nodes.ContainsKey(e.From) && nodes.ContainsKey(e.To), $"edge {e.From} → {e.To} to an undefined node"));
            string Style(string id) => nodes[id].GetValueOrDefault("style") ?? "";
            var stageIds = nodes.Keys.Where(id => id.StartsWith('s')).OrderBy(id => int.Parse(id.AsSpan(1), CultureInfo.InvariantCulture)).ToList();
            return new DrawnDiagram(direction ?? "", nodes.ToDictionary(n => n.Key, n => Label(n.Value["label"]).Split('\n')), edges,
                stageIds.Where(id => Style(id).Split(',').Contains("bold") && nodes[id].GetValueOrDefault("penwidth") == "3").ToList(),
                stageIds.Where(id => Style(id).Split(',').Contains("dashed")).ToList());
        }

        private static string Id(Token token)
        {
            Assert.False(token.Quoted);
            Assert.Matches(Identifier, token.Text);
            return token.Text;
        }

        private static Dictionary<string, string> Attributes(Func<Token> next, Func<string, bool> peek)
        {
            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            Assert.Equal("[", next().Text);
            while (!peek("]"))
            {
                var name = Id(next());
                Assert.Equal("=", next().Text);
                Assert.True(attributes.TryAdd(name, next().Text), $"attribute {name} given twice");
                if (peek(",")) next();
            }
            next();
            return attributes;
        }

        /// <summary>A label's escString: \n breaks the line, \\ and \" are the characters, any other escape would be a layout command; every &amp; must be the entity &amp;amp;.</summary>
        private static string Label(string raw)
        {
            var plain = new StringBuilder();
            for (var i = 0; i < raw.Length; i++)
            {
                if (raw[i] != '\\') { plain.Append(raw[i]); continue; }
                var escaped = raw[++i];
                plain.Append(escaped switch
                {
                    'n' => '\n',
                    '\\' or '"' => escaped,
                    _ => throw new InvalidOperationException($"layout escape \\{escaped} in a label: {raw}"),
                });
            }
            Assert.Equal(plain.ToString().Split('&').Length - 1, Regex.Matches(plain.ToString(), "&amp;").Count);
            return plain.ToString().Replace("&amp;", "&");
        }

        /// <summary>The text of a quoted string keeps its backslashes, as DOT hands them to the label's own escapes.</summary>
        private static List<Token> Tokenize(string text)
        {
            var tokens = new List<Token>();
            var depth = 0;
            for (var i = 0; i < text.Length;)
            {
                var c = text[i];
                if (char.IsWhiteSpace(c)) { i++; continue; }
                if (c == '"')
                {
                    var start = ++i;
                    while (i < text.Length && text[i] != '"') i += text[i] == '\\' ? 2 : 1;
                    Assert.True(i < text.Length, "a quoted string is not closed");
                    Assert.DoesNotContain('\n', text.Substring(start, i - start));
                    tokens.Add(new Token(text.Substring(start, i - start), true));
                    i++;
                }
                else if (c == '-' && i + 1 < text.Length && text[i + 1] == '>')
                {
                    tokens.Add(new Token("->", false));
                    i += 2;
                }
                else if ("{}[]=;,".IndexOf(c) >= 0)
                {
                    depth += c is '{' or '[' ? 1 : c is '}' or ']' ? -1 : 0;
                    Assert.True(depth >= 0, "a brace or bracket closes nothing");
                    tokens.Add(new Token(c.ToString(), false));
                    i++;
                }
                else
                {
                    var start = i;
                    while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.')) i++;
                    Assert.True(i > start, $"unexpected character '{c}'");
                    tokens.Add(new Token(text.Substring(start, i - start), false));
                }
            }
            Assert.Equal(0, depth);
            return tokens;
        }
    }
}
