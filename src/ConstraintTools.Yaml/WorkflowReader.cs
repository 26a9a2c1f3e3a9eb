using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using ConstraintTools.Notation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ConstraintTools.Yaml
{
    /// <summary>
    /// Walks the YAML node tree by hand rather than deserializing, so that every value keeps its
    /// line and column and every key can be checked against the schema. The semantic checks live in
    /// the engine (<see cref="Workflow.Validate"/>) and name a field path; this reader maps the path
    /// back to where that field stands in the file.
    /// </summary>
    internal sealed class WorkflowReader
    {
        private static readonly string[] WorkflowKeys = { "name", "description", "calendar", "demand", "value", "stages", "doneStates" };
        private static readonly string[] DemandKeys = { "rate", "cv", "to" };
        private static readonly string[] CalendarKeys = { "hoursPerDay", "daysPerWeek" };
        private static readonly string[] StageKeys =
            { "name", "description", "servers", "serviceTime", "capacity", "cv", "availability", "calendar", "cadence", "batchSize", "wip", "wipLimit", "next", "states", "queue" };
        private static readonly string[] RouteKeys = { "to", "probability" };
        private const string Done = "done";

        /// <summary>What int.TryParse reads, but for its range: a whole number it refuses is too large, not a typo.</summary>
        private static readonly Regex WholeNumber = new Regex(@"^\s*[-+]?[0-9]+\s*$", RegexOptions.CultureInvariant);

        private readonly string? file;
        private readonly Dictionary<string, Mark> positions = new Dictionary<string, Mark>(StringComparer.Ordinal);

        public WorkflowReader(string? file) => this.file = file;

        public Workflow Read(string text)
        {
            var root = LoadRoot(text);
            positions[""] = root.Start;
            var fields = Fields(root, "", WorkflowKeys);

            var calendar = fields.TryGetValue("calendar", out var calendarNode) ? Calendar(calendarNode, "calendar") : WorkCalendar.Default;
            double demandRate = 0, demandCv = 1;
            string? entry = null;
            if (fields.TryGetValue("demand", out var demandNode))
            {
                if (demandNode is YamlScalarNode)
                {
                    demandRate = Rate(demandNode, "demand.rate");
                }
                else
                {
                    var demand = Fields(demandNode, "demand", DemandKeys);
                    if (demand.TryGetValue("rate", out var rate)) demandRate = Rate(rate, "demand.rate");
                    if (demand.TryGetValue("cv", out var cv)) demandCv = Number(cv, "demand.cv");
                    if (demand.TryGetValue("to", out var to)) entry = Text(to, "demand.to");
                }
            }

            var stages = new List<WorkflowStage>();
            if (fields.TryGetValue("stages", out var stagesNode))
            {
                if (!(stagesNode is YamlSequenceNode sequence))
                    throw Problem(stagesNode, "stages must be a list of stages, each starting with '- name:'", "stages");
                foreach (var stageNode in sequence.Children) stages.Add(Stage(stageNode, $"stages[{stages.Count}]", calendar));
            }

            var workflow = new Workflow(fields.TryGetValue("name", out var name) ? Text(name, "name") : "")
            {
                Source = file,
                Calendar = calendar,
                DemandPerWeek = demandRate,
                DemandCv = demandCv,
                EntryStage = entry,
                ValuePerItem = fields.TryGetValue("value", out var value) ? Number(value, "value") : null,
                Stages = stages,
                DoneStates = fields.TryGetValue("doneStates", out var done) ? TextList(done, "doneStates") : Array.Empty<string>(),
            };
            try
            {
                workflow.Validate();
            }
            catch (InputException problem)
            {
                var mark = Locate(problem.Field);
                throw problem.At(file, (int)mark.Line, (int)mark.Column);
            }
            return workflow;
        }

        private YamlNode LoadRoot(string text)
        {
            // A reader takes one byte-order mark off a file; a file saved twice by tools that each add one holds more,
            // and the next would be part of the first key ("unknown key 'name'; did you mean 'name'?").
            text = text.TrimStart('\uFEFF');
            if (string.IsNullOrWhiteSpace(text)) throw new InputException("the file is empty; a workflow needs at least a name and stages", file: file, line: 1, column: 1);
            var stream = new YamlStream();
            var scanner = new Scanner(new StringReader(text));
            var parser = new TrackingParser(new Parser(scanner), file);
            try
            {
                stream.Load(parser);
            }
            catch (YamlException ex)
            {
                var at = Position(ex, text, scanner);
                throw new InputException("this is not valid YAML: " + StripLocation(ex.Message), file: file, line: (int)at.Line, column: (int)at.Column, inner: ex);
            }
            catch (Exception ex) when (ex is InvalidOperationException || ex is ArgumentException || ex is FormatException)
            {
                // Some malformed input (an unclosed flow sequence at the end, say) makes the
                // scanner fail without a position; the last event it read is the best place to point at.
                throw new InputException("this is not valid YAML: the parser stopped after this point (an unclosed bracket, brace or quote?)",
                    file: file, line: (int)parser.LastGood.Line, column: (int)parser.LastGood.Column, inner: ex);
            }
            if (stream.Documents.Count == 0) throw new InputException("the file holds no YAML document (only comments?)", file: file, line: 1, column: 1);
            if (stream.Documents.Count > 1)
            {
                var second = stream.Documents[1].RootNode.Start;
                throw new InputException("the file holds more than one YAML document; put one workflow in each file", file: file, line: (int)second.Line, column: (int)second.Column);
            }
            var root = stream.Documents[0].RootNode;
            if (!(root is YamlMappingNode))
                throw Problem(root, "a workflow file must be a mapping with at least 'name:' and 'stages:'", null);
            return root;
        }

        private WorkflowStage Stage(YamlNode node, string path, WorkCalendar workflowCalendar)
        {
            positions[path] = node.Start;
            var fields = Fields(node, path, StageKeys);
            var calendar = fields.TryGetValue("calendar", out var calendarNode) ? Calendar(calendarNode, path + ".calendar") : null;
            var effort = calendar ?? workflowCalendar;
            return new WorkflowStage(fields.TryGetValue("name", out var name) ? Text(name, path + ".name") : "")
            {
                Servers = fields.TryGetValue("servers", out var servers) ? Integer(servers, path + ".servers") : 1,
                ServiceTimeHours = fields.TryGetValue("serviceTime", out var service) ? Duration(service, path + ".serviceTime", effort) : null,
                CapacityPerWeek = fields.TryGetValue("capacity", out var capacity) ? Rate(capacity, path + ".capacity") : null,
                Cv = fields.TryGetValue("cv", out var cv) ? Number(cv, path + ".cv") : 1,
                Availability = fields.TryGetValue("availability", out var availability) ? Number(availability, path + ".availability") : 1,
                Calendar = calendar,
                Cadence = fields.TryGetValue("cadence", out var cadence)
                    ? Quantity.HoursToTimeSpan(Duration(cadence, path + ".cadence", WorkCalendar.AllHours))
                    : null,
                BatchSize = fields.TryGetValue("batchSize", out var batch) ? Integer(batch, path + ".batchSize") : null,
                ObservedWip = fields.TryGetValue("wip", out var wip) ? Integer(wip, path + ".wip") : null,
                WipLimit = fields.TryGetValue("wipLimit", out var limit) ? Integer(limit, path + ".wipLimit") : null,
                Routes = fields.TryGetValue("next", out var next) ? Routes(next, path + ".next") : Array.Empty<Route>(),
                States = fields.TryGetValue("states", out var states) ? TextList(states, path + ".states") : Array.Empty<string>(),
                QueueStates = fields.TryGetValue("queue", out var queue) ? TextList(queue, path + ".queue") : Array.Empty<string>(),
            };
        }

        private IReadOnlyList<Route> Routes(YamlNode node, string path)
        {
            if (node is YamlScalarNode)
                return new[] { new Route(Target(Text(node, path)), 1) };
            if (!(node is YamlSequenceNode sequence) || sequence.Children.Count == 0)
                throw Problem(node, "next must be a stage name, 'done', or a list of '{ to: Stage, probability: 0.3 }'", path);
            var routes = new List<Route>();
            foreach (var item in sequence.Children)
            {
                var at = $"{path}[{routes.Count}]";
                positions[at] = item.Start;
                var fields = Fields(item, at, RouteKeys);
                if (!fields.TryGetValue("to", out var to)) throw Problem(item, "this route has no 'to:' stage", at);
                double probability;
                if (fields.TryGetValue("probability", out var p)) probability = Number(p, at + ".probability");
                else if (sequence.Children.Count == 1) probability = 1;
                else throw Problem(item, "this route has no 'probability:'; with several routes each needs one", at);
                routes.Add(new Route(Target(Text(to, at + ".to")), probability));
            }
            return routes;
        }

        private static string? Target(string name) => string.Equals(name, Done, StringComparison.OrdinalIgnoreCase) ? null : name;

        private WorkCalendar Calendar(YamlNode node, string path)
        {
            if (node is YamlScalarNode)
            {
                if (!WorkCalendar.TryParse(Text(node, path), out var calendar))
                    throw Problem(node, "a calendar is '24x7' (hours per day x days per week) or a mapping with hoursPerDay and daysPerWeek", path);
                return calendar;
            }
            var fields = Fields(node, path, CalendarKeys);
            return new WorkCalendar(
                fields.TryGetValue("hoursPerDay", out var hours) ? Number(hours, path + ".hoursPerDay") : WorkCalendar.Default.HoursPerDay,
                fields.TryGetValue("daysPerWeek", out var days) ? Number(days, path + ".daysPerWeek") : WorkCalendar.Default.DaysPerWeek);
        }

        /// <summary>The mapping's entries by canonical key name; an unknown or repeated key is an error.</summary>
        private Dictionary<string, YamlNode> Fields(YamlNode node, string path, string[] keys)
        {
            if (!(node is YamlMappingNode mapping))
                throw Problem(node, $"expected a mapping with keys such as {string.Join(", ", keys.Take(4))}", path.Length == 0 ? null : path);
            var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            foreach (var entry in mapping.Children)
            {
                if (!(entry.Key is YamlScalarNode scalar))
                    throw Problem(entry.Key, $"a key must be a plain word such as {string.Join(", ", keys.Take(4))}, not a list or a mapping", path.Length == 0 ? null : path);
                var keyText = scalar.Value ?? "";
                var key = keys.FirstOrDefault(k => string.Equals(k, keyText, StringComparison.OrdinalIgnoreCase));
                var field = path.Length == 0 ? Display.Excerpt(keyText) : path + "." + Display.Excerpt(keyText);
                if (key is null)
                {
                    var nearest = Spelling.Nearest(keyText, keys);
                    var hint = nearest != null ? $"; did you mean '{nearest}'?" : $"; valid keys here: {string.Join(", ", keys)}";
                    throw Problem(entry.Key, $"unknown key '{Display.Excerpt(keyText)}'{hint}", field);
                }
                if (fields.ContainsKey(key)) throw Problem(entry.Key, $"the key '{Display.Excerpt(key)}' appears twice", field);
                fields.Add(key, entry.Value);
                positions[path.Length == 0 ? key : path + "." + key] = entry.Value.Start;
            }
            return fields;
        }

        private string Text(YamlNode node, string path)
        {
            if (!(node is YamlScalarNode scalar)) throw Problem(node, "expected a single value, not a list or mapping", path);
            return scalar.Value ?? "";
        }

        private IReadOnlyList<string> TextList(YamlNode node, string path) =>
            node is YamlSequenceNode sequence
                ? sequence.Children.Select((item, k) => Text(item, $"{path}[{k}]")).ToArray()
                : new[] { Text(node, path) };

        private double Number(YamlNode node, string path)
        {
            if (!Quantity.TryParseNumber(Text(node, path), out var number))
                throw Problem(node, $"'{Display.Excerpt(Text(node, path))}' is not a number", path);
            return number;
        }

        private int Integer(YamlNode node, string path)
        {
            var text = Text(node, path);
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
                throw Problem(node, WholeNumber.IsMatch(text)
                    ? FormattableString.Invariant($"'{Display.Excerpt(text)}' is too large a whole number; at most {int.MaxValue:N0}")
                    : $"'{Display.Excerpt(text)}' is not a whole number", path);
            return number;
        }

        private double Duration(YamlNode node, string path, WorkCalendar calendar)
        {
            var text = Text(node, path);
            if (!Quantity.TryParseDurationHours(text, calendar, out var hours))
                throw Problem(node, Quantity.DurationRefusal(text, Hints.Duration), path);
            return hours;
        }

        private double Rate(YamlNode node, string path)
        {
            var text = Text(node, path);
            if (!Quantity.TryParseRatePerWeek(text, out var perWeek))
                throw Problem(node, Quantity.RateRefusal(text, Hints.Rate), path);
            return perWeek;
        }

        private InputException Problem(YamlNode node, string reason, string? field) =>
            new InputException(reason, field, file, (int)node.Start.Line, (int)node.Start.Column);

        /// <summary>Where a field stands; a field that is absent is placed at its nearest present parent.</summary>
        private Mark Locate(string? field)
        {
            var path = field ?? "";
            while (true)
            {
                if (positions.TryGetValue(path, out var mark)) return mark;
                var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
                if (cut <= 0) return positions[""];
                path = path.Substring(0, cut);
            }
        }

        /// <summary>Remembers where the last event the parser produced ended.</summary>
        /// <summary>
        /// Passes the parser's events on, remembering the last good position, and stops input that no
        /// workflow needs but that would hurt: nesting deep enough to overflow the stack of the recursive
        /// node loader (which would kill the host), and more aliases than any real file holds.
        /// </summary>
        private sealed class TrackingParser : IParser
        {
            /// <summary>A workflow nests four levels (stages, a stage, next, a route); this leaves room for any honest file.</summary>
            internal const int MaxDepth = 64;

            /// <summary>Anchors and aliases are allowed, to share a list of states, say; this many only in an attack.</summary>
            internal const int MaxAliases = 10_000;

            /// <summary>
            /// Values, lists and mappings: forty for each of the most stages a workflow may have. Each costs about 170 bytes
            /// in the loaded tree, so this bounds a file's memory near 700 MB; 64 MB of "[a, a, a, …" would take 2.6 GB.
            /// </summary>
            internal const int MaxNodes = 40 * Workflow.MaxStages;

            private readonly IParser inner;
            private readonly string? file;
            private readonly bool[] isSequence = new bool[MaxDepth + 1];

            /// <summary>The anchor of the list or mapping open at each depth, and the count of nodes before it.</summary>
            private readonly (string? Anchor, long Before)[] open = new (string?, long)[MaxDepth + 1];

            /// <summary>The nodes each anchor's value holds, its own aliases expanded, as an alias to it repeats them all.</summary>
            private readonly Dictionary<string, long> anchored = new Dictionary<string, long>(StringComparer.Ordinal);

            private int depth;
            private int aliases;
            private int stages;
            private long nodes;

            public TrackingParser(IParser inner, string? file)
            {
                this.inner = inner;
                this.file = file;
            }

            public Mark LastGood { get; private set; } = Mark.Empty;

            public YamlDotNet.Core.Events.ParsingEvent? Current => inner.Current;

            public bool MoveNext()
            {
                if (inner.Current != null) LastGood = inner.Current.End;
                if (!inner.MoveNext()) return false;
                if (inner.Current is YamlDotNet.Core.Events.NodeEvent && ++nodes > MaxNodes) throw TooManyNodes(byAlias: false);
                switch (inner.Current)
                {
                    case YamlDotNet.Core.Events.Scalar scalar:
                        if (!scalar.Anchor.IsEmpty) anchored[scalar.Anchor.Value] = 1;
                        break;
                    case YamlDotNet.Core.Events.MappingStart _:
                    case YamlDotNet.Core.Events.SequenceStart _:
                        // A mapping in a list under the top mapping is a stage. Counted here, a generated file of millions
                        // of stages stops at the first one too many, not after a tree of gigabytes is built (24 s, 2.8 GB
                        // for 1.6 million stages in 60 MB).
                        if (depth == 2 && isSequence[2] && inner.Current is YamlDotNet.Core.Events.MappingStart && ++stages > Workflow.MaxStages)
                            throw new InputException(string.Format(CultureInfo.InvariantCulture, "the workflow has more than {0:N0} stages; at most {0:N0} are allowed", Workflow.MaxStages), "stages", file,
                                (int)inner.Current.Start.Line, (int)inner.Current.Start.Column);
                        if (++depth > MaxDepth)
                            throw new InputException($"the YAML nests more than {MaxDepth} levels deep; a workflow needs a handful", file: file,
                                line: (int)inner.Current.Start.Line, column: (int)inner.Current.Start.Column);
                        isSequence[depth] = inner.Current is YamlDotNet.Core.Events.SequenceStart;
                        var anchor = ((YamlDotNet.Core.Events.NodeEvent)inner.Current).Anchor;
                        open[depth] = (anchor.IsEmpty ? null : anchor.Value, nodes - 1);
                        break;
                    case YamlDotNet.Core.Events.MappingEnd _:
                    case YamlDotNet.Core.Events.SequenceEnd _:
                        if (open[depth].Anchor is string name) anchored[name] = nodes - open[depth].Before;
                        depth--;
                        break;
                    case YamlDotNet.Core.Events.AnchorAlias alias:
                        if (++aliases > MaxAliases)
                            throw new InputException(FormattableString.Invariant($"the YAML uses more than {MaxAliases:N0} aliases (*name); a workflow needs a few at most"), file: file,
                                line: (int)inner.Current.Start.Line, column: (int)inner.Current.Start.Column);
                        // The loaded tree shares the anchored node, but reading a workflow walks every place it is
                        // repeated: one list of a million states aliased by 199 stages took 76 s and 3.4 GB.
                        if (anchored.TryGetValue(alias.Value.Value, out var repeated) && (nodes += repeated) > MaxNodes) throw TooManyNodes(byAlias: true);
                        break;
                }
                return true;
            }

            private InputException TooManyNodes(bool byAlias) =>
                new InputException(FormattableString.Invariant(
                    $"the YAML holds more than {MaxNodes:N0} values, lists and mappings{(byAlias ? ", counting those that aliases (*name) repeat" : "")}; a workflow of {Workflow.MaxStages:N0} stages needs far fewer"),
                    file: file, line: (int)inner.Current!.Start.Line, column: (int)inner.Current.Start.Column);
        }

        /// <summary>
        /// Where a YAML error is. Some scanner errors carry no position ("found invalid tab as indentation" came out at
        /// 1:1), and there the scanner has stopped on the character it refused; one that ends on a tab is about that
        /// tab, not about the value it starts from (a tab on line 4 was reported at the value on line 3).
        /// </summary>
        private static Mark Position(YamlException ex, string text, Scanner scanner)
        {
            if (ex.Start.Equals(Mark.Empty) && ex.End.Equals(Mark.Empty)) return scanner.CurrentPosition;
            return ex.End.Index < text.Length && text[(int)ex.End.Index] == '\t' ? ex.End : ex.Start;
        }

        private static string StripLocation(string message) =>
            Regex.Replace(message, @"^\(Line: [0-9]+, Col: [0-9]+, Idx: [0-9]+\) - \(Line: [0-9]+, Col: [0-9]+, Idx: [0-9]+\): ", "");
    }
}
