using System;
using System.IO;
using System.Linq;
using System.Text;
using ConstraintTools.Logs;
using ConstraintTools.Yaml;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ConstraintTools.Tests;

/// <summary>
/// No input makes the YAML loader or the log readers throw anything but our own error: random text
/// built from the tokens of each format (so the parsers get past their first line), and random bytes.
/// </summary>
public class FuzzTests
{
    private static readonly string[] YamlTokens =
    {
        "name: x\n", "stages:\n", "  - name: A\n", "    serviceTime: 2h\n", "    next: B\n", "    cv: -1\n", "demand: 10/week\n",
        "next:\n", "  - { to: A, probability: 0.5 }\n", "&a ", "*a", "[", "]", "{", "}", ": ", "- ", "\"", "'", "#", "\t", "\n", "  ",
        "---\n", "...\n", "!!binary ", "? ", "|\n", ">\n", "1e308", "NaN", "-.inf", "\u0000", "\uFEFF", "é", "\u2028", "%YAML 1.2\n",
    };

    private static readonly string[] CsvTokens =
    {
        "Key,Changed,To\n", "id,timestamp,status\n", "A-1,", "2026-01-05T09:00:00+01:00,", "2026-13-45T99:99:99Z,", "In Progress\n",
        "\"quoted, \"\"field\"\"\"", ",", "\n", "\r\n", "\"", "\t", "\uFEFF", "\u0000", "{\"id\":\"A\",\"timestamp\":\"2026-01-05\",\"status\":\"Done\"}\n",
        "{", "}", "[1,2]", "\"id\":", "null", "9999-12-31T23:59:59.9999999-14:00,", "0001-01-01,",
    };

    private static Gen<string> Text(string[] tokens) =>
        Gen.ListOf(Gen.OneOf(Gen.Elements(tokens), Gen.Choose(0, 0xFFFF).Select(c => ((char)c).ToString()))).Select(parts => string.Concat(parts));

    [Property(MaxTest = 400)]
    public Property YamlOfAnyShapeGivesAWorkflowOrOurError() =>
        Prop.ForAll(Text(YamlTokens).ToArbitrary(), text =>
        {
            try
            {
                WorkflowYaml.Parse(text, "fuzz.yaml");
            }
            catch (InputException)
            {
            }
        });

    [Property(MaxTest = 300)]
    public Property LogsOfAnyShapeGiveALogOrOurError() =>
        Prop.ForAll(Text(CsvTokens).ToArbitrary(), Gen.Elements(".csv", ".jsonl", ".tsv", ".txt").ToArbitrary(), (text, extension) => ReadsOrFailsCleanly(Encoding.UTF8.GetBytes(text), extension));

    [Property(MaxTest = 200)]
    public Property BinaryJunkGivesALogOrOurError() =>
        Prop.ForAll(Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b)).ToArbitrary(), Gen.Elements(".csv", ".jsonl").ToArbitrary(), ReadsOrFailsCleanly);

    private static void ReadsOrFailsCleanly(byte[] bytes, string extension)
    {
        var path = Path.Combine(Path.GetTempPath(), $"ct-fuzz-{Guid.NewGuid():N}{extension}");
        File.WriteAllBytes(path, bytes);
        try
        {
            var log = WorkItemLogReader.Read(path);
            Assert.True(log.EventCount >= 0 && log.SkippedRows >= 0);
        }
        catch (InputException)
        {
        }
        finally
        {
            File.Delete(path);
        }
    }
}
