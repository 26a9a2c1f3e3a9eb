using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace ConstraintTools.PowerShell.Tests;

/// <summary>Measure-Improvement, Get-ConstraintPath, Test-Workflow and Measure-Workflow -Horizon through the hosted engine.</summary>
public sealed class FocusingStepsCmdletTests : IDisposable
{
    private const string AiCoding = "$w = Import-Workflow examples/ai-coding.yaml; ";
    private readonly ModuleSession session = new();

    private static object? Get(PSObject o, string property) => o.Properties[property].Value;

    [Fact]
    public void ShowsThatFasterCodingAddsNoThroughput()
    {
        var (output, errors) = session.Invoke(AiCoding + "$w | Measure-Improvement Code -CapacityFactor 5");

        Assert.Empty(errors);
        var row = output.Single();
        Assert.Equal("ConstraintTools.ImprovementResult", row.TypeNames[0]);
        Assert.Equal(6.4, (double)Get(row, "ThroughputAfter")!, 12);
        Assert.Equal(0.0, (double)Get(row, "ThroughputGainPercent")!, 12);
        Assert.Equal("No throughput gain: Code is not the constraint (Review is); WIP in front of Review grows 1.6 items/week faster.", Get(row, "Verdict"));
    }

    [Fact]
    public void TriesTheChangeOnEveryStageWithoutAStage()
    {
        var (output, errors) = session.Invoke(AiCoding + "$w | Measure-Improvement -CapacityFactor 5 | Where-Object ThroughputGainPercent -gt 0");

        Assert.Empty(errors);
        Assert.Equal("Review", Get(output.Single(), "Stage"));
    }

    [Fact]
    public void TryingEveryStageShowsProgressAndRefusesAWorkflowTooLargeToTryStageByStage()
    {
        using var shell = System.Management.Automation.PowerShell.Create();
        shell.Runspace = session.Runspace;
        shell.AddScript(AiCoding + """
            $w | Measure-Improvement -CapacityFactor 2 | ForEach-Object Stage
            $huge = New-Workflow Huge -Demand 5 -Stage (1..15000 | ForEach-Object { New-WorkflowStage "S$_" -ServiceTime 1h })
            $huge | Measure-Improvement -CapacityFactor 2
            'after'
            """);

        var output = shell.Invoke();

        Assert.Equal(new[] { "Refinement", "Code", "Review", "Integration", "Go-to-market", "after" }, output.Select(o => o.ToString()));
        var progress = shell.Streams.Progress.Where(p => p.Activity == "Trying capacity x2 on each stage of AI-assisted delivery").ToList();
        Assert.Contains(progress, p => p.StatusDescription == "2 of 5 stages" && p.PercentComplete == 40);
        Assert.Equal(ProgressRecordType.Completed, progress[^1].RecordType);
        var error = shell.Streams.Error.Single();
        Assert.Equal("ImprovementTooLong,ConstraintTools.PowerShell.MeasureImprovementCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.LimitsExceeded, error.CategoryInfo.Category);
        Assert.Contains("each of the 15,000 stages", error.Exception.Message);
    }

    [Fact]
    public void AWrongStageNameListsTheValidOnes()
    {
        var (output, errors) = session.Invoke(AiCoding + "Measure-Improvement -Workflow $w -Stage Reveiw, Code -Servers 6");

        Assert.Equal("Code", Get(output.Single(), "Stage"));
        var error = errors.Single();
        Assert.Equal("StageNotFound,ConstraintTools.PowerShell.MeasureImprovementCommand", error.FullyQualifiedErrorId);
        Assert.Contains("has no stage 'Reveiw'; did you mean 'Review'? (stages: Refinement, Code, Review, Integration, Go-to-market)", error.Exception.Message);
    }

    [Fact]
    public void NoChangeIsATerminatingArgumentError()
    {
        var (output, errors) = session.Invoke(AiCoding + "$w | Measure-Improvement -Stage Code; 'next statement'");

        Assert.Equal("NoChangeGiven,ConstraintTools.PowerShell.MeasureImprovementCommand", errors.Single().FullyQualifiedErrorId);
        Assert.Contains("Give at least one change", errors.Single().Exception.Message);
        Assert.Equal("next statement", output.Single().ToString());
    }

    [Fact]
    public void CompletesStageNamesOfTheWorkflowGiven()
    {
        var script = AiCoding + "$line = 'Measure-Improvement -Workflow $w -Stage Re'; (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object CompletionText";

        var (output, errors) = session.Invoke(script);

        Assert.Empty(errors);
        Assert.Equal(new[] { "Refinement", "Review" }, output.Select(o => o.ToString()));
    }

    [Fact]
    public void QuotesCompletedNamesWithSpaces()
    {
        var script = "$w = Import-Workflow examples/hidden-ux-research.yaml; $line = 'Measure-Improvement -Workflow $w -Stage UX'; (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object CompletionText";

        var (output, _) = session.Invoke(script);

        Assert.Equal("'UX research'", output.Single().ToString());
    }

    [Fact]
    public void WalksTheConstraintPathToATarget()
    {
        var (output, errors) = session.Invoke(AiCoding + "$w | Get-ConstraintPath 10/week");

        Assert.Empty(errors);
        Assert.Equal(new[] { "Review", "Code" }, output.Select(o => (string)Get(o, "Stage")!));
        Assert.Equal(1.25, (double)Get(output[1], "CapacityFactor")!, 12);
        Assert.True((bool)Get(output[1], "TargetReached")!);
        var table = session.Render(AiCoding + "$w | Get-ConstraintPath -TargetThroughput 10");
        Assert.Contains("Review x1.56, Code x1.25", table);
        Assert.Contains("(target reached)", table);
    }

    [Fact]
    public void WarnsWhenTheTargetIsAlreadyMet()
    {
        var (output, _) = session.Invoke(AiCoding + "$w | Get-ConstraintPath -TargetThroughput 5 -WarningVariable warned -WarningAction SilentlyContinue; $warned | ForEach-Object Message");

        Assert.Contains("already meets the target", output.Single().ToString());
    }

    [Fact]
    public void AuditsAWorkflowAndAnswersQuietly()
    {
        var (findings, errors) = session.Invoke("Import-Workflow examples/approver.yaml | Test-Workflow | Where-Object Severity -eq Error");
        var (quiet, _) = session.Invoke("Import-Workflow examples/approver.yaml, examples/code-review.yaml | Test-Workflow -Quiet");

        Assert.Empty(errors);
        Assert.Equal("UnstableStage", Get(findings.Single(), "Rule"));
        Assert.Equal("CAB approval", Get(findings.Single(), "Stage"));
        Assert.Equal(new object[] { false, true }, quiet.Select(o => o.BaseObject));
    }

    [Fact]
    public void ProjectsWipOverAHorizon()
    {
        var (output, errors) = session.Invoke(AiCoding + "$w | Measure-Workflow -Horizon 12w | Where-Object Stage -eq Review");
        var table = session.Render(AiCoding + "$w | Measure-Workflow -Horizon ([timespan]::FromDays(84))");
        var (hours, _) = session.Invoke(AiCoding + "$w | Measure-Workflow -Horizon 2016 | Where-Object Stage -eq Review");
        var (days, _) = session.Invoke(AiCoding + "$w | Measure-Workflow -Horizon 84d | Where-Object Stage -eq Review");
        var (bad, _) = session.Invoke(AiCoding + "try { $w | Measure-Workflow -Horizon soon } catch { $_.FullyQualifiedErrorId }");

        Assert.Empty(errors);
        Assert.Equal(49, (double)Get(output.Single(), "ProjectedWip")!, 9);
        Assert.Contains("49 in 12w", table);
        Assert.Equal(49, (double)Get(hours.Single(), "ProjectedWip")!, 9); // a bare number is hours: 2016 h = 12 weeks
        Assert.Equal(49, (double)Get(days.Single(), "ProjectedWip")!, 9); // PowerShell reads 84d as the decimal 84: days
        Assert.Equal("ParameterArgumentTransformationError,ConstraintTools.PowerShell.MeasureWorkflowCommand", bad.Single().ToString());
    }

    [Fact]
    public void RendersImprovementsAndFindingsAsTables()
    {
        var improvements = session.Render(AiCoding + "$w | Measure-Improvement -Stage Review -CapacityFactor 5");
        var findings = session.Render("Import-Workflow examples/approver.yaml | Test-Workflow");

        Assert.Matches(@"Review\s+capacity x5\s+6\.4 -> 8\s+\+25%\s+unstable -> unstable\s+Review -> Code\s+Throughput rises 25%", improvements);
        Assert.Matches(@"Error\s+UnstableStage\s+CAB approval\s+CAB approval receives 9\.6 items/week", findings);
    }

    public void Dispose() => session.Dispose();
}
