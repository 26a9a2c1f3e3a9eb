using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using ConstraintTools.Queueing;
using ConstraintTools.Yaml;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ConstraintTools.Tests;

/// <summary>The YAML writer: what it writes reads back to the same workflow, bit for bit, and so to the same figures.</summary>
public class WorkflowYamlWriterTests
{
    private static readonly string Examples = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "examples"));

    public static TheoryData<string> ExampleFiles()
    {
        var files = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Examples, "*.yaml").OrderBy(f => f, StringComparer.Ordinal)) files.Add(Path.GetFileName(file));
        return files;
    }

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public void EveryExampleReadsBackToTheSameFieldsAndFigures(string file)
    {
        var original = WorkflowYaml.Load(Path.Combine(Examples, file));

        var yaml = WorkflowYaml.Write(original);
        var copy = WorkflowYaml.Parse(yaml, original.Source);

        Identical.Assert(original, copy, "workflow", yaml);
        Identical.Assert(WorkflowAnalyzer.Analyze(original), WorkflowAnalyzer.Analyze(copy), "report", yaml);
        Identical.Assert(WorkflowAnalyzer.Analyze(original, TimeSpan.FromDays(90)), WorkflowAnalyzer.Analyze(copy, TimeSpan.FromDays(90)), "report with horizon", yaml);
    }

    [Fact]
    public void WritesTheSchemaAPersonWouldWrite()
    {
        var workflow = new Workflow("Two stages")
        {
            DemandPerWeek = 8,
            Stages = new[]
            {
                new WorkflowStage("A") { ServiceTimeHours = 4 },
                new WorkflowStage("B") { Servers = 2, ServiceTimeHours = 12, States = new[] { "In Progress" }, Routes = new[] { new Route(null, 1) } },
            },
        };

        var yaml = WorkflowYaml.Write(workflow);

        Assert.Equal("""
            # Written by ConstraintTools Export-Workflow
            name: Two stages
            calendar:
              hoursPerDay: 8
              daysPerWeek: 5
            demand:
              rate: 8/week
              cv: 1
            stages:
              - name: A
                serviceTime: 4h
              - name: B
                servers: 2
                serviceTime: 1.5d
                states: [In Progress]
                next: done

            """.ReplaceLineEndings("\n"), yaml);
    }

    [Theory]
    [InlineData(12, null, "serviceTime: 1.5d")]
    [InlineData(40, null, "serviceTime: 1w")]
    [InlineData(0.5, null, "serviceTime: 30m")]
    [InlineData(2.0 / 60, null, "serviceTime: 2m")]
    [InlineData(4.5, null, "serviceTime: 4.5h")]
    [InlineData(10.4, null, "serviceTime: 10.4h")]
    [InlineData(50, null, "serviceTime: 50h")]
    [InlineData(0.30000000000000004, null, "serviceTime: 0.30000000000000004h")]
    [InlineData(24, "24x7", "serviceTime: 1d")]
    [InlineData(36, "24x7", "serviceTime: 1.5d")]
    public void WritesServiceTimeInTheLargestUnitThatReadsBackExactly(double hours, string? calendar, string line)
    {
        var stage = new WorkflowStage("A") { ServiceTimeHours = hours, Calendar = calendar is null ? null : WorkCalendar.AllHours };
        var workflow = new Workflow("Units") { Stages = new[] { stage } };

        var yaml = WorkflowYaml.Write(workflow);

        Assert.Contains("    " + line + "\n", yaml);
        Assert.Equal(hours, WorkflowYaml.Parse(yaml).Stages[0].ServiceTimeHours);
    }

    [Theory]
    [InlineData(14 * 24 * TimeSpan.TicksPerHour, "cadence: 2w")]
    [InlineData(13 * 7 * 24 * TimeSpan.TicksPerHour, "cadence: 13w")]
    [InlineData(3 * 24 * TimeSpan.TicksPerHour, "cadence: 3d")]
    [InlineData(36 * TimeSpan.TicksPerHour, "cadence: 1.5d")]
    [InlineData(TimeSpan.TicksPerHour / 4, "cadence: 15m")]
    [InlineData(123_456_789_012L, "cadence: 3.4293552503333333h")]
    public void WritesACadenceAsCalendarTimeThatReadsBackToTheTick(long ticks, string line)
    {
        var stage = new WorkflowStage("Release train") { Cadence = TimeSpan.FromTicks(ticks), BatchSize = 10 };
        var workflow = new Workflow("Trains") { Calendar = new WorkCalendar(7.5, 4), Stages = new[] { stage } };

        var yaml = WorkflowYaml.Write(workflow);

        Assert.Contains("    " + line + "\n", yaml);
        Assert.Equal(ticks, WorkflowYaml.Parse(yaml).Stages[0].Cadence!.Value.Ticks);
    }

    [Fact]
    public void AwkwardNamesReadBackAsWritten()
    {
        string[] names =
        {
            "a: b", "it's \"quoted\"", "# not a comment", "x #y", "  leading spaces", "trailing spaces  ", "done", "DONE it",
            "Ünïcødé 日本語", "emoji 😀", "[bracketed]", "{braced}", "a, b", "- dash", "? question", "| pipe", "> fold", "*star", "&anchor",
            "!tag", "%percent", "@at", "`tick", "null", "~", "true", "123", "1.5", "0x1F", "---", "...", "multi\nline", "crlf\r\nline",
            "tab\tname", "nel\u0085name", "line\u2028separator", "\u00a0no-break", "back\\slash", "'", "\"", ":", "-", "?", "a:",
        };
        var stages = names.Select((name, i) => new WorkflowStage(name)
        {
            ServiceTimeHours = 1 + i,
            States = new[] { name, "x" + name },
            QueueStates = new[] { name + ":" },
            // Every stage but "done" (a route to it would read as the exit) is somebody's route target.
            Routes = i + 1 < names.Length && names[i + 1] != "done" ? new[] { new Route(names[i + 1], 1) } : Array.Empty<Route>(),
        }).ToArray();
        var workflow = new Workflow("name: with \"everything\" # in it") { EntryStage = "  leading spaces", DoneStates = names, Stages = stages };

        var yaml = WorkflowYaml.Write(workflow);
        var copy = WorkflowYaml.Parse(yaml);

        Identical.Assert(workflow, copy, "workflow", yaml);
        Assert.StartsWith("# Written by ConstraintTools Export-Workflow\n", yaml);
    }

    [Fact]
    public void ProbabilisticRoutesAndExitsReadBackAsWritten()
    {
        var stages = new[]
        {
            new WorkflowStage("Triage") { ServiceTimeHours = 1, Routes = new[] { new Route("Fix", 0.1), new Route("fix ", 0.2), new Route(null, 0.7) } },
            new WorkflowStage("Fix") { ServiceTimeHours = 2, Routes = new[] { new Route("triage", 1.0 / 3), new Route("Verify", 2.0 / 3) } },
            new WorkflowStage("fix ") { ServiceTimeHours = 2, Routes = new[] { new Route("Verify", 0.999_999_999_5) } },
            new WorkflowStage("Verify") { CapacityPerWeek = 100.0 / 7, Routes = new[] { new Route(null, 1) } },
            new WorkflowStage("Unreached") { ServiceTimeHours = 1 },
        };
        var workflow = new Workflow("Routes") { DemandPerWeek = 3, Stages = stages };

        var yaml = WorkflowYaml.Write(workflow);
        var copy = WorkflowYaml.Parse(yaml);

        Identical.Assert(workflow, copy, "workflow", yaml);
        Identical.Assert(WorkflowAnalyzer.Analyze(workflow), WorkflowAnalyzer.Analyze(copy), "report", yaml);
        Assert.Contains("      - {to: done, probability: 0.7}\n", yaml);
        Assert.Contains("    next: done\n", yaml);
        Assert.DoesNotContain("name: Unreached\n    next", yaml);
    }

    [Fact]
    public void ARouteIntoAStageNamedDoneCannotBeWritten()
    {
        var workflow = new Workflow("Ambiguous")
        {
            Stages = new[] { new WorkflowStage("A") { Routes = new[] { new Route("Done", 1) } }, new WorkflowStage("Done") },
        };

        var error = Assert.Throws<InputException>(() => WorkflowYaml.Write(workflow));

        Assert.Equal("stages[0].next", error.Field);
        Assert.Contains("rename that stage", error.Message);
    }

    [Fact]
    public void AnInvalidWorkflowIsNotWritten()
    {
        var error = Assert.Throws<InputException>(() => WorkflowYaml.Write(new Workflow("Empty")));

        Assert.Contains("no stages", error.Message);
    }

    [Property(MaxTest = 300, Arbitrary = new[] { typeof(AwkwardWorkflows) })]
    public void AnyValidWorkflowReadsBackBitForBit(Workflow workflow)
    {
        var yaml = WorkflowYaml.Write(workflow);
        var copy = WorkflowYaml.Parse(yaml);

        Identical.Assert(workflow, copy, "workflow", yaml);
    }

    [Property(MaxTest = 300, Arbitrary = new[] { typeof(RandomWorkflows) })]
    public void RandomWorkflowsGiveTheSameFiguresAfterARoundTrip(RandomWorkflow random)
    {
        var workflow = random.Build();

        var yaml = WorkflowYaml.Write(workflow);

        Identical.Assert(WorkflowAnalyzer.Analyze(workflow), WorkflowAnalyzer.Analyze(WorkflowYaml.Parse(yaml)), "report", yaml);
    }
}

/// <summary>
/// Compares two object graphs property by property, doubles by their bits. Walking the public
/// properties means a field added to the model later is compared too, so the writer cannot forget it.
/// </summary>
internal static class Identical
{
    public static void Assert(object? expected, object? actual, string path, string yaml)
    {
        if (expected is null || actual is null)
        {
            Xunit.Assert.True(expected is null && actual is null, $"{path}: expected {expected ?? "null"}, got {actual ?? "null"}\n{yaml}");
            return;
        }
        switch (expected)
        {
            case double number:
                Xunit.Assert.True(actual is double other && BitConverter.DoubleToInt64Bits(number) == BitConverter.DoubleToInt64Bits(other),
                    $"{path}: expected {number:R}, got {actual:R}\n{yaml}");
                return;
            case string or ValueType:
                Xunit.Assert.True(expected.Equals(actual), $"{path}: expected '{expected}', got '{actual}'\n{yaml}");
                return;
            case IEnumerable items:
                var left = items.Cast<object?>().ToList();
                var right = ((IEnumerable)actual).Cast<object?>().ToList();
                Xunit.Assert.True(left.Count == right.Count, $"{path}: expected {left.Count} items, got {right.Count}\n{yaml}");
                for (var i = 0; i < left.Count; i++) Assert(left[i], right[i], $"{path}[{i}]", yaml);
                return;
        }
        Xunit.Assert.Equal(expected.GetType(), actual.GetType());
        foreach (var property in expected.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
            Assert(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}", yaml);
    }
}

/// <summary>
/// Valid workflows with names built from the characters YAML treats specially, and numbers that
/// are not short decimals: thirds, sevenths, tiny and huge magnitudes, odd calendars and cadences.
/// </summary>
public static class AwkwardWorkflows
{
    private static readonly string[] Pieces =
    {
        "a", "Z", "é", "日本", "😀", " ", ":", ": ", "#", " #", "'", "\"", "-", "- ", "?", "[", "]", "{", "}", ",", "&", "*", "!",
        "|", ">", "%", "@", "`", "\t", "\n", "\r\n", "\u0085", "\u2028", "\u00a0", "\\", "~", "null", "true", "1e3", "---", "...",
    };

    private static readonly Gen<string> Text = Gen.Elements(Pieces).ArrayOf().Select(pieces => string.Concat(pieces));

    private static Gen<string[]> Texts(int most) => Gen.Choose(0, most).SelectMany(count => Text.ArrayOf(count));

    private static readonly Gen<double> Positive =
        from numerator in Gen.Choose(1, 1_000_000)
        from denominator in Gen.Choose(1, 997)
        from exponent in Gen.Choose(-6, 6)
        select numerator / (double)denominator * Math.Pow(10, exponent);

    /// <summary>A share in (0, 1].</summary>
    private static readonly Gen<double> Share =
        from denominator in Gen.Choose(1, 1_000_000)
        from numerator in Gen.Choose(1, denominator)
        select numerator / (double)denominator;

    /// <summary>A cv in (0, <see cref="Workflow.MaxCv"/>], from a millionth up.</summary>
    private static readonly Gen<double> Cv =
        from share in Share
        from exponent in Gen.Choose(-6, 1)
        select share * Math.Pow(10, exponent);

    private static readonly Gen<WorkCalendar> Calendar =
        from hours in Share
        from days in Share
        select new WorkCalendar(hours * 24, days * 7);

    private sealed record Draft(
        string Name, int Kind, int Servers, double Amount, long CadenceTicks, int Batch, double? Cv, double? Availability, WorkCalendar? Calendar,
        int Wip, int WipLimit, string[] States, string[] Queue, int RouteShape, double Back, double Exit, double BackTo);

    private static readonly Gen<Draft> StageDraft =
        from name in Text
        from kind in Gen.Choose(0, 3)
        from servers in Gen.Frequency((3, Gen.Constant(1)), (1, Gen.Choose(2, 9)))
        from amount in Positive
        from cadenceTicks in Gen.Choose(1, 1_000_000).SelectMany(a => Gen.Choose(1, 1_000_000), (a, b) => (long)a * b)
        from batch in Gen.Choose(0, 40)
        from cv in Gen.Frequency((2, Gen.Constant<double?>(null)), (1, Gen.Constant<double?>(0)), (3, Cv.Select(x => (double?)x)))
        from availability in Gen.Frequency((2, Gen.Constant<double?>(null)), (3, Share.Select(x => (double?)x)))
        from calendar in Gen.Frequency((3, Gen.Constant<WorkCalendar?>(null)), (1, Gen.Constant<WorkCalendar?>(WorkCalendar.AllHours)), (1, Calendar.Select(c => (WorkCalendar?)c)))
        from wip in Gen.Choose(-1, 50)
        from wipLimit in Gen.Choose(0, 20)
        from states in Texts(3)
        from queue in Texts(2)
        from routeShape in Gen.Choose(0, 3)
        from back in Share
        from exit in Share
        from backTo in Share
        select new Draft(name, kind, servers, amount, cadenceTicks, batch, cv, availability, calendar, wip, wipLimit, states, queue, routeShape, back, exit, backTo);

    public static Arbitrary<Workflow> Workflows() =>
        Arb.From(
            from count in Gen.Choose(1, 8)
            from drafts in StageDraft.ArrayOf(count)
            from name in Text
            from calendar in Gen.Frequency((2, Gen.Constant(WorkCalendar.Default)), (1, Calendar))
            from demand in Gen.Frequency((1, Gen.Constant(0.0)), (4, Positive))
            from demandCv in Gen.Frequency((2, Gen.Constant(1.0)), (1, Gen.Constant(0.0)), (2, Cv))
            from value in Gen.Frequency((2, Gen.Constant<double?>(null)), (1, Positive.Select(x => (double?)-x)), (2, Positive.Select(x => (double?)x)))
            from entry in Gen.Choose(-1, count - 1)
            from doneStates in Texts(2)
            select Build(drafts, name, calendar, demand, demandCv, value, entry, doneStates));

    private static Workflow Build(Draft[] drafts, string name, WorkCalendar calendar, double demand, double demandCv, double? value, int entry, string[] doneStates)
    {
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var names = drafts.Select((d, i) =>
        {
            // A stage named "done" is tested on its own: a route into it cannot be written.
            var unique = string.IsNullOrWhiteSpace(d.Name) || d.Name.Equals("done", StringComparison.OrdinalIgnoreCase) || taken.Contains(d.Name) ? d.Name + "~" + i : d.Name;
            taken.Add(unique);
            return unique;
        }).ToArray();
        var stages = drafts.Select((d, i) => new WorkflowStage(names[i])
        {
            Servers = d.Servers,
            ServiceTimeHours = d.Kind == 0 ? d.Amount : null,
            CapacityPerWeek = d.Kind == 1 ? d.Amount : null,
            Cadence = d.Kind == 2 ? TimeSpan.FromTicks(d.CadenceTicks) : null,
            BatchSize = d.Kind == 2 && d.Batch > 0 ? d.Batch : null,
            Cv = d.Cv ?? 1,
            Availability = d.Availability ?? 1,
            Calendar = d.Calendar,
            ObservedWip = d.Wip >= 0 ? d.Wip : null,
            WipLimit = d.WipLimit > 0 ? d.WipLimit : null,
            States = d.States,
            QueueStates = d.Queue,
            Routes = Routes(d, i, names),
        }).ToArray();
        var workflow = new Workflow(string.IsNullOrWhiteSpace(name) ? name + "workflow" : name)
        {
            Calendar = calendar,
            DemandPerWeek = demand,
            DemandCv = demandCv,
            ValuePerItem = value,
            EntryStage = entry >= 0 ? names[entry] : null,
            DoneStates = doneStates,
            Stages = stages,
        };
        workflow.Validate();
        return workflow;
    }

    /// <summary>Forward to the next stage (or out after the last), sometimes back to an earlier one and sometimes straight out; every loop keeps a way out.</summary>
    private static Route[] Routes(Draft d, int i, string[] names)
    {
        var forward = i + 1 < names.Length ? names[i + 1] : null;
        var back = 0.6 * d.Back;
        var exit = 0.3 * d.Exit;
        return d.RouteShape switch
        {
            0 => Array.Empty<Route>(),
            1 => new[] { new Route(forward, 1) },
            2 => new[] { new Route(names[(int)(d.BackTo * i)], back), new Route(forward, 1 - back) },
            _ => new[] { new Route(names[(int)(d.BackTo * i)], back), new Route(null, exit), new Route(forward, 1 - back - exit) },
        };
    }
}
