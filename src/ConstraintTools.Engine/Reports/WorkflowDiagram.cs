using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using ConstraintTools.Notation;
using ConstraintTools.Queueing;
using ConstraintTools.Simulation;

namespace ConstraintTools.Reports
{
    /// <summary>
    /// The workflow graph as text (SPEC section 6): a node per stage with its utilization, servers,
    /// queue growth or "unmeasured", the routing probabilities on the edges where a stage has several
    /// routes, demand entering and a Done node; the constraint is styled. Node ids are s1, s2, … in
    /// stage order, so any stage name is safe and the same workflow always gives the same text.
    /// </summary>
    public static class WorkflowDiagram
    {
        /// <summary>Beyond this many stages a left-to-right chart becomes a long thin strip, so it runs top to bottom.</summary>
        public const int MaxStagesLeftToRight = 12;

        private const string EntryId = "entry";
        private const string DoneId = "done";

        /// <summary>The diagram in <paramref name="format"/>; throws <see cref="InputException"/> when the workflow is not valid.</summary>
        public static string Write(Workflow workflow, DiagramFormat format) => format switch
        {
            DiagramFormat.Mermaid => ToMermaid(workflow),
            DiagramFormat.Dot => ToDot(workflow),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "expected Mermaid or Dot"),
        };

        /// <summary>A Mermaid flowchart; throws <see cref="InputException"/> when the workflow is not valid.</summary>
        public static string ToMermaid(Workflow workflow)
        {
            var graph = Graph.Of(workflow);
            var text = new StringBuilder();
            text.Append("flowchart ").Append(graph.LeftToRight ? "LR" : "TB").Append('\n');
            text.Append("    ").Append(EntryId).Append("([\"").Append(MermaidText(graph.EntryLabel)).Append("\"])\n");
            foreach (var node in graph.Nodes)
                text.Append("    ").Append(node.Id).Append("[\"").Append(string.Join("<br/>", node.Lines.Select(MermaidText))).Append("\"]\n");
            text.Append("    ").Append(DoneId).Append("([\"Done\"])\n");
            foreach (var edge in graph.Edges)
            {
                text.Append("    ").Append(edge.From).Append(" -->");
                if (edge.Label != null) text.Append("|\"").Append(MermaidText(edge.Label)).Append("\"|");
                text.Append(' ').Append(edge.To).Append('\n');
            }
            text.Append("    classDef unstable fill:#fff4e5,stroke:#d9822b,stroke-width:2px\n");
            text.Append("    classDef unmeasured fill:#fff,stroke:#999,stroke-dasharray:5 3\n");
            // Declared last so that its colours win on a constraint that is also unstable.
            text.Append("    classDef constraint fill:#fde2e1,stroke:#c62828,stroke-width:4px\n");
            AppendClass(text, "unstable", graph.Nodes.Where(n => n.IsUnstable));
            AppendClass(text, "unmeasured", graph.Nodes.Where(n => n.IsUnmeasured));
            AppendClass(text, "constraint", graph.Nodes.Where(n => n.IsConstraint));
            return text.ToString();
        }

        /// <summary>A Graphviz digraph; throws <see cref="InputException"/> when the workflow is not valid.</summary>
        public static string ToDot(Workflow workflow)
        {
            var graph = Graph.Of(workflow);
            var text = new StringBuilder();
            text.Append("digraph \"").Append(DotText(workflow.Name)).Append("\" {\n");
            text.Append("    rankdir=").Append(graph.LeftToRight ? "LR" : "TB").Append(";\n");
            text.Append("    node [shape=box, style=\"rounded,filled\", fillcolor=\"#eef3f8\", color=\"#6b8bad\", fontname=\"Helvetica\"];\n");
            text.Append("    edge [color=\"#6b8bad\", fontname=\"Helvetica\"];\n");
            text.Append("    ").Append(EntryId).Append(" [label=\"").Append(DotText(graph.EntryLabel)).Append("\", shape=oval, style=filled, fillcolor=\"#ffffff\"];\n");
            foreach (var node in graph.Nodes)
            {
                text.Append("    ").Append(node.Id).Append(" [label=\"").Append(string.Join("\\n", node.Lines.Select(DotText))).Append('"');
                if (node.IsConstraint) text.Append(", style=\"rounded,filled,bold\", fillcolor=\"#fde2e1\", color=\"#c62828\", penwidth=3");
                else if (node.IsUnmeasured) text.Append(", style=\"rounded,filled,dashed\", fillcolor=\"#ffffff\", color=\"#999999\"");
                else if (node.IsUnstable) text.Append(", fillcolor=\"#fff4e5\", color=\"#d9822b\", penwidth=2");
                text.Append("];\n");
            }
            text.Append("    ").Append(DoneId).Append(" [label=\"Done\", shape=oval, style=filled, fillcolor=\"#ffffff\"];\n");
            foreach (var edge in graph.Edges)
            {
                text.Append("    ").Append(edge.From).Append(" -> ").Append(edge.To);
                if (edge.Label != null) text.Append(" [label=\"").Append(DotText(edge.Label)).Append("\"]");
                text.Append(";\n");
            }
            text.Append("}\n");
            return text.ToString();
        }

        private static void AppendClass(StringBuilder text, string className, IEnumerable<Node> nodes)
        {
            var ids = string.Join(",", nodes.Select(n => n.Id));
            if (ids.Length > 0) text.Append("    class ").Append(ids).Append(' ').Append(className).Append('\n');
        }

        /// <summary>
        /// Mermaid reads %%{…}%% as a directive wherever it stands, even inside a quoted label, and a directive can
        /// load CSS that fetches a URL; a quote ends the label, #name; is an entity, backticks make a markdown string,
        /// and labels are drawn as HTML. So every ASCII character other than a letter, digit, space or one of . , - + /
        /// _ is written as a numeric entity (#37; for %), and so are invisible format characters such as a
        /// right-to-left override, which would reorder the text around them.
        /// </summary>
        private static string MermaidText(string text)
        {
            var line = OneLine(text);
            var escaped = new StringBuilder(line.Length + 8);
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                var plain = c < 128
                    ? char.IsLetterOrDigit(c) || c is ' ' or '.' or ',' or '-' or '+' or '/' or '_'
                    : CharUnicodeInfo.GetUnicodeCategory(line, i) != UnicodeCategory.Format;
                if (plain) escaped.Append(c);
                else
                {
                    var codePoint = char.ConvertToUtf32(line, i);
                    if (codePoint > char.MaxValue) i++;
                    escaped.Append('#').Append(codePoint.ToString(CultureInfo.InvariantCulture)).Append(';');
                }
            }
            return escaped.ToString();
        }

        /// <summary>
        /// Backslash escapes in DOT labels (\n, \l, \N) would otherwise turn a stage name into layout
        /// commands, and Graphviz decodes entities such as &amp;amp; in every label.
        /// </summary>
        private static string DotText(string text) => OneLine(text).Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("&", "&amp;");

        /// <summary>A line break in a name would end the statement in both languages.</summary>
        private static string OneLine(string text) =>
            new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray());

        private sealed class Node
        {
            public Node(string id, IReadOnlyList<string> lines) { Id = id; Lines = lines; }
            public string Id { get; }
            public IReadOnlyList<string> Lines { get; }
            public bool IsConstraint { get; init; }
            public bool IsUnmeasured { get; init; }
            public bool IsUnstable { get; init; }
        }

        private sealed class Edge
        {
            public Edge(string from, string to, string? label) { From = from; To = to; Label = label; }
            public string From { get; }
            public string To { get; }

            /// <summary>The routing probability; null where the stage has one way on.</summary>
            public string? Label { get; }
        }

        /// <summary>What both formats draw, worked out once from the analysis and the compiled routing.</summary>
        private sealed class Graph
        {
            private Graph(bool leftToRight, string entryLabel, IReadOnlyList<Node> nodes, IReadOnlyList<Edge> edges)
            {
                LeftToRight = leftToRight;
                EntryLabel = entryLabel;
                Nodes = nodes;
                Edges = edges;
            }

            public bool LeftToRight { get; }
            public string EntryLabel { get; }
            public IReadOnlyList<Node> Nodes { get; }
            public IReadOnlyList<Edge> Edges { get; }

            public static Graph Of(Workflow workflow)
            {
                if (workflow is null) throw new ArgumentNullException(nameof(workflow));
                var report = WorkflowAnalyzer.Analyze(workflow);
                var network = workflow.Network;
                var nodes = report.Stages.Select((metrics, i) => new Node(StageId(i), Lines(workflow.Stages[i], metrics))
                {
                    IsConstraint = metrics.IsConstraint,
                    IsUnmeasured = !metrics.IsMeasured,
                    IsUnstable = !metrics.IsStable,
                }).ToArray();

                var edges = new List<Edge> { new Edge(EntryId, StageId(network.Entry), null) };
                for (var i = 0; i < network.Count; i++)
                {
                    var first = network.EdgeStart[i];
                    var end = network.EdgeStart[i + 1];
                    for (var k = first; k < end; k++)
                    {
                        var target = network.EdgeTarget[k];
                        var label = end - first > 1 ? Percent(network.EdgeProbability[k]) : null;
                        edges.Add(new Edge(StageId(i), target < 0 ? DoneId : StageId(target), label));
                    }
                }
                var entryLabel = "Demand " + Display.Rate(workflow.DemandPerWeek) + "/week";
                return new Graph(network.Count <= MaxStagesLeftToRight, entryLabel, nodes, edges);
            }

            private static string StageId(int index) => "s" + (index + 1).ToString(CultureInfo.InvariantCulture);

            private static IReadOnlyList<string> Lines(WorkflowStage stage, StageMetrics metrics)
            {
                var figures = new List<string>();
                if (!metrics.IsMeasured) figures.Add("unmeasured");
                else if (metrics.CapacityPerWeek.HasValue) figures.Add(Display.Percent(metrics.Utilization));
                if (stage.Cadence is TimeSpan cadence)
                    figures.Add("train every " + Display.Duration(cadence) + (stage.BatchSize is int batch ? ", " + batch.ToString(CultureInfo.InvariantCulture) + " per train" : ""));
                else
                    figures.Add(metrics.Servers == 1 ? "1 server" : metrics.Servers.ToString(CultureInfo.InvariantCulture) + " servers");

                var lines = new List<string> { stage.Name, string.Join(", ", figures) };
                var notes = new List<string>();
                if (metrics.IsConstraint) notes.Add("constraint");
                if (!metrics.IsStable && metrics.QueueGrowthPerWeek > 0) notes.Add("queue " + Display.SignedRate(metrics.QueueGrowthPerWeek) + "/wk");
                if (notes.Count > 0) lines.Add(string.Join(", ", notes));
                return lines;
            }

            /// <summary>Whole percentages where they are exact, so 0.2 reads 20% and 1/3 reads 33.33%.</summary>
            private static string Percent(double probability) =>
                (probability * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";
        }
    }
}
