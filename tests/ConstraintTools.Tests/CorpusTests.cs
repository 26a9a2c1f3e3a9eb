using System;
using System.IO;
using System.Linq;
using ConstraintTools.Logs;
using ConstraintTools.Notation;
using ConstraintTools.Queueing;
using ConstraintTools.Yaml;

namespace ConstraintTools.Tests;

/// <summary>
/// A corpus of awkward files (tests/corpus): YAML merge keys, tags, multiple documents, NaN and infinities,
/// invalid UTF-8, NUL bytes; CSV with broken quotes and ragged rows; JSON lines nested 100,000 deep, of the
/// wrong types, truncated. Each loads — and a loaded workflow analyses — or fails with our own error naming the
/// file. A file that breaks a reader in the field belongs here, so that it stays fixed.
/// </summary>
public class CorpusTests
{
    private static readonly string Corpus = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "corpus"));

    public static TheoryData<string> Workflows => Files("yaml");

    public static TheoryData<string> Logs => Files("logs");

    [Theory]
    [MemberData(nameof(Workflows))]
    public void AWorkflowFileLoadsAndAnalysesOrFailsWithOurError(string name)
    {
        var path = Path.Combine(Corpus, "yaml", name);
        try
        {
            var report = WorkflowAnalyzer.Analyze(WorkflowYaml.Load(path));
            Assert.NotEmpty(report.Stages);
        }
        catch (InputException error)
        {
            Assert.Equal(path, error.File);
            Assert.StartsWith(path + ":", error.Message);
        }
    }

    [Theory]
    [MemberData(nameof(Logs))]
    public void ALogFileReadsOrFailsWithOurError(string name)
    {
        var path = Path.Combine(Corpus, "logs", name);
        try
        {
            var log = WorkItemLogReader.Read(path);
            // Rows skipped are always explained.
            Assert.True(log.SkippedRows == 0 || log.Problems.Count > 0, $"{log.SkippedRows} rows skipped with no problem listed");
            Assert.True(log.EventCount >= 0);
        }
        catch (InputException error)
        {
            Assert.Contains(name, error.Message);
        }
    }

    [Fact]
    public void MessagesQuoteAFilesTextWithoutItsControlCharactersOrItsBulk()
    {
        // A gzip file read as CSV: its bytes would otherwise reach the terminal, escape codes and all.
        var binary = Assert.Throws<InputException>(() => WorkItemLogReader.Read(Path.Combine(Corpus, "logs", "gzip-magic.csv")));
        Assert.DoesNotContain(binary.Message, char.IsControl);
        Assert.Contains("'\\u001f", binary.Message);

        var wide = Assert.Throws<InputException>(() => WorkItemLogReader.Read(Path.Combine(Corpus, "logs", "many-columns.csv")));
        Assert.Contains("'c18', 'c19' and 4,980 more;", wide.Message);
    }

    [Fact]
    public void AKeyThatIsAListIsCalledOutAsOne()
    {
        var error = Assert.Throws<InputException>(() => WorkflowYaml.Load(Path.Combine(Corpus, "yaml", "complex-key.yaml")));

        Assert.EndsWith("complex-key.yaml:1:3: a key must be a plain word such as name, description, calendar, demand, not a list or a mapping", error.Message);
    }

    [Fact]
    public void APositionWithoutAColumnNamesTheLineOnly()
    {
        var error = Assert.Throws<InputException>(() => WorkItemLogReader.Read(Path.Combine(Corpus, "logs", "unbalanced-quotes.csv")));

        Assert.Contains("unbalanced-quotes.csv:2: the CSV is malformed near line 2:", error.Message);
    }

    [Theory]
    [InlineData("semicolons.csv", 1)]
    [InlineData("bars.csv", 2)]
    [InlineData("tabs.tsv", 1)]
    public void TheDelimiterIsTakenFromTheHeaderRow(string name, int events)
    {
        var log = WorkItemLogReader.Read(Path.Combine(Corpus, "logs", name));

        Assert.Equal((events, 0), (log.EventCount, log.SkippedRows));
    }

    [Fact]
    public void AnEmptyLogSaysItIsEmpty()
    {
        var path = Path.Combine(Corpus, "logs", "empty.csv");

        Assert.Equal(path + ": the file is empty; a log needs a header row naming its columns", Assert.Throws<InputException>(() => WorkItemLogReader.Read(path)).Message);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("two\r\nlines\tand a tab", "two\\r\\nlines\\tand a tab")]
    [InlineData("\u001b[31mred\u0000", "\\u001b[31mred\\u0000")]
    public void AnExcerptEscapesControlCharacters(string text, string shown) => Assert.Equal(shown, Display.Excerpt(text));

    [Fact]
    public void AnExcerptOfLongTextIsCutToEightyCharacters()
    {
        var shown = Display.Excerpt(new string('x', 100_000_000));

        Assert.Equal(new string('x', 77) + "...", shown);
    }

    [Fact]
    public void TheCorpusIsThere()
    {
        // An empty MemberData would pass silently; the corpus must be found from the test's output folder.
        Assert.True(Workflows.Count >= 20, Corpus);
        Assert.True(Logs.Count >= 20, Corpus);
    }

    private static TheoryData<string> Files(string folder) =>
        new(Directory.GetFiles(Path.Combine(Corpus, folder)).Select(Path.GetFileName).Order(StringComparer.Ordinal)!);
}
