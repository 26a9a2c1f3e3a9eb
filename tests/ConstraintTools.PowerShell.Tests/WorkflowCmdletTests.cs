using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;

namespace ConstraintTools.PowerShell.Tests;

/// <summary>Each cmdlet through real pipelines of the hosted engine.</summary>
public sealed class WorkflowCmdletTests : IDisposable
{
    // M/M/1 then M/M/2, worked by hand: A has μ = 40/4 = 10/wk, ρ = 0.8, Wq = ρ/(μ−λ) = 0.4 wk,
    // te = 0.1 wk; B has μ₁ = 40/6, A = 1.2 Erlangs, P0 = 1/4, C = 0.45, Wq = 0.45/(40/3 − 8) wk
    // = 14.175 h, te = 0.15 wk. Lead time = 67.2 + 16.8 + 14.175 + 25.2 = 123.375 h.
    private const string Line = """
        name: Two stages
        demand: { rate: 8/week }
        stages:
          - name: A
            serviceTime: 4h
          - name: B
            servers: 2
            serviceTime: 6h
        """;

    private readonly ModuleSession session = new();
    private readonly string folder = Directory.CreateTempSubdirectory("ct-tests-").FullName;

    private string Write(string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void FindsTheConstraintOfAWorkedExample()
    {
        var path = Write("line.yaml", Line);

        var (output, errors) = session.Invoke($"Import-Workflow '{path}' | Find-Constraint");

        Assert.Empty(errors);
        dynamic report = output.Single();
        Assert.Equal("A", (string)report.Constraint);
        Assert.Equal(0.8, (double)report.Utilization, 12);
        Assert.Equal(8, (double)report.ThroughputPerWeek, 12);
        Assert.Equal(10, (double)report.ThroughputCeilingPerWeek, 12);
        Assert.Equal("B", (string)report.NextConstraint);
        Assert.Equal(0.8 / 0.6, (double)report.RelocationFactor, 12);
        Assert.Equal(123.375, ((TimeSpan)report.LeadTime).TotalHours, 6);
        Assert.NotEmpty((IEnumerable<string>)report.Evidence);
        Assert.Equal("ConstraintTools.ConstraintReport", output.Single().TypeNames[0]);
    }

    [Fact]
    public void MeasuresEveryStage()
    {
        var path = Write("line.yaml", Line);

        var (output, errors) = session.Invoke($"Import-Workflow '{path}' | Measure-Workflow");

        Assert.Empty(errors);
        Assert.Equal(new[] { "A", "B" }, output.Select(o => (string)o.Properties["Stage"].Value));
        dynamic b = output[1];
        Assert.Equal(2, (int)b.Servers);
        Assert.Equal(40.0 / 3, (double)b.CapacityPerWeek, 12);
        Assert.Equal(0.6, (double)b.Utilization, 12);
        Assert.Equal(14.175, ((TimeSpan)b.WaitTime).TotalHours, 6);
        Assert.Equal(8 * (14.175 + 25.2) / 168, (double)b.Wip, 9);
        Assert.False((bool)b.IsConstraint);
        Assert.True((bool)output[0].Properties["IsConstraint"].Value);
    }

    [Fact]
    public void FiltersTheExamplesByUtilization()
    {
        var (all, errors) = session.Invoke("Import-Workflow examples/*.yaml | Measure-Workflow");
        var (busy, _) = session.Invoke("Import-Workflow examples/*.yaml | Measure-Workflow | Where-Object Utilization -gt 0.8");

        Assert.Empty(errors);
        var expected = all.Where(s => s.Properties["Utilization"].Value is double u && u > 0.8).Select(s => s.Properties["Stage"].Value).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, busy.Select(s => s.Properties["Stage"].Value));
    }

    [Fact]
    public void ImportsOneWorkflowPerFileMatchingAWildcard()
    {
        var files = Directory.GetFiles(Path.Combine(ModuleSession.RepoRoot, "examples"), "*.yaml");

        var (output, errors) = session.Invoke("Import-Workflow examples/*.yaml");

        Assert.Empty(errors);
        Assert.Equal(files.Length, output.Count);
        Assert.True(files.Length >= 4);
        Assert.All(output, o => Assert.Equal("ConstraintTools.Workflow", o.TypeNames[0]));
    }

    [Fact]
    public void TakesPathsAndFilesFromThePipeline()
    {
        var path = Write("line.yaml", Line);
        var odd = Write("odd[1].yaml", Line.Replace("Two stages", "Bracketed"));

        var (byValue, e1) = session.Invoke($"'{path}' | Import-Workflow");
        var (fileObjects, e2) = session.Invoke($"[System.IO.DirectoryInfo]::new('{folder}').GetFiles('line.yaml') | Import-Workflow");
        var (byPsPath, e3) = session.Invoke($"[pscustomobject]@{{ PSPath = '{odd}' }} | Import-Workflow");
        var (literal, e4) = session.Invoke($"Import-Workflow -LiteralPath '{odd}'");

        Assert.Empty(e1.Concat(e2).Concat(e3).Concat(e4));
        Assert.Equal("Two stages", byValue.Single().Properties["Name"].Value);
        Assert.Equal("Two stages", fileObjects.Single().Properties["Name"].Value);
        Assert.Equal("Bracketed", byPsPath.Single().Properties["Name"].Value);
        Assert.Equal("Bracketed", literal.Single().Properties["Name"].Value);
    }

    [Fact]
    public void ABadFileIsANonTerminatingErrorAndTheOthersStillLoad()
    {
        var good = Write("good.yaml", Line);
        var bad = Write("bad.yaml", "name: x\nstages:\n  - name: A\n    servce: 4h\n");
        var missing = Path.Combine(folder, "missing.yaml");

        var (output, errors) = session.Invoke($"Import-Workflow '{bad}', '{missing}', '{good}'");

        Assert.Equal("Two stages", output.Single().Properties["Name"].Value);
        Assert.Equal(2, errors.Count);
        Assert.Equal("InvalidWorkflowFile,ConstraintTools.PowerShell.ImportWorkflowCommand", errors[0].FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, errors[0].CategoryInfo.Category);
        Assert.Equal(bad, errors[0].TargetObject);
        Assert.Equal($"{bad}:4:5: stages[0].servce: unknown key 'servce'; did you mean 'serviceTime'?", errors[0].Exception.Message);
        Assert.Equal("WorkflowFileNotFound,ConstraintTools.PowerShell.ImportWorkflowCommand", errors[1].FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, errors[1].CategoryInfo.Category);
    }

    [Fact]
    public void UnicodeDigitsAreABadValueAndTheNextFileStillLoads()
    {
        // \d matched them and double.Parse threw a FormatException, terminating, so the files after were never read.
        var fullwidth = Write("fullwidth.yaml", "name: x\nstages:\n  - name: A\n    serviceTime: \"\uFF11h\"\n");
        var arabic = Write("arabic.yaml", "name: y\ndemand: \"\u0665/week\"\nstages:\n  - name: A\n");
        var good = Write("good.yaml", Line);

        var (output, errors) = session.Invoke($"Import-Workflow '{fullwidth}', '{arabic}', '{good}'");

        Assert.Equal("Two stages", output.Single().Properties["Name"].Value);
        Assert.Equal(new[] { "InvalidWorkflowFile,ConstraintTools.PowerShell.ImportWorkflowCommand", "InvalidWorkflowFile,ConstraintTools.PowerShell.ImportWorkflowCommand" },
            errors.Select(e => e.FullyQualifiedErrorId));
        Assert.Equal($"{fullwidth}:4:18: stages[0].serviceTime: '\uFF11h' is not a duration; write 30m, 4h, 1.5d, 2w or a number of hours", errors[0].Exception.Message);
        Assert.Equal($"{arabic}:2:9: demand.rate: '\u0665/week' is not a rate; write N/hour, N/day, N/week, N/month or a number per week", errors[1].Exception.Message);
    }

    [Fact]
    public void ARateOrDurationPastWhatANumberHoldsIsTooLarge()
    {
        // 1e308/day is Infinity a week, which the parameter took and the workflow then called "not zero or more".
        var (_, rate) = session.Invoke("New-Workflow -Name w -Demand 1e308/day");
        var (_, duration) = session.Invoke("Measure-Workflow -Workflow (Import-Workflow examples/code-review.yaml) -Horizon 1e308w");

        Assert.Contains("'1e308/day' is too large a rate: a week of it is more than a number holds.", rate.Single().Exception.Message);
        Assert.Contains("'1e308w' is too large a duration: in hours it is more than a number holds.", duration.Single().Exception.Message);
    }

    [Fact]
    public void FileNamesWithEscapeCodesAreNamedEscaped()
    {
        // A file name may hold any character but / and NUL; printed raw, these retitled the terminal and cleared it.
        var bad = Write("bad\u001b]2;TITLE\u0007.yaml", "name: x\nstages:\n  - name: A\n    servce: 4h\n");
        var folderNamed = Path.Combine(folder, "dir\u001b[2J");
        Directory.CreateDirectory(folderNamed);
        var missing = Path.Combine(folder, "missing\u001b[2J.yaml");

        var (_, errors) = session.Invoke("Import-Workflow -LiteralPath $bad, $folderNamed, $missing",
            new Dictionary<string, object?> { ["bad"] = bad, ["folderNamed"] = folderNamed, ["missing"] = missing });

        Assert.Equal(3, errors.Count);
        Assert.All(errors, e => Assert.DoesNotContain(e.Exception.Message, char.IsControl));
        Assert.StartsWith(Path.Combine(folder, "bad\\u001b]2;TITLE\\u0007.yaml:4:5: "), errors[0].Exception.Message);
        Assert.StartsWith($"'{folder}/dir\\u001b[2J' is a directory", errors[1].Exception.Message);
        Assert.Contains("'" + Path.Combine(folder, "missing\\u001b[2J.yaml") + "'", errors[2].Exception.Message);
    }

    [Fact]
    public void ReadsYamlTextFromAVariableOrLinesFromThePipeline()
    {
        var lines = Line.Split('\n');

        var (whole, e1) = session.Invoke("ConvertFrom-WorkflowYaml $text -SourceName rest", new Dictionary<string, object?> { ["text"] = Line });
        var (piped, e2) = session.Invoke("$lines | ConvertFrom-WorkflowYaml | Find-Constraint", new Dictionary<string, object?> { ["lines"] = lines });
        var (_, bad) = session.Invoke("ConvertFrom-WorkflowYaml 'name: x' -SourceName api");

        Assert.Empty(e1.Concat(e2));
        Assert.Equal("rest", whole.Single().Properties["Source"].Value);
        Assert.Equal("A", piped.Single().Properties["Constraint"].Value);
        Assert.Equal("InvalidWorkflowYaml,ConstraintTools.PowerShell.ConvertFromWorkflowYamlCommand", bad.Single().FullyQualifiedErrorId);
        Assert.StartsWith("api:1:1: ", bad.Single().Exception.Message);
    }

    [Fact]
    public void RendersStagesAsATableWithTheConstraintMarked()
    {
        var path = Write("line.yaml", Line);

        var table = session.Render($"Import-Workflow '{path}' | Measure-Workflow");

        var lines = table.Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.Contains(lines, l => l.Contains("Workflow: Two stages"));
        var header = lines.First(l => l.StartsWith("Stage"));
        Assert.Contains("Utilization", header);
        Assert.Contains("Capacity/wk", header);
        var rowA = lines.First(l => l.StartsWith("A "));
        Assert.Contains("CONSTRAINT", rowA);
        Assert.Contains("80.0%", rowA);
        Assert.Contains("2.8d", rowA); // Wq = 0.4 weeks = 2.8 days
        var rowB = lines.First(l => l.StartsWith("B "));
        Assert.DoesNotContain("CONSTRAINT", rowB);
        Assert.Contains("60.0%", rowB);
        Assert.False(table.Contains('\u001b'), "ANSI styling leaked into plain text");
    }

    [Fact]
    public void RendersTheConstraintReportAndWorkflowsAsTables()
    {
        var path = Write("line.yaml", Line);

        var report = session.Render($"Import-Workflow '{path}' | Find-Constraint");
        var workflows = session.Render($"Import-Workflow '{path}'");

        var reportRow = report.Split('\n').First(l => l.StartsWith("Two stages"));
        Assert.Contains("Constraint", report);
        Assert.Matches(@"Two stages\s+A\s+80\.0%\s+8\s+8\s+10\s+B\s+x1\.33\s+5\.1d", reportRow);
        Assert.Matches(@"Two stages\s+2\s+8\s+0\s+.*line\.yaml", workflows.Split('\n').First(l => l.StartsWith("Two stages")));
    }

    [Fact]
    public void ExplainsAnInvalidWorkflowBuiltInCode()
    {
        var (_, errors) = session.Invoke("Find-Constraint -Workflow ([ConstraintTools.Workflow]::new('empty'))");

        Assert.Equal("InvalidWorkflow,ConstraintTools.PowerShell.FindConstraintCommand", errors.Single().FullyQualifiedErrorId);
        Assert.Contains("no stages", errors.Single().Exception.Message);
    }

    public void Dispose()
    {
        session.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
