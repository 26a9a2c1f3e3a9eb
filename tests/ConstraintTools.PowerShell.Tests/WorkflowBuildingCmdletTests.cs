using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;

namespace ConstraintTools.PowerShell.Tests;

/// <summary>New-WorkflowStage, New-Workflow, Export-Workflow and ConvertTo-WorkflowYaml through the hosted engine.</summary>
public sealed class WorkflowBuildingCmdletTests : IDisposable
{
    // Rows as Import-Csv makes them: every cell a string, empty where the sheet is blank. Worked by
    // hand at 8 items a week: Review is visited 1/(1 − 0.2) = 1.25 times, so Build and Review see
    // 10 a week. Intake μ = 0.5 × 40 h / 1 h = 20 (ρ 0.4); Build μ = 5 × 40 / 12 = 16.67 (ρ 0.6);
    // Review μ = 2 × 0.5 × 40 / 3.5 = 80/7 (ρ 0.875); Deploy μ = 50 (ρ 0.16). The constraint is
    // Review; the ceiling is (80/7) / 1.25 = 64/7 a week; relieved by 0.875/0.6 it moves to Build.
    private const string Rows = """
        $rows = @(
            [pscustomobject]@{ Name = 'Intake'; Servers = ''; ServiceTime = '1h'; Capacity = ''; Availability = '50%'; Calendar = ''; Next = ''; States = 'New;Triage'; Queue = '' }
            [pscustomobject]@{ Name = 'Build'; Servers = '5'; ServiceTime = '1.5d'; Capacity = ''; Availability = ''; Calendar = ''; Next = ''; States = 'In Progress'; Queue = 'Ready for Dev' }
            [pscustomobject]@{ Name = 'Review'; Servers = '2'; ServiceTime = '3.5h'; Capacity = ''; Availability = '0.5'; Calendar = ''; Next = 'Build:0.2,Deploy:0.8'; States = ''; Queue = '' }
            [pscustomobject]@{ Name = 'Deploy'; Servers = ''; ServiceTime = ''; Capacity = '50/week'; Availability = ''; Calendar = '24x7'; Next = 'done'; States = ''; Queue = '' }
        )

        """;

    private const string Build = Rows + "$w = $rows | New-WorkflowStage | New-Workflow -Name Delivery -Demand 8/week; ";

    private readonly ModuleSession session = new();
    private readonly string folder = Directory.CreateTempSubdirectory("ct-build-tests-").FullName;

    // The engine's types come from the staged module's assemblies, not from this project, so they are read dynamically.
    private static dynamic[] Items(object list) => ((IEnumerable)list).Cast<dynamic>().ToArray();

    [Fact]
    public void RowsShapedLikeACsvMakeAWorkflowWithTheHandComputedConstraint()
    {
        var (output, errors) = session.Invoke(Rows + "$rows | New-WorkflowStage | New-Workflow -Name Delivery -Demand 8/week | Find-Constraint");

        Assert.Empty(errors);
        dynamic report = output.Single();
        Assert.Equal("Review", (string)report.Constraint);
        Assert.Equal(0.875, (double)report.Utilization, 12);
        Assert.Equal(8, (double)report.ThroughputPerWeek, 12);
        Assert.Equal(64.0 / 7, (double)report.ThroughputCeilingPerWeek, 12);
        Assert.Equal("Build", (string)report.NextConstraint);
        Assert.Equal(0.875 / 0.6, (double)report.RelocationFactor, 12);
        Assert.Equal(new[] { 0.4, 0.6, 0.875, 0.16 }, Items((object)report.Stages).Select(s => Math.Round((double)s.Utilization, 12)));
    }

    [Fact]
    public void EmptyCellsTakeTheDefaultsAndTextCellsAreRead()
    {
        var (output, errors) = session.Invoke(Build + "$w.Stages");

        Assert.Empty(errors);
        Assert.All(output, o => Assert.Equal("ConstraintTools.WorkflowStage", o.TypeNames[0]));
        dynamic[] stages = output.ToArray();
        var intake = stages[0];
        Assert.Equal(1, (int)intake.Servers);
        Assert.Equal(1.0, (double)intake.Cv);
        Assert.Equal(0.5, (double)intake.Availability);
        Assert.Null(intake.Calendar);
        Assert.Empty(Items((object)intake.Routes));
        Assert.Equal(new[] { "New", "Triage" }, (IEnumerable<string>)intake.States);
        Assert.Empty(Items((object)intake.QueueStates));
        Assert.Equal(12.0, (double)stages[1].ServiceTimeHours); // 1.5 working days of the default 8 h
        Assert.Equal(new[] { ("Build", 0.2), ("Deploy", 0.8) }, Items((object)stages[2].Routes).Select(r => ((string)r.To, (double)r.Probability)));
        var deploy = stages[3];
        Assert.Equal(50.0, (double)deploy.CapacityPerWeek);
        Assert.Equal(168.0, (double)deploy.Calendar.HoursPerWeek);
        Assert.True((bool)Items((object)deploy.Routes).Single().Exits);
    }

    [Fact]
    public void ParametersTakeTheWorkflowNotation()
    {
        var (output, errors) = session.Invoke("""
            New-WorkflowStage Smoke -ServiceTime 1d -Calendar 24x7 -Cv 0.3 -Availability 10% -Wip 4 -WipLimit 6 -States 'Running;Queued', 'Flaky' -Queue Waiting
            New-WorkflowStage Train -Cadence 2w -BatchSize 30
            New-WorkflowStage Rework -ServiceTime 90 -Next @{ to = 'Smoke'; probability = 0.25 }, @{ To = 'DONE'; Probability = '75%' }
            New-WorkflowStage Copy -Servers 3 -Capacity 2/day -Next ([ConstraintTools.Route]::new('Train', 1))
            """);

        Assert.Empty(errors);
        dynamic[] stages = output.ToArray();
        var smoke = stages[0];
        Assert.Equal(24.0, (double)smoke.ServiceTimeHours); // a day of a 24x7 stage
        Assert.Equal(0.3, (double)smoke.Cv);
        Assert.Equal(0.1, (double)smoke.Availability, 15);
        Assert.Equal((4, 6), ((int)smoke.ObservedWip, (int)smoke.WipLimit));
        Assert.Equal(new[] { "Running", "Queued", "Flaky" }, (IEnumerable<string>)smoke.States);
        Assert.Equal(new[] { "Waiting" }, (IEnumerable<string>)smoke.QueueStates);
        Assert.Equal(TimeSpan.FromDays(14), (TimeSpan)stages[1].Cadence); // calendar time
        Assert.Equal(30, (int)stages[1].BatchSize);
        Assert.Equal(90.0, (double)stages[2].ServiceTimeHours);
        Assert.Equal(new[] { ("Smoke", 0.25), ((string?)null, 0.75) }, Items((object)stages[2].Routes).Select(r => ((string?)r.To, (double)r.Probability)));
        Assert.Equal((3, 14.0), ((int)stages[3].Servers, (double)stages[3].CapacityPerWeek));
        Assert.Equal("Train", (string)Items((object)stages[3].Routes).Single().To);
    }

    [Fact]
    public void ATimeSpanServiceTimeIsThatManyHoursOfWork()
    {
        var (output, errors) = session.Invoke("""
            New-WorkflowStage Review -ServiceTime ([TimeSpan]::FromMinutes(90))
            New-WorkflowStage Audit -ServiceTime ([TimeSpan]::FromDays(1.5))
            """);

        Assert.Empty(errors);
        Assert.Equal(new[] { 1.5, 36.0 }, output.Select(stage => (double)((dynamic)stage).ServiceTimeHours));
    }

    [Fact]
    public void ACvAboveTenIsRefusedNamingTheStage()
    {
        var (output, errors) = session.Invoke("New-WorkflowStage Review -ServiceTime 4h -Cv 5e4; New-WorkflowStage Test -ServiceTime 1h -Cv 10 | ForEach-Object Cv");

        Assert.Equal(10.0, output.Single().BaseObject);
        var error = errors.Single();
        Assert.Equal("InvalidStageValue,ConstraintTools.PowerShell.NewWorkflowStageCommand", error.FullyQualifiedErrorId);
        Assert.Equal("Stage 'Review', -Cv: the cv must be from 0 to 10, not 50000: beyond that a rare few items take nearly all the time, which no simulation of a sensible length sees.", error.Exception.Message);
    }

    [Fact]
    public void ABadRowIsANonTerminatingErrorAndTheOtherRowsStillMakeStages()
    {
        var (output, errors) = session.Invoke("""
            @(
                [pscustomobject]@{ Name = 'A'; Servers = '2'; ServiceTime = '4h'; Availability = ''; Next = '' }
                [pscustomobject]@{ Name = 'B'; Servers = 'two'; ServiceTime = 'soon'; Availability = ''; Next = '' }
                [pscustomobject]@{ Name = 'C'; Servers = ''; ServiceTime = '2h'; Availability = '150%'; Next = '' }
                [pscustomobject]@{ Name = 'D'; Servers = ''; ServiceTime = '2h'; Availability = ''; Next = 'A:0.5,done:0.4' }
                [pscustomobject]@{ Name = 'E'; Servers = ''; ServiceTime = ''; Availability = ''; Next = 'A,done' }
                [pscustomobject]@{ Name = ''; Servers = ''; ServiceTime = '1h'; Availability = ''; Next = '' }
                [pscustomobject]@{ Name = 'F'; Servers = '1'; ServiceTime = '1h'; Availability = ''; Next = 'E' }
            ) | New-WorkflowStage
            """);

        Assert.Equal(new[] { "A", "F" }, output.Select(o => o.Properties["Name"].Value));
        Assert.All(errors, e =>
        {
            Assert.Equal("InvalidStageValue,ConstraintTools.PowerShell.NewWorkflowStageCommand", e.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
        });
        Assert.Equal(new[]
        {
            "Stage 'B': -Servers 'two' is not a whole number.",
            "Stage 'B': -ServiceTime 'soon' is not a duration; write 30m, 4h, 1.5d, 2w, a TimeSpan or a number of hours.",
            "Stage 'C', -Availability: availability must be above 0 and at most 1 (a share of working time).",
            "Stage 'D', -Next: the probabilities of next sum to 0.9, not 1.",
            "Stage 'E': -Next names 2 stages; give each a probability, e.g. 'Build:0.3,Deploy:0.7'.",
            "A stage without a name: -Name is empty; every stage needs a name.",
        }, errors.Select(e => e.Exception.Message));
        Assert.Equal("B", ((PSObject)errors[0].TargetObject).Properties["Name"].Value);
    }

    [Fact]
    public void AnInvalidWorkflowStopsOnlyTheNewWorkflowStatement()
    {
        var (output, errors) = session.Invoke("""
            New-WorkflowStage Build -ServiceTime 1d -Next Reveiw | New-Workflow -Name Broken -Demand 3
            'next statement'
            """);

        var error = errors.Single();
        Assert.Equal("InvalidWorkflow,ConstraintTools.PowerShell.NewWorkflowCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Contains("next 'Reveiw' names no stage", error.Exception.Message);
        Assert.Equal("next statement", output.Single().ToString());
    }

    [Fact]
    public void NewWorkflowSetsTheWorkflowFields()
    {
        var (output, errors) = session.Invoke(
            "(New-WorkflowStage A -ServiceTime 2h), (New-WorkflowStage B -ServiceTime 1h) | " +
            "New-Workflow Flow -Demand 2/day -DemandCv 0.5 -EntryStage B -Value 1200 -HoursPerDay 6 -DaysPerWeek 4 -DoneStates Done, Shipped");

        Assert.Empty(errors);
        dynamic workflow = output.Single();
        Assert.Equal("ConstraintTools.Workflow", output.Single().TypeNames[0]);
        Assert.Equal("Flow", (string)workflow.Name);
        Assert.Equal(14, (double)workflow.DemandPerWeek, 12);
        Assert.Equal(0.5, (double)workflow.DemandCv);
        Assert.Equal("B", (string)workflow.EntryStage);
        Assert.Equal(1200.0, (double)workflow.ValuePerItem);
        Assert.Equal((6.0, 4.0), ((double)workflow.Calendar.HoursPerDay, (double)workflow.Calendar.DaysPerWeek));
        Assert.Equal(new[] { "Done", "Shipped" }, (IEnumerable<string>)workflow.DoneStates);
        Assert.Equal(new[] { "A", "B" }, Items((object)workflow.Stages).Select(s => (string)s.Name));
    }

    [Fact]
    public void ExportWritesAFileThatImportReadsToTheSameFigures()
    {
        var path = Path.Combine(folder, "delivery.yaml");

        var (output, errors) = session.Invoke(Build + $"$w | Export-Workflow -Path '{path}' -PassThru; $w | Find-Constraint; Import-Workflow '{path}' | Find-Constraint");

        Assert.Empty(errors);
        Assert.Equal(path, ((FileInfo)output[0].BaseObject).FullName);
        AssertSameFigures(output[1], output[2]);
        Assert.StartsWith("# Written by ConstraintTools Export-Workflow\n", File.ReadAllText(path));
        Assert.Equal(new[] { "delivery.yaml" }, Directory.GetFiles(folder).Select(Path.GetFileName));
    }

    [Fact]
    public void WhatIfWritesNothing()
    {
        var path = Path.Combine(folder, "delivery.yaml");
        var kept = Path.Combine(folder, "kept.yaml");
        File.WriteAllText(kept, "keep me");

        var (output, errors) = session.Invoke(Build + $"$w | Export-Workflow '{path}' -WhatIf -PassThru; $w | Export-Workflow '{kept}' -Force -WhatIf");

        Assert.Empty(errors);
        Assert.Empty(output);
        Assert.False(File.Exists(path));
        Assert.Equal("keep me", File.ReadAllText(kept));
        Assert.Single(Directory.GetFiles(folder));
    }

    [Fact]
    public void AnExistingFileIsOverwrittenOnlyWithForce()
    {
        var path = Path.Combine(folder, "delivery.yaml");
        File.WriteAllText(path, "keep me");

        var (_, refused) = session.Invoke(Build + $"$w | Export-Workflow -LiteralPath '{path}'; 'next'");
        var keptText = File.ReadAllText(path);
        var (_, forced) = session.Invoke(Build + $"$w | Export-Workflow -LiteralPath '{path}' -Force");

        var error = refused.Single();
        Assert.Equal("FileExists,ConstraintTools.PowerShell.ExportWorkflowCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);
        Assert.Equal(path, error.TargetObject);
        Assert.Contains(path, error.Exception.Message);
        Assert.Equal("keep me", keptText);
        Assert.Empty(forced);
        Assert.StartsWith("# Written by ConstraintTools Export-Workflow", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(folder));
    }

    [Fact]
    public void ASecondWorkflowForTheSamePathIsRefused()
    {
        var path = Path.Combine(folder, "both.yaml");

        var (_, errors) = session.Invoke(Build + $"$other = New-WorkflowStage X -ServiceTime 1h | New-Workflow Other; $w, $other | Export-Workflow '{path}'");

        Assert.Equal("OneWorkflowPerFile,ConstraintTools.PowerShell.ExportWorkflowCommand", errors.Single().FullyQualifiedErrorId);
        Assert.Contains("name: Delivery\n", File.ReadAllText(path));
    }

    [Fact]
    public void AFolderThatDoesNotExistIsAnErrorAndLeavesNoFileBehind()
    {
        var path = Path.Combine(folder, "missing", "delivery.yaml");

        var (_, errors) = session.Invoke(Build + $"$w | Export-Workflow '{path}'");

        Assert.Equal("WorkflowWriteFailed,ConstraintTools.PowerShell.ExportWorkflowCommand", errors.Single().FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, errors.Single().CategoryInfo.Category);
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public void ARelativePathIsTheSessionsCurrentFolder()
    {
        var (output, errors) = session.Invoke(Build + $"[void]$ExecutionContext.SessionState.Path.SetLocation('{folder}'); $w | Export-Workflow ./relative.yaml -PassThru");

        Assert.Empty(errors);
        Assert.Equal(Path.Combine(folder, "relative.yaml"), ((FileInfo)output.Single().BaseObject).FullName);
    }

    [Fact]
    public void ConvertToWorkflowYamlRoundTripsThroughConvertFrom()
    {
        var (output, errors) = session.Invoke(Build + "$yaml = $w | ConvertTo-WorkflowYaml; $yaml.GetType().Name; $w | Find-Constraint; $yaml | ConvertFrom-WorkflowYaml | Find-Constraint");

        Assert.Empty(errors);
        Assert.Equal("String", output[0].ToString());
        AssertSameFigures(output[1], output[2]);
    }

    [Theory]
    [InlineData("New-WorkflowStage", "ConstraintTools.WorkflowStage")]
    [InlineData("New-Workflow", "ConstraintTools.Workflow")]
    [InlineData("Export-Workflow", "System.IO.FileInfo")]
    [InlineData("ConvertTo-WorkflowYaml", "System.String")]
    public void DeclaresItsOutputType(string cmdlet, string type)
    {
        var (output, _) = session.Invoke($"(Get-Command {cmdlet}).OutputType | ForEach-Object Name");

        Assert.Equal(type, output.Single().ToString());
    }

    /// <summary>Every figure of two constraint reports and of their stages, compared exactly.</summary>
    [Fact]
    public void RendersStagesAsATable()
    {
        var table = session.Render("[pscustomobject]@{ Name = 'Build'; Servers = '3'; ServiceTime = '1.5d' }, [pscustomobject]@{ Name = 'Review'; Capacity = '10/week'; Next = 'Build:0.3,done:0.7' } | New-WorkflowStage");

        Assert.Matches(@"Build\s+3\s+12h\s+1\s+100\.0%\s+\(next in list\)", table);
        Assert.Matches(@"Review\s+1\s+10\s+1\s+100\.0%\s+Build \(0\.3\), done \(0\.7\)", table);
    }

    private static void AssertSameFigures(PSObject expected, PSObject actual)
    {
        Assert.Equal(Figures(expected), Figures(actual));
        Assert.NotEmpty(Figures(expected));
    }

    private static List<object?> Figures(PSObject report)
    {
        var stages = ((IEnumerable)report.Properties["Stages"].Value).Cast<object>().Select(PSObject.AsPSObject);
        return report.Properties.Where(p => p.Name != "Stages").Concat(stages.SelectMany(s => s.Properties))
            .Select(p => p.Value is string or ValueType or null ? p.Value : string.Join("\n", ((IEnumerable)p.Value).Cast<object>()))
            .ToList();
    }

    public void Dispose()
    {
        session.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
