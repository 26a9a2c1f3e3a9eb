using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace ConstraintTools.PowerShell.Tests;

/// <summary>Export-FlowReport through the hosted engine: writes, refuses to overwrite, honours -WhatIf, takes a log and a simulation.</summary>
public sealed class FlowReportCmdletTests : IDisposable
{
    private readonly ModuleSession session = new();
    private readonly string folder = Directory.CreateTempSubdirectory("ct-report-").FullName;

    private Dictionary<string, object?> Variables => new() { ["out"] = Path.Combine(folder, "report.html") };

    [Fact]
    public void WritesASelfContainedReportWithTheLogAndTheSimulation()
    {
        var (output, errors) = session.Invoke("""
            $w = Import-Workflow examples/delivery-log.yaml
            $sim = $w | Invoke-FlowSimulation -Duration 12w -Replications 3
            $w | Export-FlowReport $out -Log (Import-WorkItemLog examples/delivery-log.csv) -Simulation $sim -PassThru
            """, Variables);

        Assert.Empty(errors);
        var file = (FileInfo)output.Single().BaseObject;
        var document = XDocument.Parse(File.ReadAllText(file.FullName));
        var ids = document.Descendants().Select(e => (string?)e.Attribute("id")).Where(id => id != null).ToList();
        Assert.Equal(new[] { "constraint", "figures", "flow", "arrow", "utilization", "evidence", "improvements", "cumulative-flow", "lead-times", "ageing", "simulation" }, ids);
        Assert.Equal("Code Review", document.Descendants().Single(e => (string?)e.Attribute("id") == "constraint").Value);
    }

    [Fact]
    public void NeverOverwritesWithoutForceAndHonoursWhatIf()
    {
        var (_, first) = session.Invoke("Import-Workflow examples/code-review.yaml | Export-FlowReport $out", Variables);
        var written = File.ReadAllText(Path.Combine(folder, "report.html"));
        var (_, second) = session.Invoke("Import-Workflow examples/approver.yaml | Export-FlowReport $out", Variables);
        var (_, whatIf) = session.Invoke("Import-Workflow examples/approver.yaml | Export-FlowReport $out -Force -WhatIf", Variables);
        var unchanged = File.ReadAllText(Path.Combine(folder, "report.html"));
        var (_, forced) = session.Invoke("Import-Workflow examples/approver.yaml | Export-FlowReport $out -Force", Variables);

        Assert.Empty(first);
        Assert.Equal("FileExists,ConstraintTools.PowerShell.ExportFlowReportCommand", second.Single().FullyQualifiedErrorId);
        Assert.Empty(whatIf);
        Assert.Equal(written, unchanged);
        Assert.Empty(forced);
        Assert.Contains("<h1>Standard change request</h1>", File.ReadAllText(Path.Combine(folder, "report.html")));
        Assert.Single(Directory.GetFiles(folder)); // no temporary file left behind
    }

    [Fact]
    public void OneWorkflowPerFileAndASimulationMustBeOne()
    {
        var (_, many) = session.Invoke("Import-Workflow examples/code-review.yaml, examples/approver.yaml | Export-FlowReport $out", Variables);
        var (bad, _) = session.Invoke("try { Import-Workflow examples/code-review.yaml | Export-FlowReport $out -Force -Simulation 'not a simulation' } catch { $_.FullyQualifiedErrorId }", Variables);

        Assert.Equal("OneWorkflowPerReport,ConstraintTools.PowerShell.ExportFlowReportCommand", many.Single().FullyQualifiedErrorId);
        Assert.Equal("InvalidSimulation,ConstraintTools.PowerShell.ExportFlowReportCommand", bad.Single().ToString());
    }

    public void Dispose()
    {
        session.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
