using System;
using System.IO;
using System.Linq;
using ConstraintTools.Notation;
using ConstraintTools.Queueing;
using ConstraintTools.Yaml;

namespace ConstraintTools.Tests;

/// <summary>The YAML reader: what it accepts, and an error naming file, line, column and field for each bad input.</summary>
public class WorkflowYamlTests
{
    private const string Valid = """
        name: Delivery
        calendar: { hoursPerDay: 6, daysPerWeek: 4 }
        demand: { rate: 2/day, cv: 0.5, to: Build }
        value: 4000
        doneStates: [Done, Released]
        stages:
          - name: Discovery
            serviceTime: 1.5d
          - name: Build
            servers: 3
            serviceTime: 90m
            availability: 80%
            cv: 0.7
            wip: 12
            wipLimit: 10
            states: [In Progress]
            queue: Ready for Build
          - name: Review
            capacity: 3/day
            next:
              - { to: build, probability: 0.25 }
              - { to: Release, probability: 0.75 }
          - name: Release
            cadence: 2w
            batchSize: 30
          - name: Smoke test
            calendar: 24x7
            serviceTime: 1d
            next: done
        """;

    [Fact]
    public void ReadsEveryField()
    {
        var workflow = WorkflowYaml.Parse(Valid, "valid.yaml");

        Assert.Equal("Delivery", workflow.Name);
        Assert.Equal("valid.yaml", workflow.Source);
        Assert.Equal(24, workflow.Calendar.HoursPerWeek);
        Assert.Equal(14, workflow.DemandPerWeek, 12);
        Assert.Equal(0.5, workflow.DemandCv);
        Assert.Equal("Build", workflow.EntryStage);
        Assert.Equal(4000, workflow.ValuePerItem);
        Assert.Equal(new[] { "Done", "Released" }, workflow.DoneStates);

        var discovery = workflow.Stages[0];
        Assert.Equal(9, discovery.ServiceTimeHours!.Value, 12); // 1.5 working days of 6 h
        Assert.Empty(discovery.Routes);

        var build = workflow.Stages[1];
        Assert.Equal(3, build.Servers);
        Assert.Equal(1.5, build.ServiceTimeHours!.Value, 12);
        Assert.Equal(0.8, build.Availability, 12);
        Assert.Equal(0.7, build.Cv);
        Assert.Equal(12, build.ObservedWip);
        Assert.Equal(10, build.WipLimit);
        Assert.Equal(new[] { "In Progress" }, build.States);
        Assert.Equal(new[] { "Ready for Build" }, build.QueueStates);

        var review = workflow.Stages[2];
        Assert.Equal(21, review.CapacityPerWeek!.Value, 12);
        Assert.Equal(2, review.Routes.Count);
        Assert.Equal("build", review.Routes[0].To);
        Assert.Equal(0.25, review.Routes[0].Probability);

        var release = workflow.Stages[3];
        Assert.Equal(TimeSpan.FromDays(14), release.Cadence); // a release train period is calendar time
        Assert.Equal(30, release.BatchSize);

        var smoke = workflow.Stages[4];
        Assert.Equal(168, smoke.Calendar!.HoursPerWeek);
        Assert.Equal(24, smoke.ServiceTimeHours!.Value, 12); // a day of a 24x7 stage is 24 h
        Assert.True(smoke.Routes[0].Exits);
    }

    [Theory]
    [InlineData("30m", 0.5)]
    [InlineData("4h", 4)]
    [InlineData("1.5d", 12)]
    [InlineData("2w", 80)]
    [InlineData("2.5", 2.5)]
    [InlineData("1 day", 8)]
    [InlineData("2h15m", 2.25)]
    [InlineData("1d 4h", 12)]
    [InlineData("1w2d30m", 56.5)]
    public void ReadsDurationsInWorkingTime(string text, double hours)
    {
        Assert.True(Quantity.TryParseDurationHours(text, WorkCalendar.Default, out var parsed));
        Assert.Equal(hours, parsed, 12);
    }

    [Theory]
    [InlineData("2 15m")]
    [InlineData("2h-15m")]
    [InlineData("h15m")]
    [InlineData("2h 15x")]
    [InlineData("1e999h")]
    public void RejectsMalformedDurations(string text) =>
        Assert.False(Quantity.TryParseDurationHours(text, WorkCalendar.Default, out _));

    [Theory]
    [InlineData("10/week", 10)]
    [InlineData("2/day", 14)]
    [InlineData("1/hour", 168)]
    [InlineData("30.4375/month", 7)]
    [InlineData("12", 12)]
    [InlineData("3 per week", 3)]
    public void ReadsCalendarRatesPerWeek(string text, double perWeek)
    {
        Assert.True(Quantity.TryParseRatePerWeek(text, out var parsed));
        Assert.Equal(perWeek, parsed, 12);
    }

    public static TheoryData<string, string, int, int, string> BadInputs => new()
    {
        {
            "unknown key, nearest suggested",
            "name: x\nstages:\n  - name: A\n    servce: 4h\n", 4, 5, "unknown key 'servce'; did you mean 'serviceTime'?"
        },
        {
            "misspelt top-level key",
            "name: x\nstagse:\n  - name: A\n", 2, 1, "did you mean 'stages'?"
        },
        {
            "missing workflow name",
            "stages:\n  - name: A\n    serviceTime: 1h\n", 1, 1, "the workflow has no name"
        },
        {
            "missing stage name",
            "name: x\nstages:\n  - serviceTime: 1h\n", 3, 5, "the stage has no name"
        },
        {
            "duplicate stage",
            "name: x\nstages:\n  - name: Build\n  - name: build\n", 4, 11, "duplicate stage name 'build'"
        },
        {
            "negative time",
            "name: x\nstages:\n  - name: A\n    serviceTime: -2h\n", 4, 18, "the service time is negative"
        },
        {
            "zero time",
            "name: x\nstages:\n  - name: A\n    cadence: 0w\n", 4, 14, "the cadence is zero"
        },
        {
            "unparseable duration",
            "name: x\nstages:\n  - name: A\n    serviceTime: soon\n", 4, 18, "'soon' is not a duration"
        },
        {
            "fullwidth digits in a duration (a raw FormatException with no file or line)",
            "name: x\nstages:\n  - name: A\n    serviceTime: \"\uFF11h\"\n", 4, 18, "stages[0].serviceTime: '\uFF11h' is not a duration; write 30m, 4h, 1.5d, 2w or a number of hours"
        },
        {
            "Arabic-Indic digits in a rate",
            "name: x\ndemand: \"\u0665/week\"\nstages:\n  - name: A\n", 2, 9, "demand.rate: '\u0665/week' is not a rate; write N/hour, N/day, N/week, N/month or a number per week"
        },
        {
            "Devanagari digits in a compound duration",
            "name: x\nstages:\n  - name: A\n    serviceTime: 2h\u0967\u0969m\n", 4, 18, "'2h\u0967\u0969m' is not a duration"
        },
        {
            "fullwidth digits in a calendar",
            "name: x\ncalendar: \uFF12\uFF14x\uFF17\nstages:\n  - name: A\n", 2, 11, "a calendar is '24x7'"
        },
        {
            "a rate that overflows a week (it said the rate must be zero or more)",
            "name: x\ndemand: 1e308/day\nstages:\n  - name: A\n", 2, 9, "demand.rate: '1e308/day' is too large a rate: a week of it is more than a number holds"
        },
        {
            "a number that overflows as a rate",
            "name: x\nstages:\n  - name: A\n    capacity: 1e309\n", 4, 15, "stages[0].capacity: '1e309' is too large a rate: a week of it is more than a number holds"
        },
        {
            "a capacity that overflows a week",
            "name: x\nstages:\n  - name: A\n    capacity: 1e307/hour\n", 4, 15, "stages[0].capacity: '1e307/hour' is too large a rate: a week of it is more than a number holds"
        },
        {
            "a duration that overflows its hours (it said it is not a duration)",
            "name: x\nstages:\n  - name: A\n    serviceTime: 1e308w\n", 4, 18, "stages[0].serviceTime: '1e308w' is too large a duration: in hours it is more than a number holds"
        },
        {
            "servers past what a whole number holds",
            "name: x\nstages:\n  - name: A\n    servers: 99999999999\n", 4, 14, "stages[0].servers: '99999999999' is too large a whole number; at most 2,147,483,647"
        },
        {
            "unparseable rate",
            "name: x\ndemand:\n  rate: lots/week\nstages:\n  - name: A\n", 3, 9, "'lots/week' is not a rate"
        },
        {
            "next naming no stage",
            "name: x\nstages:\n  - name: Build\n    next: Reveiw\n  - name: Review\n", 4, 11, "'Reveiw' names no stage; did you mean 'Review'?"
        },
        {
            "route naming no stage",
            "name: x\nstages:\n  - name: A\n    next:\n      - { to: A, probability: 0.5 }\n      - { to: Nowhere, probability: 0.5 }\n", 6, 15, "'Nowhere' names no stage"
        },
        {
            "probabilities not summing to 1",
            "name: x\nstages:\n  - name: A\n    next:\n      - { to: B, probability: 0.5 }\n      - { to: done, probability: 0.4 }\n  - name: B\n", 5, 7, "sum to 0.9, not 1"
        },
        {
            "loop with no way out",
            "name: x\nstages:\n  - name: A\n  - name: B\n    next: C\n  - name: C\n    next: B\n", 7, 11, "the stages 'B' → 'C' form a loop with no way out"
        },
        {
            "stage looping on itself",
            "name: x\nstages:\n  - name: A\n    next: A\n", 4, 11, "stage 'A' sends all its work back to itself"
        },
        {
            "not YAML",
            "name: x\nstages: [\n  - a\n", 3, 3, "this is not valid YAML"
        },
        {
            "YAML that is not a workflow",
            "- just\n- a list\n", 1, 1, "must be a mapping"
        },
        {
            "empty file",
            "  \n", 1, 1, "the file is empty"
        },
        {
            "only comments",
            "# nothing here\n", 1, 1, "no YAML document"
        },
        {
            "a second document",
            "name: x\nstages:\n  - name: A\n---\nname: y\n", 5, 1, "more than one YAML document"
        },
        {
            "servers not a whole number",
            "name: x\nstages:\n  - name: A\n    servers: 1.5\n", 4, 14, "'1.5' is not a whole number"
        },
        {
            "availability above one",
            "name: x\nstages:\n  - name: A\n    serviceTime: 1h\n    availability: 3\n", 5, 19, "availability must be above 0 and at most 1"
        },
        {
            "entry stage naming no stage",
            "name: x\ndemand: { rate: 1, to: Nope }\nstages:\n  - name: A\n", 2, 24, "'Nope' names no stage"
        },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void NamesFileLineColumnAndProblem(string because, string yaml, int line, int column, string reason)
    {
        var error = Assert.Throws<InputException>(() => WorkflowYaml.Parse(yaml, "flow.yaml"));

        Assert.True(error.Message.Contains(reason, StringComparison.Ordinal), $"{because}: {error.Message}");
        Assert.Equal("flow.yaml", error.File);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.StartsWith($"flow.yaml:{line}:{column}: ", error.Message);
    }

    [Fact]
    public void NamesTheLineOfTextThatCameFromNoFile()
    {
        var error = Assert.Throws<InputException>(() => WorkflowYaml.Parse("name: x\nstages:\n  - name: A\n    next: B\n"));

        Assert.StartsWith("line 4, column 11: stages[0].next: ", error.Message);
    }

    [Fact]
    public void NamesAMissingFile()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".yaml");

        var error = Assert.Throws<InputException>(() => WorkflowYaml.Load(path));

        Assert.Equal(path, error.File);
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public void ReadsAFileWithAByteOrderMark()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".yaml");
        File.WriteAllText(path, "name: bom\nstages:\n  - name: A\n    serviceTime: 1h\n", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        try
        {
            Assert.Equal("bom", WorkflowYaml.Load(path).Name);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void DeepNestingIsAClearErrorNotAStackOverflow()
    {
        var text = "name: deep\nstages: " + new string('[', 300_000) + new string(']', 300_000) + "\n";

        var ex = Assert.Throws<InputException>(() => WorkflowYaml.Parse(text, "deep.yaml"));

        Assert.Equal(("deep.yaml", 2), (ex.File, ex.Line));
        Assert.Contains("nests more than 64 levels deep", ex.Message);
    }

    [Fact]
    public void AnAliasBombIsStoppedAtTheValueLimitCountingWhatAliasesRepeat()
    {
        // Billion laughs: nine levels of nine aliases each, then lists of the top one: expanded, billions of strings.
        // Level 7 repeats 9^7 lols, past the limit, after 63 aliases.
        var text = new System.Text.StringBuilder("name: bomb\nx0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var level = 1; level <= 9; level++)
            text.Append($"x{level}: &a{level} [{string.Join(", ", Enumerable.Repeat($"*a{level - 1}", 9))}]\n");
        for (var copy = 0; copy < 9; copy++) text.Append($"y{copy}: [{string.Join(", ", Enumerable.Repeat("*a9", 1200))}]\n");

        var ex = Assert.Throws<InputException>(() => WorkflowYaml.Parse(text.ToString(), "bomb.yaml"));

        Assert.Equal(8, ex.Line);
        Assert.Contains("more than 4,000,000 values, lists and mappings, counting those that aliases (*name) repeat", ex.Message);
    }

    [Theory]
    [InlineData("name: x\nstages:\n\t- name: A\n", 3, "found invalid tab as indentation")]
    [InlineData("name: x\nstages:\n  - name: A\n\t serviceTime: 1h\n", 4, "found a tab character that violate indentation")]
    [InlineData("name: x\nstages:\n  - name: A\n    serviceTime:\t\t1h\n  -\tname: B\n\tnext: done\n", 6, "found a tab character that violate indentation")]
    public void ATabIsReportedAtItsLine(string yaml, int line, string problem)
    {
        // YamlDotNet gives no position for a tab that indents (it came out at 1:1), and for a tab after a value the
        // position of the value on the line before.
        var ex = Assert.Throws<InputException>(() => WorkflowYaml.Parse(yaml, "tab.yaml"));

        Assert.Equal($"tab.yaml:{line}:1: this is not valid YAML: While scanning a {(line == 3 ? "mapping" : "plain scalar")}, {problem}.", ex.Message);
    }

    [Fact]
    public void ManyAliasesOfOneWordAreStoppedAtTheAliasLimit()
    {
        var text = $"name: many\nx: &a lol\ny: [{string.Join(", ", Enumerable.Repeat("*a", 10_001))}]\n";

        var ex = Assert.Throws<InputException>(() => WorkflowYaml.Parse(text, "aliases.yaml"));

        Assert.Contains("more than 10,000 aliases", ex.Message);
    }

    [Fact]
    public void OneLongListAliasedByManyStagesCountsEveryRepeat()
    {
        // A million states anchored once and aliased by 199 stages passed both limits and took 76 s and 3.4 GB; here
        // 50,000 states aliased twice by 40 stages repeat 4,000,000 values.
        var text = new System.Text.StringBuilder("name: amplified\nstages:\n  - name: S0\n    serviceTime: 1h\n    states: &b [")
            .Append(string.Join(", ", Enumerable.Range(0, 50_000).Select(i => "s" + i))).Append("]\n");
        for (var i = 1; i <= 40; i++) text.Append($"  - name: S{i}\n    serviceTime: 1h\n    states: *b\n    queue: *b\n");

        var ex = Assert.Throws<InputException>(() => WorkflowYaml.Parse(text.ToString(), "amplified.yaml"));

        Assert.Equal("amplified.yaml:164:13: the YAML holds more than 4,000,000 values, lists and mappings, counting those that aliases (*name) repeat; a workflow of 100,000 stages needs far fewer", ex.Message);
    }

    [Fact]
    public void AFileLargerThanAnyWorkflowIsRefusedBeforeItIsRead()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ct-huge-{Guid.NewGuid():N}.yaml");
        using (var stream = File.Create(path)) stream.SetLength(WorkflowYaml.MaxFileBytes + 1);
        try
        {
            var ex = Assert.Throws<InputException>(() => WorkflowYaml.Load(path));
            Assert.Equal(path, ex.File);
            Assert.Contains("may be at most 64 MB", ex.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void MoreStagesThanTheLimitIsAClearError()
    {
        var workflow = new Workflow("Huge") { Stages = Enumerable.Range(0, 100_001).Select(i => new WorkflowStage($"S{i}") { ServiceTimeHours = 1 }).ToArray() };

        var ex = Assert.Throws<InputException>(workflow.Validate);

        Assert.Equal("stages", ex.Field);
        Assert.Contains("100,001 stages; at most 100,000", ex.Message);
    }

    [Fact]
    public void AFileOfMoreStagesThanTheLimitStopsAtTheFirstOneTooMany()
    {
        // Counted while parsing: the 1.6 million stages of a 60 MB file used to build a 2.8 GB tree first.
        var text = new System.Text.StringBuilder("name: Generated\ndemand: { rate: 5/week }\nstages:\n");
        for (var i = 1; i <= 150_000; i++) text.Append("  - { name: S").Append(i).Append(", serviceTime: 1h }\n");

        var ex = Assert.Throws<InputException>(() => WorkflowYaml.Parse(text.ToString(), "generated.yaml"));

        Assert.Equal("generated.yaml:100004:5: stages: the workflow has more than 100,000 stages; at most 100,000 are allowed", ex.Message);
    }

    [Fact]
    public void AFileOfMillionsOfValuesStopsAtTheLimit()
    {
        // 64 MB of "a, a, a, …" used to be loaded whole: 15.7 million values, 2.6 GB. The 4,000,001st value is the
        // list's 3,999,991st item, at column 14 + 3 × 3,999,990.
        var text = new System.Text.StringBuilder("name: Listed\nstages:\n  - name: A\n    states: [");
        text.Insert(text.Length, "a, ", 4_000_000).Append("a]\n");

        var ex = Assert.Throws<InputException>(() => WorkflowYaml.Parse(text.ToString(), "listed.yaml"));

        Assert.Equal("listed.yaml:4:11999984: the YAML holds more than 4,000,000 values, lists and mappings; a workflow of 100,000 stages needs far fewer", ex.Message);
    }

    [Fact]
    public void MoreServersThanTheLimitIsAClearErrorWithItsLine()
    {
        var ex = Assert.Throws<InputException>(() => WorkflowYaml.Parse("""
            name: Crowd
            stages:
              - name: Deploy
                servers: 2000000000
                serviceTime: 1h
            """, "crowd.yaml"));

        Assert.Equal("crowd.yaml:4:14: stages[0].servers: stage 'Deploy': 2,000,000,000 servers is more than the 1,000,000 allowed; for an automated stage give a capacity instead", ex.Message);
    }

    [Theory]
    [InlineData("demand: { rate: 10/week, cv: 100 }\nstages:\n  - { name: A, serviceTime: 1h }\n", 1, 30, "demand.cv: the demand cv must be from 0 to 10, not 100: beyond that")]
    [InlineData("demand: 10/week\nstages:\n  - name: A\n    serviceTime: 1h\n    cv: 1e154\n", 5, 9, "stages[0].cv: stage 'A': the cv must be from 0 to 10, not 1E+154: beyond that")]
    [InlineData("demand: 10/week\nstages:\n  - name: A\n    serviceTime: 1h\n    cv: -0.5\n", 5, 9, "stages[0].cv: stage 'A': the cv must be from 0 to 10, not -0.5")]
    public void ACvOutsideZeroToTenIsAnErrorWithItsLine(string body, int line, int column, string reason)
    {
        var ex = Assert.Throws<InputException>(() => WorkflowYaml.Parse("name: x\n" + body, "cv.yaml"));

        Assert.StartsWith($"cv.yaml:{line + 1}:{column}: {reason}", ex.Message);
    }

    [Fact]
    public void AMillionServersAtLightLoadAnalyseAtOnce()
    {
        // The Erlang B recursion stops once blocking underflows, a few hundred servers past the load of 5 erlangs.
        var report = WorkflowAnalyzer.Analyze(WorkflowYaml.Parse("""
            name: Fleet
            demand: { rate: 200/week }
            stages:
              - { name: Run, servers: 1000000, serviceTime: 1h }
            """));

        // No wait: the lead time is the hour of work in calendar time, 168 / 40 of it.
        Assert.Equal(168 / 40.0, report.LeadTime!.Value.TotalHours, 9);
    }
}
