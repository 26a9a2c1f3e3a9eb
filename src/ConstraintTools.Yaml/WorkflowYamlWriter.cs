using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using ConstraintTools.Flow;
using ConstraintTools.Notation;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ConstraintTools.Yaml
{
    /// <summary>
    /// Writes a workflow in the schema <see cref="WorkflowReader"/> reads (SPEC section 2), so that
    /// reading it back gives every field bit for bit and therefore the same figures. Scalars go
    /// through YamlDotNet's emitter, which quotes any stage name that plain YAML would misread.
    /// </summary>
    internal sealed class WorkflowYamlWriter
    {
        private const string Header = "# Written by ConstraintTools Export-Workflow\n";

        // No line folding: a long stage name stays on one line and greps as written.
        private static readonly EmitterSettings Settings = new EmitterSettings(
            bestIndent: 2, bestWidth: int.MaxValue, isCanonical: false, maxSimpleKeyLength: 1024,
            skipAnchorName: false, indentSequences: true, newLine: "\n", useUtf16SurrogatePairs: false);

        private readonly IEmitter emitter;

        private WorkflowYamlWriter(TextWriter output) => emitter = new Emitter(output, Settings);

        public static string Write(Workflow workflow)
        {
            workflow.Validate();
            var output = new StringWriter(CultureInfo.InvariantCulture);
            output.Write(Header);
            new WorkflowYamlWriter(output).Document(workflow);
            return output.ToString();
        }

        private void Document(Workflow workflow)
        {
            emitter.Emit(new StreamStart());
            emitter.Emit(new DocumentStart(null, null, isImplicit: true));
            emitter.Emit(new MappingStart(null, null, isImplicit: true, MappingStyle.Block));

            Pair("name", workflow.Name);
            Key("calendar");
            Calendar(workflow.Calendar, MappingStyle.Block);
            Key("demand");
            emitter.Emit(new MappingStart(null, null, isImplicit: true, MappingStyle.Block));
            Pair("rate", Rate(workflow.DemandPerWeek));
            Pair("cv", Number(workflow.DemandCv));
            if (workflow.EntryStage != null) Pair("to", workflow.EntryStage);
            emitter.Emit(new MappingEnd());
            if (workflow.ValuePerItem is double value) Pair("value", Number(value));
            List("doneStates", workflow.DoneStates);

            Key("stages");
            emitter.Emit(new SequenceStart(null, null, isImplicit: true, SequenceStyle.Block));
            for (var i = 0; i < workflow.Stages.Count; i++) Stage(workflow.Stages[i], i, workflow.Calendar);
            emitter.Emit(new SequenceEnd());

            emitter.Emit(new MappingEnd());
            emitter.Emit(new DocumentEnd(isImplicit: true));
            emitter.Emit(new StreamEnd());
        }

        /// <summary>A stage, leaving out every field that holds the reader's default.</summary>
        private void Stage(WorkflowStage stage, int index, WorkCalendar workflowCalendar)
        {
            var effort = stage.Calendar ?? workflowCalendar;
            emitter.Emit(new MappingStart(null, null, isImplicit: true, MappingStyle.Block));
            Pair("name", stage.Name);
            if (stage.Servers != 1) Pair("servers", Whole(stage.Servers));
            if (stage.Calendar != null)
            {
                Key("calendar");
                Calendar(stage.Calendar, MappingStyle.Flow);
            }
            if (stage.ServiceTimeHours is double hours) Pair("serviceTime", Duration(hours, effort, back => back.Equals(hours)));
            if (stage.CapacityPerWeek is double capacity) Pair("capacity", Rate(capacity));
            if (stage.Cadence is TimeSpan cadence)
                Pair("cadence", Duration(cadence.TotalHours, WorkCalendar.AllHours, back => Quantity.HoursToTimeSpan(back) == cadence));
            if (stage.BatchSize is int batch) Pair("batchSize", Whole(batch));
            if (!stage.Cv.Equals(1.0)) Pair("cv", Number(stage.Cv));
            if (!stage.Availability.Equals(1.0)) Pair("availability", Number(stage.Availability));
            if (stage.ObservedWip is int wip) Pair("wip", Whole(wip));
            if (stage.WipLimit is int limit) Pair("wipLimit", Whole(limit));
            List("states", stage.States);
            List("queue", stage.QueueStates);
            Routes(stage, index);
            emitter.Emit(new MappingEnd());
        }

        private void Routes(WorkflowStage stage, int index)
        {
            var routes = stage.Routes;
            if (routes.Count == 0) return;
            for (var k = 0; k < routes.Count; k++)
            {
                // The reader takes 'done' in any case as the exit, so a route into a stage of that name cannot be written.
                if (routes[k].To is string to && string.Equals(to, "done", StringComparison.OrdinalIgnoreCase))
                    throw new InputException(
                        $"stage '{Display.Excerpt(stage.Name)}': a route into the stage named '{Display.Excerpt(to)}' cannot be written as YAML, where 'next: done' exits; rename that stage",
                        routes.Count == 1 ? $"stages[{index}].next" : $"stages[{index}].next[{k}].to");
            }
            Key("next");
            if (routes.Count == 1 && routes[0].Probability.Equals(1.0))
            {
                Scalar(Target(routes[0]));
                return;
            }
            emitter.Emit(new SequenceStart(null, null, isImplicit: true, SequenceStyle.Block));
            foreach (var route in routes)
            {
                emitter.Emit(new MappingStart(null, null, isImplicit: true, MappingStyle.Flow));
                Pair("to", Target(route));
                Pair("probability", Number(route.Probability));
                emitter.Emit(new MappingEnd());
            }
            emitter.Emit(new SequenceEnd());
        }

        private static string Target(Route route) => route.To ?? "done";

        private void Calendar(WorkCalendar calendar, MappingStyle style)
        {
            emitter.Emit(new MappingStart(null, null, isImplicit: true, style));
            Pair("hoursPerDay", Number(calendar.HoursPerDay));
            Pair("daysPerWeek", Number(calendar.DaysPerWeek));
            emitter.Emit(new MappingEnd());
        }

        private void List(string key, IReadOnlyList<string> items)
        {
            if (items.Count == 0) return;
            Key(key);
            emitter.Emit(new SequenceStart(null, null, isImplicit: true, SequenceStyle.Flow));
            foreach (var item in items) Scalar(item);
            emitter.Emit(new SequenceEnd());
        }

        private void Pair(string key, string value)
        {
            Key(key);
            Scalar(value);
        }

        private void Key(string key) => emitter.Emit(new Scalar(null, null, key, ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false));

        /// <summary>
        /// The emitter's choice of style, except that text with a line break or a character YAML
        /// escapes is double-quoted: a folded block scalar would turn a NEL or line separator into a newline.
        /// </summary>
        private void Scalar(string value)
        {
            var style = value.Any(NeedsEscape) ? ScalarStyle.DoubleQuoted : ScalarStyle.Any;
            emitter.Emit(new Scalar(null, null, value, style, isPlainImplicit: true, isQuotedImplicit: true));
        }

        private static bool NeedsEscape(char c) =>
            char.IsControl(c) || char.IsSurrogate(c) || c == '\u2028' || c == '\u2029' || c == '\uFEFF';

        /// <summary>
        /// The duration in the largest unit (w, d, h; m below an hour) that gives a whole or half
        /// number of units and reads back exactly, as a person would write it (1.5d, 2w, 30m); else the
        /// exact hours. Days and weeks count in <paramref name="calendar"/>, as the reader counts them.
        /// </summary>
        private static string Duration(double hours, WorkCalendar calendar, Func<double, bool> readsBack)
        {
            var units = hours < 1
                ? new[] { ("m", hours * 60) }
                : new[] { ("w", hours / calendar.HoursPerWeek), ("d", hours / calendar.HoursPerDay), ("h", hours) };
            foreach (var (unit, count) in units)
            {
                var halves = Math.Round(count * 2) / 2;
                if (halves < 1) continue;
                var text = Number(halves) + unit;
                if (Quantity.TryParseDurationHours(text, calendar, out var back) && readsBack(back)) return text;
            }
            // Past 2^51 ticks (about seven years) a cadence in hours may miss a tick; the nearest is written.
            return Number(hours) + "h";
        }

        private static string Rate(double perWeek) => Number(perWeek) + "/week";

        /// <summary>
        /// The shortest text that parses back to the same double. "R" is not always that on .NET
        /// Framework (Windows PowerShell), so it is checked and G17, always exact, is the fallback.
        /// </summary>
        private static string Number(double value)
        {
            var text = value.ToString("R", CultureInfo.InvariantCulture);
            return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture).Equals(value)
                ? text
                : value.ToString("G17", CultureInfo.InvariantCulture);
        }

        private static string Whole(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
