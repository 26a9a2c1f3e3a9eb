using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
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
            $sim = $w | Invoke-FlowSimulation -Duration 12w -Replications 3 -Summary
            $w | Export-FlowReport $out -Log (Import-WorkItemLog examples/delivery-log.csv) -Simulation $sim -PassThru
            """, Variables);

        Assert.Empty(errors);
        var file = (FileInfo)output.Single().BaseObject;
        var document = XDocument.Parse(File.ReadAllText(file.FullName));
        var ids = document.Descendants().Select(e => (string?)e.Attribute("id")).Where(id => id != null).ToList();
        // The log's verdict, stages, flow and windows lead; the model's figures follow under its own name.
        Assert.Equal(new[] { "verdict", "constraint", "log-evidence", "log-figures", "stages", "flow", "arrow", "moves", "over-time", "cumulative-flow", "lead-times", "ageing",
            "model-constraint", "model-beside-log", "figures", "utilization", "evidence", "improvements", "simulation" }, ids);
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

    private static readonly System.Xml.Linq.XNamespace Html = "http://www.w3.org/1999/xhtml";

    private static XElement ById(XDocument document, string id) => document.Descendants().Single(e => (string?)e.Attribute("id") == id);

    [Fact]
    public void TheHeadlineAndTheWindowsAreWhatFindConstraintSaysOfTheSameLog()
    {
        var (output, errors) = session.Invoke("""
            $p = Import-Workflow examples/logs/payments.yaml
            $log = Import-WorkItemLog examples/logs/jira-changelog.csv
            $log | Find-Constraint -Workflow $p
            $log | Find-Constraint -Workflow $p -Interval 2w
            $p | Export-FlowReport $out -Log $log -Interval 2w -PassThru
            """, Variables);

        Assert.Empty(errors);
        static string? Text(PSObject o, string property) => o.Properties[property].Value?.ToString();
        static double Hours(PSObject o, string property) => ((TimeSpan)o.Properties[property].Value).TotalHours;
        var found = output[0];
        var windows = output.Skip(1).Take(output.Count - 2).ToList();
        Assert.All(windows, w => Assert.Equal("ConstraintTools.ConstraintWindow", w.TypeNames[0]));
        var document = XDocument.Parse(File.ReadAllText(((FileInfo)output[^1].BaseObject).FullName));
        var verdict = ById(document, "verdict");
        Assert.Equal((Text(found, "Verdict"), Text(found, "Confidence"), Text(found, "Basis")),
            ((string?)verdict.Attribute("data-verdict"), (string?)verdict.Attribute("data-confidence"), (string?)verdict.Attribute("data-basis")));
        Assert.True((bool)found.Properties["StillFilling"].Value);
        Assert.Equal($"From the log, no stage is seen to constrain the flow yet: the stages were still filling, and more arrived than finished. The most loaded stage is {Text(found, "NextConstraint")}, busy 77% of the time. Confidence: {Text(found, "Confidence")}.", verdict.Value);
        Assert.Equal(((IEnumerable<string>)found.Properties["Evidence"].Value), ById(document, "log-evidence").Elements(Html + "li").Select(li => li.Value));
        var figures = ById(document, "log-figures").Elements(Html + "tr").ToDictionary(r => r.Element(Html + "th")!.Value, r => double.Parse((string)r.Element(Html + "td")!.Attribute("data-value")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((double)found.Properties["ThroughputPerWeek"].Value, figures["Throughput per week"]);
        Assert.Equal(Hours(PSObject.AsPSObject(found.Properties["Summary"].Value), "LeadTimeP95"), figures["Lead time p95"]);
        // A status mapping without service times: no model, so no model section.
        Assert.DoesNotContain(document.Descendants(), e => (string?)e.Attribute("id") is "figures" or "model-constraint" or "utilization");
        var rows = ById(document, "over-time").Elements(Html + "tr").Skip(1).ToList();
        Assert.Equal(4, windows.Count);
        Assert.Equal(windows.Select(w => (Text(w, "Verdict"), Text(w, "Confidence"))),
            rows.Select(r => ((string?)r.Attribute("data-verdict"), (string?)r.Attribute("data-confidence"))));
        Assert.Equal(windows.Select(w => ((DateTime)w.Properties["From"].Value).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), rows.Select(r => r.Elements(Html + "td").First().Value));
    }

    [Theory]
    [InlineData("-Log $log -Interval 0", "InvalidInterval")]
    [InlineData("-Log $log -Interval '-1.00:00:00'", "InvalidInterval")]
    [InlineData("-Interval 4w", "IntervalWithoutLog")]
    public void ABadOrLonelyIntervalIsRefusedBeforeAnyFileIsWritten(string parameters, string errorId)
    {
        var (output, errors) = session.Invoke($$"""
            $log = Import-WorkItemLog examples/delivery-log.csv
            try { Import-Workflow examples/delivery-log.yaml | Export-FlowReport $out {{parameters}} } catch { $_.FullyQualifiedErrorId; $_.CategoryInfo.Category }
            """, Variables);

        Assert.Empty(errors);
        Assert.Equal(new[] { errorId + ",ConstraintTools.PowerShell.ExportFlowReportCommand", "InvalidArgument" }, output.Select(o => o.ToString()));
        Assert.Empty(Directory.GetFiles(folder));
    }

    [Fact]
    public void TooManyWindowsAreAnErrorForThatReportAndWriteNoFile()
    {
        var (_, errors) = session.Invoke("""
            Import-Workflow examples/delivery-log.yaml | Export-FlowReport $out -Log (Import-WorkItemLog examples/delivery-log.csv) -Interval 1m
            """, Variables);

        var error = errors.Single();
        Assert.Equal("InvalidWindow,ConstraintTools.PowerShell.ExportFlowReportCommand", error.FullyQualifiedErrorId);
        Assert.Contains("at most 2,000 windows", error.Exception.Message);
        Assert.Empty(Directory.GetFiles(folder));
    }

    public void Dispose()
    {
        session.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
