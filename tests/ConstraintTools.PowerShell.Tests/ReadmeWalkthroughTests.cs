using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace ConstraintTools.PowerShell.Tests;

/// <summary>
/// The README's walkthroughs run as printed: every <c>PS&gt;</c> line of their text blocks is run, in
/// order, in one session per section, and what it prints must be the text that follows it.
/// </summary>
public sealed class ReadmeWalkthroughTests : IDisposable
{
    /// <summary>The README's outputs come from the console host, whose tables are 160 characters wide when redirected.</summary>
    private readonly ModuleSession session = new(width: 160);

    /// <summary>The PS&gt; commands of the section's text blocks, each with the output printed after it.</summary>
    private static List<(string Command, string Expected)> ReadCommands(string section)
    {
        var readme = File.ReadAllText(Path.Combine(ModuleSession.RepoRoot, "README.md")).Replace("\r\n", "\n");
        var start = readme.IndexOf("\n" + section + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"README has no section '{section}'");
        var end = readme.IndexOf("\n## ", start + section.Length, StringComparison.Ordinal);
        var commands = new List<(string, string)>();
        foreach (Match block in Regex.Matches(readme[start..end], "```text\n(.*?)```", RegexOptions.Singleline))
        {
            string? command = null;
            var expected = new List<string>();
            foreach (var line in block.Groups[1].Value.Split('\n'))
            {
                if (line.StartsWith("PS> ", StringComparison.Ordinal))
                {
                    if (command != null) commands.Add((command, string.Join("\n", expected)));
                    command = line[4..];
                    expected.Clear();
                }
                else expected.Add(line);
            }
            if (command != null) commands.Add((command, string.Join("\n", expected)));
        }
        return commands;
    }

    /// <summary>Trailing spaces and blank-line runs do not count; the log's full path is shortened to ./ as the README says.</summary>
    private static string Normalize(string text) =>
        Regex.Replace(string.Join("\n", text.Replace("\r\n", "\n").Replace(ModuleSession.RepoRoot.TrimEnd('/') + "/", "./").Split('\n').Select(l => l.TrimEnd())), "\n{2,}", "\n\n").Trim('\n');

    /// <summary>A line "..." in the README stands for any number of lines left out.</summary>
    private static bool Matches(string expected, string actual)
    {
        var pattern = string.Concat(expected.Split('\n').Select(line => line == "..." ? "(?:[^\n]*\n)*?" : Regex.Escape(line) + "\n"));
        return Regex.IsMatch(actual + "\n", "^" + pattern + "$");
    }

    [Fact]
    public void TheLogWalkthroughHasItsCommands()
    {
        var commands = ReadCommands("## Walkthrough: a real log");

        Assert.True(commands.Count >= 15, $"only {commands.Count} commands found");
        Assert.Contains(commands, c => c.Command.Contains("Find-Constraint -Workflow $w"));
        Assert.Contains(commands, c => c.Command.Contains("Get-CumulativeFlow"));
        Assert.Contains(commands, c => c.Command.Contains("Get-WorkItemAge"));
        Assert.Contains(commands, c => c.Command.Contains("ConvertTo-Workflow"));
    }

    [Theory]
    [InlineData("## The examples, walked through")]
    [InlineData("## What-if: AI made coding five times faster")]
    [InlineData("## Walkthrough: a real log")]
    [InlineData("## Simulation beside the model")]
    [InlineData("## Logs with a known answer")]
    [InlineData("## Walkthrough: real export shapes")]
    public void EveryCommandPrintsWhatTheReadmeShows(string section)
    {
        var mismatches = new List<string>();
        foreach (var (command, expected) in ReadCommands(section))
        {
            // Dot-sourced so that the assignments of one command are there for the next.
            var actual = Normalize(session.Render($". {{ {command} }}"));
            if (!Matches(Normalize(expected), actual))
                mismatches.Add($"PS> {command}\n--- README:\n{Normalize(expected)}\n--- actual:\n{actual}");
        }
        Assert.True(mismatches.Count == 0, string.Join("\n\n", mismatches));
    }

    public void Dispose() => session.Dispose();
}
