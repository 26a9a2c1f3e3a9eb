using System;
using System.IO;
using System.Linq;
using ConstraintTools.Yaml;

namespace ConstraintTools.Tests;

/// <summary>
/// Every message that quotes input quotes it through <see cref="Display.Excerpt"/> or <see cref="Display.FilePath"/>:
/// escape codes in a value, a stage name or a file name retitled the terminal and cleared the screen, and a 50 MB
/// value made a 50-million-character message.
/// </summary>
public class QuotedInputTests
{
    private const string Escapes = "\u001b]2;TITLE\u0007\u001b[2J";

    private static InputException Refused(string yaml, string file = "escapes.yaml") =>
        Assert.Throws<InputException>(() => WorkflowYaml.Parse(yaml, file));

    private static void AssertNoControlCharacters(string message) =>
        Assert.DoesNotContain(message, char.IsControl);

    [Fact]
    public void ANumberThatIsEscapeCodesIsQuotedEscaped()
    {
        var problem = Refused("name: w\nstages:\n  - name: A\n    serviceTime: 1h\n    cv: \"\\e]2;TITLE\\a\\e[2J\"\n");

        AssertNoControlCharacters(problem.Message);
        Assert.Equal("escapes.yaml:5:9: stages[0].cv: '\\u001b]2;TITLE\\u0007\\u001b[2J' is not a number", problem.Message);
    }

    [Fact]
    public void AStageNameWithEscapeCodesIsQuotedEscapedInEveryValidationMessage()
    {
        var name = "\"\\e[2JA\"";
        var cases = new[]
        {
            $"name: w\nstages:\n  - name: {name}\n    serviceTime: 1h\n    next: Z\n",
            $"name: w\nstages:\n  - name: {name}\n    serviceTime: -1h\n",
            $"name: w\nstages:\n  - name: {name}\n    serviceTime: 1h\n  - name: {name}\n    serviceTime: 1h\n",
            $"name: w\nstages:\n  - name: {name}\n    serviceTime: 1h\n    next: B\n  - name: \"\\e]2;B\"\n    serviceTime: 1h\n    next: {name}\n",
            $"name: w\nstages:\n  - name: {name}\n    serviceTime: 1h\n    next: {name}\n",
            $"name: w\nstages:\n  - name: {name}\n    serviceTime: 1h\n    next: [{{ to: done, probability: 0.5 }}]\n",
        };

        foreach (var yaml in cases)
        {
            var problem = Refused(yaml);
            AssertNoControlCharacters(problem.Message);
            Assert.Contains("'\\u001b[2JA'", problem.Message);
        }
        Assert.Equal("escapes.yaml:5:11: stages[0].next: stage '\\u001b[2JA': next 'Z' names no stage (stages: \\u001b[2JA; 'done' exits)",
            Refused(cases[0]).Message);
    }

    [Fact]
    public void AFileNameWithControlCharactersIsNamedEscaped()
    {
        var folder = Directory.CreateTempSubdirectory("quoted-input-");
        try
        {
            var file = Path.Combine(folder.FullName, "bad\u001b[2J\u0007.yaml");
            File.WriteAllText(file, "name: w\nstages: [");

            var problem = Assert.Throws<InputException>(() => WorkflowYaml.Load(file));

            AssertNoControlCharacters(problem.Message);
            Assert.StartsWith(folder.FullName + "/bad\\u001b[2J\\u0007.yaml:", problem.Message);
            Assert.Equal(file, problem.File);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void ALongPathIsCutAtTheFrontSoThatTheFileNameStays()
    {
        var path = "/" + string.Join("/", Enumerable.Repeat(new string('d', 200), 10)) + "/flow.yaml";

        var problem = new InputException("broken", file: path, line: 3, column: 1);

        Assert.StartsWith("...", problem.Message);
        Assert.EndsWith("/flow.yaml:3:1: broken", problem.Message);
        Assert.True(problem.Message.Length < 300, problem.Message.Length.ToString());
    }

    [Fact]
    public void AFiftyMegabyteValueMakesAShortMessage()
    {
        var huge = new string('9', 50_000_000) + "x";

        var problem = Refused("name: w\nstages:\n  - name: A\n    serviceTime: 1h\n    cv: " + huge + "\n");

        Assert.True(problem.Message.Length < 1000, $"{problem.Message.Length:N0} characters");
        Assert.EndsWith("stages[0].cv: '" + new string('9', 77) + "...' is not a number", problem.Message);
    }

    [Fact]
    public void LongStageNamesAndLongLoopsMakeShortMessages()
    {
        var longName = new string('n', 5_000_000);
        var duplicate = new Workflow("w") { DemandPerWeek = 1, Stages = new[] { new WorkflowStage(longName), new WorkflowStage(longName) } };
        var loopName = new string('n', 1000);
        var stages = Enumerable.Range(0, 1000).Select(i => new WorkflowStage(loopName + i)
        {
            ServiceTimeHours = 1,
            Routes = new[] { new Route(loopName + (i + 1) % 1000, 1) },
        }).ToArray();
        var loop = new Workflow("w") { DemandPerWeek = 1, Stages = stages };

        foreach (var workflow in new[] { duplicate, loop })
        {
            var problem = Assert.Throws<InputException>(workflow.Validate);
            Assert.True(problem.Message.Length < 2000, $"{problem.Message.Length:N0} characters: {problem.Message[..Math.Min(200, problem.Message.Length)]}");
        }
        Assert.Matches(@"^stages\[999\]\.next: the stages ('n{77}\.\.\.' → ){11}'n{77}\.\.\.' and 988 more form a loop with no way out: work that enters it never finishes; route some of it onward or to done$",
            Assert.Throws<InputException>(loop.Validate).Message);
    }
}
