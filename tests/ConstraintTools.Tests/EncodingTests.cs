using System;
using System.IO;
using System.Linq;
using System.Text;
using ConstraintTools.Logs;
using ConstraintTools.Notation;
using ConstraintTools.Yaml;

namespace ConstraintTools.Tests;

/// <summary>Files saved by any editor or export — UTF-8 with or without a BOM, UTF-16 and UTF-32 with theirs — read to the same result.</summary>
public sealed class EncodingTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("ct-encoding-").FullName;

    public static TheoryData<string> Encodings() => new() { "utf-8", "utf-8-bom", "utf-16le", "utf-16be", "utf-32le" };

    private static Encoding Of(string name) => name switch
    {
        "utf-8" => new UTF8Encoding(false),
        "utf-8-bom" => new UTF8Encoding(true),
        "utf-16le" => new UnicodeEncoding(bigEndian: false, byteOrderMark: true),
        "utf-16be" => new UnicodeEncoding(bigEndian: true, byteOrderMark: true),
        _ => new UTF32Encoding(bigEndian: false, byteOrderMark: true),
    };

    private string Write(string name, string text, string encoding)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text, Of(encoding));
        return path;
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void WorkflowsReadTheSameInEveryEncoding(string encoding)
    {
        var path = Write("w.yaml", "name: Café délivery\nstages:\n  - name: Révision\n    serviceTime: 2h\n", encoding);

        var workflow = WorkflowYaml.Load(path);

        Assert.Equal(("Café délivery", "Révision", 2.0), (workflow.Name, workflow.Stages[0].Name, workflow.Stages[0].ServiceTimeHours!.Value));
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void LogsReadTheSameInEveryEncoding(string encoding)
    {
        var csv = Write("log.csv", "Key,Changed,To\nA-1,2026-01-05T09:00:00Z,Révision\nA-1,2026-01-05T10:00:00Z,Done\n", encoding);
        var jsonl = Write("log.jsonl", "{\"id\":\"A-1\",\"timestamp\":\"2026-01-05T09:00:00Z\",\"status\":\"Révision\"}\n{\"id\":\"A-1\",\"timestamp\":\"2026-01-05T10:00:00Z\",\"status\":\"Done\"}\n", encoding);

        foreach (var log in new[] { WorkItemLogReader.Read(csv), WorkItemLogReader.Read(jsonl) })
        {
            Assert.Equal(0, log.SkippedRows);
            Assert.Equal(new[] { "Révision", "Done" }, log.Events.Select(e => e.Status));
        }
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void AFileThatStartsWithSeveralByteOrderMarksReadsAsWithOne(string encoding)
    {
        // Saved twice by tools that each add a mark: the second was part of the first key, and the message said
        // "unknown key 'name'; did you mean 'name'?".
        var workflow = WorkflowYaml.Load(Write("w.yaml", "\uFEFF\uFEFFname: Twice saved\nstages:\n  - name: A\n    serviceTime: 2h\n", encoding));
        var csv = WorkItemLogReader.Read(Write("log.csv", "\uFEFF\uFEFFKey,Changed,To\nA-1,2026-01-05T09:00:00Z,Doing\n", encoding));
        var jsonl = WorkItemLogReader.Read(Write("log.jsonl", "\uFEFF\uFEFF{\"id\":\"A-1\",\"timestamp\":\"2026-01-05T09:00:00Z\",\"status\":\"Doing\"}\n", encoding));

        Assert.Equal("Twice saved", workflow.Name);
        foreach (var log in new[] { csv, jsonl })
        {
            Assert.Equal(0, log.SkippedRows);
            Assert.Equal(("A-1", "Doing"), (log.Events.Single().ItemId, log.Events.Single().Status));
        }
    }

    [Fact]
    public void AKeyWithAnInvisibleCharacterIsShownWithItEscaped()
    {
        var ex = Assert.Throws<InputException>(() => WorkflowYaml.Parse("name: x\nstages:\n  - \u200Bname: A\n    serviceTime: 2h\n", "zwsp.yaml"));

        Assert.Equal("zwsp.yaml:3:5: stages[0].\\u200bname: unknown key '\\u200bname'; did you mean 'name'?", ex.Message);
    }

    [Theory]
    [InlineData("\uFEFFname", "\\ufeffname")]
    [InlineData("a\u200Bb\u202Ec\u00ADd", "a\\u200bb\\u202ec\\u00add")]
    public void AnExcerptShowsInvisibleFormatCharacters(string text, string shown) => Assert.Equal(shown, Display.Excerpt(text));

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
