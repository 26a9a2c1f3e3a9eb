using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Xml.Linq;

namespace ConstraintTools.PowerShell.Tests;

/// <summary>The staged module as PowerShell sees it: manifest, exports, help and views.</summary>
public sealed class ModuleTests : IDisposable
{
    private static readonly string[] Cmdlets = { "ConvertFrom-WorkflowYaml", "ConvertTo-WorkItemLog", "ConvertTo-Workflow", "ConvertTo-WorkflowDiagram", "ConvertTo-WorkflowYaml", "Export-FlowReport", "Export-Workflow", "Find-Constraint", "Get-ConstraintPath", "Get-CumulativeFlow", "Get-Forecast", "Get-WorkItemAge", "Import-WorkItemLog", "Import-Workflow", "Invoke-FlowSimulation", "Measure-Flow", "Measure-Improvement", "Measure-Workflow", "New-Workflow", "New-WorkflowStage", "Test-Workflow" };
    private readonly ModuleSession session = new();

    [Fact]
    public void ManifestIsValidAndExportsExactlyTheCmdlets()
    {
        var (output, errors) = session.Invoke($"Test-ModuleManifest '{ModuleSession.ManifestPath}'");

        Assert.Empty(errors);
        var manifest = (PSModuleInfo)output.Single().BaseObject;
        Assert.Equal(Cmdlets, manifest.ExportedCmdlets.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Contains("Core", manifest.CompatiblePSEditions);
        Assert.Contains("Desktop", manifest.CompatiblePSEditions);
        Assert.False(string.IsNullOrWhiteSpace(manifest.Description));
        var assembly = System.Reflection.AssemblyName.GetAssemblyName(Path.Combine(ModuleSession.StagedModuleDir, "ConstraintTools.PowerShell.dll"));
        Assert.Equal(manifest.Version, new Version(assembly.Version!.Major, assembly.Version.Minor, assembly.Version.Build));
    }

    [Fact]
    public void ImportedModuleHasTheCmdlets()
    {
        var (output, _) = session.Invoke("Get-Command -Module ConstraintTools | ForEach-Object Name");

        Assert.Equal(Cmdlets, output.Select(o => o.ToString()).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("Import-Workflow")]
    [InlineData("ConvertFrom-WorkflowYaml")]
    [InlineData("Measure-Workflow")]
    [InlineData("Find-Constraint")]
    [InlineData("Measure-Improvement")]
    [InlineData("Get-ConstraintPath")]
    [InlineData("Test-Workflow")]
    [InlineData("New-WorkflowStage")]
    [InlineData("New-Workflow")]
    [InlineData("Export-Workflow")]
    [InlineData("ConvertTo-WorkflowYaml")]
    [InlineData("ConvertTo-WorkflowDiagram")]
    [InlineData("Import-WorkItemLog")]
    [InlineData("ConvertTo-WorkItemLog")]
    [InlineData("Measure-Flow")]
    [InlineData("Get-CumulativeFlow")]
    [InlineData("Get-WorkItemAge")]
    [InlineData("ConvertTo-Workflow")]
    [InlineData("Invoke-FlowSimulation")]
    [InlineData("Get-Forecast")]
    [InlineData("Export-FlowReport")]
    public void HelpShowsSynopsisAndAtLeastTwoExamples(string cmdlet)
    {
        var examples = session.Render($"Get-Help {cmdlet} -Examples");
        var (output, _) = session.Invoke($"(Get-Help {cmdlet}).Synopsis");

        var synopsis = output.Single().ToString();
        Assert.DoesNotContain(cmdlet + " ", synopsis); // an auto-generated synopsis is just the syntax
        Assert.Contains("Example 2", examples, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(cmdlet, examples);
    }

    [Fact]
    public void AboutTopicExplainsTheSchemaAndTheFormulas()
    {
        var about = session.Render("Get-Help about_ConstraintTools");

        Assert.Contains("serviceTime", about);
        Assert.Contains("Little", about);
        Assert.Contains("Find-Constraint", about);
    }

    [Theory]
    [InlineData("Import-Workflow", "Path")]
    [InlineData("Import-Workflow", "LiteralPath")]
    [InlineData("ConvertFrom-WorkflowYaml", "InputObject")]
    [InlineData("ConvertFrom-WorkflowYaml", "SourceName")]
    [InlineData("Measure-Workflow", "Workflow")]
    [InlineData("Measure-Workflow", "Horizon")]
    [InlineData("Find-Constraint", "Workflow")]
    [InlineData("Find-Constraint", "Log")]
    [InlineData("Find-Constraint", "From")]
    [InlineData("Find-Constraint", "To")]
    [InlineData("Find-Constraint", "Interval")]
    [InlineData("Measure-Improvement", "Workflow")]
    [InlineData("Measure-Improvement", "Stage")]
    [InlineData("Measure-Improvement", "CapacityFactor")]
    [InlineData("Measure-Improvement", "Servers")]
    [InlineData("Measure-Improvement", "ServiceTime")]
    [InlineData("Measure-Improvement", "Availability")]
    [InlineData("Get-ConstraintPath", "Workflow")]
    [InlineData("Get-ConstraintPath", "TargetThroughput")]
    [InlineData("Test-Workflow", "Workflow")]
    [InlineData("Test-Workflow", "Quiet")]
    [InlineData("New-WorkflowStage", "Name")]
    [InlineData("New-WorkflowStage", "Servers")]
    [InlineData("New-WorkflowStage", "ServiceTime")]
    [InlineData("New-WorkflowStage", "Capacity")]
    [InlineData("New-WorkflowStage", "Cv")]
    [InlineData("New-WorkflowStage", "Availability")]
    [InlineData("New-WorkflowStage", "Calendar")]
    [InlineData("New-WorkflowStage", "Cadence")]
    [InlineData("New-WorkflowStage", "BatchSize")]
    [InlineData("New-WorkflowStage", "Wip")]
    [InlineData("New-WorkflowStage", "WipLimit")]
    [InlineData("New-WorkflowStage", "Next")]
    [InlineData("New-WorkflowStage", "States")]
    [InlineData("New-WorkflowStage", "Queue")]
    [InlineData("New-Workflow", "Name")]
    [InlineData("New-Workflow", "Stage")]
    [InlineData("New-Workflow", "Demand")]
    [InlineData("New-Workflow", "DemandCv")]
    [InlineData("New-Workflow", "EntryStage")]
    [InlineData("New-Workflow", "Value")]
    [InlineData("New-Workflow", "HoursPerDay")]
    [InlineData("New-Workflow", "DaysPerWeek")]
    [InlineData("New-Workflow", "DoneStates")]
    [InlineData("Export-Workflow", "Path")]
    [InlineData("Export-Workflow", "LiteralPath")]
    [InlineData("Export-Workflow", "Workflow")]
    [InlineData("Export-Workflow", "Force")]
    [InlineData("Export-Workflow", "PassThru")]
    [InlineData("Export-Workflow", "WhatIf")]
    [InlineData("Export-Workflow", "Confirm")]
    [InlineData("ConvertTo-WorkflowYaml", "Workflow")]
    [InlineData("ConvertTo-WorkflowDiagram", "Workflow")]
    [InlineData("ConvertTo-WorkflowDiagram", "Format")]
    [InlineData("Import-WorkItemLog", "Path")]
    [InlineData("Import-WorkItemLog", "LiteralPath")]
    [InlineData("Import-WorkItemLog", "IdColumn")]
    [InlineData("Import-WorkItemLog", "TimestampColumn")]
    [InlineData("Import-WorkItemLog", "StatusColumn")]
    [InlineData("Import-WorkItemLog", "StageColumn")]
    [InlineData("Import-WorkItemLog", "Format")]
    [InlineData("Import-WorkItemLog", "TimestampFormat")]
    [InlineData("ConvertTo-WorkItemLog", "InputObject")]
    [InlineData("ConvertTo-WorkItemLog", "IdColumn")]
    [InlineData("ConvertTo-WorkItemLog", "TimestampColumn")]
    [InlineData("ConvertTo-WorkItemLog", "StatusColumn")]
    [InlineData("ConvertTo-WorkItemLog", "StageColumn")]
    [InlineData("ConvertTo-WorkItemLog", "Format")]
    [InlineData("ConvertTo-WorkItemLog", "TimestampFormat")]
    [InlineData("ConvertTo-WorkItemLog", "SourceName")]
    [InlineData("Measure-Flow", "Log")]
    [InlineData("Measure-Flow", "Workflow")]
    [InlineData("Measure-Flow", "From")]
    [InlineData("Measure-Flow", "To")]
    [InlineData("Measure-Flow", "Summary")]
    [InlineData("Get-CumulativeFlow", "Log")]
    [InlineData("Get-CumulativeFlow", "Workflow")]
    [InlineData("Get-CumulativeFlow", "Interval")]
    [InlineData("Get-CumulativeFlow", "From")]
    [InlineData("Get-CumulativeFlow", "To")]
    [InlineData("Get-WorkItemAge", "Log")]
    [InlineData("Get-WorkItemAge", "Workflow")]
    [InlineData("Get-WorkItemAge", "AsOf")]
    [InlineData("ConvertTo-Workflow", "Log")]
    [InlineData("ConvertTo-Workflow", "Workflow")]
    [InlineData("ConvertTo-Workflow", "From")]
    [InlineData("ConvertTo-Workflow", "To")]
    [InlineData("ConvertTo-Workflow", "Name")]
    [InlineData("Invoke-FlowSimulation", "Workflow")]
    [InlineData("Invoke-FlowSimulation", "Duration")]
    [InlineData("Invoke-FlowSimulation", "WarmUp")]
    [InlineData("Invoke-FlowSimulation", "Replications")]
    [InlineData("Invoke-FlowSimulation", "Seed")]
    [InlineData("Invoke-FlowSimulation", "TimeSeries")]
    [InlineData("Invoke-FlowSimulation", "SampleInterval")]
    [InlineData("Invoke-FlowSimulation", "Summary")]
    [InlineData("Get-Forecast", "Log")]
    [InlineData("Get-Forecast", "Workflow")]
    [InlineData("Get-Forecast", "From")]
    [InlineData("Get-Forecast", "To")]
    [InlineData("Get-Forecast", "Throughput")]
    [InlineData("Get-Forecast", "Items")]
    [InlineData("Get-Forecast", "By")]
    [InlineData("Get-Forecast", "Start")]
    [InlineData("Get-Forecast", "Trials")]
    [InlineData("Get-Forecast", "Seed")]
    [InlineData("Export-FlowReport", "Path")]
    [InlineData("Export-FlowReport", "LiteralPath")]
    [InlineData("Export-FlowReport", "Workflow")]
    [InlineData("Export-FlowReport", "Log")]
    [InlineData("Export-FlowReport", "Interval")]
    [InlineData("Export-FlowReport", "Simulation")]
    [InlineData("Export-FlowReport", "Force")]
    [InlineData("Export-FlowReport", "PassThru")]
    [InlineData("Export-FlowReport", "WhatIf")]
    [InlineData("Export-FlowReport", "Confirm")]
    public void HelpDescribesEveryParameter(string cmdlet, string parameter)
    {
        var (output, errors) = session.Invoke($"(Get-Help {cmdlet} -Parameter {parameter}).Description | ForEach-Object Text");

        Assert.Empty(errors);
        Assert.True(string.Concat(output.Select(o => o.ToString())).Length > 20, $"{cmdlet} -{parameter} has no description");
    }

    [Theory]
    [InlineData("Import-Workflow", "ConstraintTools.Workflow")]
    [InlineData("ConvertFrom-WorkflowYaml", "ConstraintTools.Workflow")]
    [InlineData("ConvertTo-WorkflowDiagram", "System.String")]
    [InlineData("Measure-Workflow", "ConstraintTools.StageMetrics")]
    [InlineData("Measure-Improvement", "ConstraintTools.ImprovementResult")]
    [InlineData("Get-ConstraintPath", "ConstraintTools.ConstraintStep")]
    [InlineData("Import-WorkItemLog", "ConstraintTools.WorkItemLog")]
    [InlineData("ConvertTo-WorkItemLog", "ConstraintTools.WorkItemLog")]
    [InlineData("Get-CumulativeFlow", "ConstraintTools.CumulativeFlowPoint")]
    [InlineData("Get-WorkItemAge", "ConstraintTools.WorkItemAge")]
    [InlineData("ConvertTo-Workflow", "ConstraintTools.Workflow")]
    [InlineData("Get-Forecast", "ConstraintTools.Forecast")]
    [InlineData("Export-FlowReport", "System.IO.FileInfo")]
    public void DeclaresItsOutputType(string cmdlet, string type)
    {
        var (output, _) = session.Invoke($"(Get-Command {cmdlet}).OutputType | ForEach-Object Name");

        Assert.Equal(type, output.Single().ToString());
    }

    [Theory]
    [InlineData("Measure-Flow", "ConstraintTools.StageFlow,ConstraintTools.FlowSummary")]
    [InlineData("Test-Workflow", "ConstraintTools.AuditFinding,System.Boolean")]
    [InlineData("Find-Constraint", "ConstraintTools.ConstraintReport,ConstraintTools.FlowConstraintReport,ConstraintTools.ConstraintWindow")]
    [InlineData("Invoke-FlowSimulation", "ConstraintTools.SimulatedStage,ConstraintTools.SimulationSummary,ConstraintTools.WipSample,ConstraintTools.WorkItemLog")]
    public void DeclaresEveryOutputTypeOfACmdletWithTwo(string cmdlet, string types)
    {
        var (output, _) = session.Invoke($"(Get-Command {cmdlet}).OutputType | ForEach-Object Name");

        Assert.Equal(types.Split(','), output.Select(o => o.ToString()));
    }

    /// <summary>
    /// The help examples that read a work-item log, run as written from the repository root: each command's output,
    /// warnings included, is what the example shows. The inference and the fit behind them were redesigned and the
    /// help kept the old rules' output.
    /// </summary>
    [Theory]
    [InlineData("Find-Constraint", "7,8,9,10,11,12,13,14")]
    [InlineData("Invoke-FlowSimulation", "1,9")]
    [InlineData("ConvertTo-Workflow", "1,2,3,4,5,6")]
    [InlineData("Export-FlowReport", "1,2,4,5")]
    [InlineData("Import-WorkItemLog", "9,10,11")]
    [InlineData("ConvertTo-WorkItemLog", "6")]
    public void HelpExamplesFromALogShowWhatTheyPrint(string cmdlet, string numbers)
    {
        // An example may write a file next to the examples (Export-Workflow ./fitted.yaml); the repository keeps none.
        var before = new HashSet<string>(Directory.GetFiles(ModuleSession.RepoRoot));
        try
        {
            RunExamples(cmdlet, numbers);
        }
        finally
        {
            foreach (var written in Directory.GetFiles(ModuleSession.RepoRoot).Where(f => !before.Contains(f))) File.Delete(written);
        }
    }

    private static void RunExamples(string cmdlet, string numbers)
    {
        using var wide = new ModuleSession(width: 250);
        XNamespace command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        XNamespace maml = "http://schemas.microsoft.com/maml/2004/10";
        XNamespace dev = "http://schemas.microsoft.com/maml/dev/2004/10";
        var help = XDocument.Load(Path.Combine(ModuleSession.StagedModuleDir, "en-US", "ConstraintTools.PowerShell.dll-Help.xml"));
        var wanted = numbers.Split(',').Select(n => $"Example {n}:").ToList();
        var examples = help.Descendants(command + "command")
            .Single(c => c.Element(command + "details")!.Element(command + "name")!.Value == cmdlet)
            .Descendants(command + "example")
            .Where(e => wanted.Any(w => e.Element(maml + "title")!.Value.Contains(w)))
            .ToList();
        Assert.Equal(wanted.Count, examples.Count);

        foreach (var example in examples)
        {
            var lines = example.Element(dev + "code")!.Value.Replace("\r\n", "\n").Split('\n');
            for (var i = 0; i < lines.Length;)
            {
                if (!lines[i].StartsWith("PS> ", StringComparison.Ordinal)) { i++; continue; }
                var script = lines[i++].Substring(4);
                while (i < lines.Length && Incomplete(script)) script += "\n" + lines[i++];
                // Dot-sourced, so that the example's variables stay set for its next commands.
                var shown = new List<string>();
                while (i < lines.Length && !lines[i].StartsWith("PS> ", StringComparison.Ordinal)) shown.Add(lines[i++]);

                Assert.Equal(Trimmed(shown), Trimmed(wide.Render(". {\n" + script + "\n}").Replace("\r\n", "\n").Split('\n')));
            }
        }
    }

    private static bool Incomplete(string script)
    {
        Parser.ParseInput(script, out _, out var errors);
        return errors.Any(e => e.IncompleteInput);
    }

    private static string Trimmed(IEnumerable<string> lines) => string.Join("\n", lines.Select(l => l.TrimEnd())).Trim('\n');

    public void Dispose() => session.Dispose();
}
