using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ConstraintTools.Notation;
using ConstraintTools.Queueing;
using ConstraintTools.Yaml;

namespace ConstraintTools.Tests;

/// <summary>Measure-Improvement and Get-ConstraintPath on worked examples.</summary>
public class ImprovementTests
{
    private static Workflow Example(string name) =>
        WorkflowYaml.Load(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "examples", name));

    [Fact]
    public void RowsShareTheBaselineAndAnalyseTheChangedWorkflowOnlyWhenRead()
    {
        // 14,000 stages tried one by one held 20 GB when every row kept both of its reports.
        var workflow = Example("ai-coding.yaml");

        var rows = Improvement.CompareEach(workflow, new StageChange { CapacityFactor = 1.5 }).ToList();

        Assert.All(rows, row => Assert.Same(rows[0].Before, row.Before));
        Assert.All(rows, row => Assert.NotSame(row.After, row.After));
        Assert.All(rows, row => Assert.Equal(row.ThroughputAfter, row.After!.ThroughputPerWeek));
        Assert.All(rows, row => Assert.Equal(row.ConstraintAfter, row.After!.Constraint));
        Assert.DoesNotContain(typeof(ImprovementResult).GetProperties(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic),
            property => property.PropertyType == typeof(ConstraintReport) || property.PropertyType == typeof(StageMetrics[]));
    }

    [Fact]
    public void FasterCodingOnlyPilesWorkInFrontOfReview()
    {
        // Review: μ = 2 × 0.4 × 40 / 4 = 8/wk, visited 1.25 times: ceiling 8/1.25 = 6.4. Code (μ = 10)
        // also saturates and passes 10/wk to Review, so Review's queue grows 10 − 8 = 2. At five times
        // the speed Code passes all of 10 + 0.2 × 8 = 11.6: growth 3.6, 1.6 faster; throughput unchanged.
        var result = Improvement.Compare(Example("ai-coding.yaml"), "Code", new StageChange { CapacityFactor = 5 });

        Assert.Equal(6.4, result.ThroughputBefore, 12);
        Assert.Equal(6.4, result.ThroughputAfter, 12);
        Assert.Equal(0, result.ThroughputGainPercent, 12);
        Assert.Equal("Review", result.ConstraintBefore);
        Assert.Equal("Review", result.ConstraintAfter);
        Assert.Equal(2 + 1.6, result.QueueGrowthBefore, 12);
        Assert.Equal(3.6, result.QueueGrowthAfter, 12);
        Assert.Equal(2, result.Before!.Stages[2].QueueGrowthPerWeek, 12);
        Assert.Equal(3.6, result.After!.Stages[2].QueueGrowthPerWeek, 12);
        Assert.Null(result.LeadTimeAfter);
        Assert.Equal(6.4 * 4000, result.ValuePerWeekAfter!.Value, 9);
        Assert.Equal("No throughput gain: Code is not the constraint (Review is); WIP in front of Review grows 1.6 items/week faster.", result.Verdict);
    }

    [Fact]
    public void ElevatingTheConstraintRaisesThroughputUntilTheNextBinds()
    {
        // Review ×5: μ = 40, its ceiling 32; Code's ceiling 10/1.25 = 8 now binds: +25%.
        var result = Improvement.Compare(Example("ai-coding.yaml"), "review", new StageChange { CapacityFactor = 5 });

        Assert.Equal(8, result.ThroughputAfter, 12);
        Assert.Equal(25, result.ThroughputGainPercent, 9);
        Assert.Equal("Code", result.ConstraintAfter);
        Assert.StartsWith("Throughput rises 25% to 8 items/week; the constraint moves from Review to Code", result.Verdict);
    }

    [Fact]
    public void AChangeMatchesTheSameWorkflowEditedByHand()
    {
        const string line = "name: L\ndemand: 8/week\nstages:\n  - name: A\n    serviceTime: 4h\n  - name: B\n    servers: 2\n    serviceTime: {0}\n    availability: {1}\n";
        var baseline = WorkflowYaml.Parse(string.Format(line, "6h", "1"));
        var byHand = WorkflowAnalyzer.Analyze(WorkflowYaml.Parse(string.Format(line, "3h", "0.5")));

        var result = Improvement.Compare(baseline, "B", new StageChange { ServiceTime = WorkDuration.Parse("3h"), Availability = 0.5 });

        Assert.Equal(byHand.LeadTime, result.LeadTimeAfter);
        Assert.Equal(byHand.Wip!.Value, result.WipAfter!.Value, 12);
        Assert.Equal(byHand.Stages[1].WaitTime, result.After!.Stages[1].WaitTime);
        Assert.Equal("service time 3h, availability 50%", result.Change);
        Assert.Equal("A", result.ConstraintAfter);
        Assert.StartsWith("No throughput gain: B is not the constraint (A is); lead time ", result.Verdict);
    }

    [Fact]
    public void ServersAndAvailabilityScaleAStageGivenByItsCapacity()
    {
        var workflow = WorkflowYaml.Parse("name: C\ndemand: 5/week\nstages:\n  - name: Ops\n    servers: 2\n    capacity: 10/week\n");

        var result = Improvement.Compare(workflow, "Ops", new StageChange { Servers = 3, Availability = 0.5 });

        Assert.Equal(10 * 3 / 2.0 * 0.5, result.After!.Stages[0].CapacityPerWeek!.Value, 12);
    }

    [Fact]
    public void ACapacityFactorMakesAReleaseTrainRunMoreOften()
    {
        var workflow = WorkflowYaml.Parse("name: T\ndemand: 5/week\nstages:\n  - name: Build\n    serviceTime: 1h\n  - name: Release\n    cadence: 4w\n");

        var result = Improvement.Compare(workflow, "Release", new StageChange { CapacityFactor = 2 });

        Assert.Equal(TimeSpan.FromDays(7), result.After!.Stages[1].WaitTime);
        Assert.Equal(TimeSpan.FromDays(14), result.Before!.Stages[1].WaitTime);
    }

    [Fact]
    public void RefusesToChangeAnUnmeasuredStageOrOneThatDoesNotExist()
    {
        var workflow = Example("hidden-ux-research.yaml");

        var unmeasured = Assert.Throws<InputException>(() => Improvement.Compare(workflow, "UX research", new StageChange { CapacityFactor = 2 }));
        var missing = Assert.Throws<InputException>(() => Improvement.Compare(workflow, "Desing", new StageChange { CapacityFactor = 2 }));

        Assert.Contains("nobody measures stage 'UX research'", unmeasured.Message);
        Assert.Equal("stage", missing.Field);
        Assert.Contains("has no stage 'Desing'; did you mean 'Design'?", missing.Message);
        Assert.Contains("(stages: ", missing.Message);
    }

    [Fact]
    public void AServiceTimeMeasuresAStageSoOtherChangesApplyToo()
    {
        var workflow = Example("hidden-ux-research.yaml");

        var result = Improvement.Compare(workflow, "UX research", new StageChange { ServiceTime = WorkDuration.Parse("4h"), Servers = 2 });

        var stage = result.After!.Stages.Single(s => s.Stage == "UX research");
        Assert.Equal(2 * 40 / 4.0, stage.CapacityPerWeek!.Value, 12);
        Assert.Equal(workflow.Stages.Count, Improvement.CompareEach(workflow, new StageChange { ServiceTime = WorkDuration.Parse("4h"), CapacityFactor = 2 }).Count());
    }

    [Fact]
    public void TriesTheChangeOnEveryMeasuredStage()
    {
        var workflow = Example("hidden-ux-research.yaml");

        var results = Improvement.CompareEach(workflow, new StageChange { CapacityFactor = 2 }).ToList();

        Assert.Equal(workflow.Stages.Where(s => s.IsMeasured).Select(s => s.Name), results.Select(r => r.Stage));
    }

    [Fact]
    public void TwoStagesTiedAsTheConstraintGainNothingAlone()
    {
        // A and C both take 10 h for 5 a week at 40 h: loads equal, so 50 % more at either leaves the other binding.
        var workflow = WorkflowYaml.Parse("""
            name: Tied
            demand: { rate: 5/week }
            stages:
              - { name: A, serviceTime: 10h }
              - { name: B, serviceTime: 1h }
              - { name: C, serviceTime: 10h }
            """);

        var rows = Improvement.LargestCapacityGains(workflow, 1.5, 5);

        Assert.Equal(new[] { "A", "B", "C" }, rows.Select(r => r.Stage));
        Assert.All(rows, r => Assert.Equal(0, r.ThroughputGainPercent));
        Assert.Equal(4, rows[0].ThroughputAfter, 12);
    }

    [Fact]
    public void TheOneConstraintLeadsTheGainsWhereverItStands()
    {
        var workflow = WorkflowYaml.Parse("""
            name: Late constraint
            demand: { rate: 5/week }
            stages:
              - { name: A, serviceTime: 1h }
              - { name: B, serviceTime: 2h }
              - { name: C, serviceTime: 3h }
              - { name: D, serviceTime: 10h }
            """);

        var rows = Improvement.LargestCapacityGains(workflow, 1.5, 2);

        // D: 4/wk → 6/wk (5 demanded): +25 %; then the first stage, which gains nothing.
        Assert.Equal(new[] { "D", "A" }, rows.Select(r => r.Stage));
        Assert.Equal(25, rows[0].ThroughputGainPercent, 12);
        Assert.Equal(0, rows[1].ThroughputGainPercent);
    }

    [Fact]
    public void ThePathToATargetElevatesEachConstraintJustEnough()
    {
        // Loads V/μ: Review 1.25/8 = 0.15625, Code 1.25/10 = 0.125, Integration 0.075, Go-to-market
        // 1/15, Refinement 0.05. Target 10/wk means every load at most 0.1: Review first to 0.125
        // (x1.25, ceiling 8), then Code and Review together to 0.1 (x1.25 and x1.5625).
        var steps = ConstraintPath.Find(Example("ai-coding.yaml"), 10);

        Assert.Equal(2, steps.Count);
        Assert.Equal(("Review", 1.25, 8.0, "Code", false), (steps[0].Stage, steps[0].CapacityFactor, steps[0].ThroughputCeilingAfter, steps[0].NextConstraint, steps[0].TargetReached));
        Assert.Equal(1.5625, steps[0].Utilization, 12);
        Assert.Equal("Code", steps[1].Stage);
        Assert.Equal(1.25, steps[1].CapacityFactor, 12);
        Assert.Equal(10, steps[1].ThroughputCeilingAfter, 12);
        Assert.Equal(10, steps[1].ThroughputAfter, 12);
        Assert.True(steps[1].TargetReached);
        Assert.Null(steps[1].NextConstraint);
        Assert.Equal(1.5625, steps[1].Elevations["Review"], 12);
        Assert.Equal(1.25, steps[1].Elevations["Code"], 12);
    }

    [Fact]
    public void APathThroughAHundredThousandStagesHoldsEveryElevationWithoutCopyingThem()
    {
        // Stage i takes 1 + (i mod 7)/10 hours of a 40-hour week; a target of 1,000 a week (0.04 h each) elevates all.
        var stages = Enumerable.Range(1, 100_000).Select(i => new WorkflowStage("S" + i) { ServiceTimeHours = 1 + i % 7 / 10.0 }).ToArray();
        var workflow = new Workflow("Long line") { DemandPerWeek = 20, Stages = stages };

        var steps = ConstraintPath.Find(workflow, 1000);

        Assert.Equal(100_000, steps.Count);
        var plan = steps[^1].Elevations;
        Assert.Equal(100_000, plan.Count);
        Assert.Equal(1.6 * 1000 / 40, plan["s6"], 12);
        Assert.Equal(1.0 * 1000 / 40, plan["S7"], 12);
        Assert.Equal(1.6 / 1.5, steps[14_284].Elevations["S6"], 12); // the 1.6 h stages elevated to the 1.5 h ones' level
        Assert.False(steps[0].Elevations.ContainsKey("S7"));
        Assert.Equal("S6 x40, S13 x40, S20 x40, S27 x40, S34 x40 and 99995 more", plan.ToString());
        Assert.Equal(plan.Keys.Count(), new HashSet<string>(plan.Keys).Count);
    }

    [Fact]
    public void TryingEveryStageOfAHugeWorkflowIsRefusedBeforeAnyWork()
    {
        var stages = Enumerable.Range(1, 14_143).Select(i => new WorkflowStage("S" + i) { ServiceTimeHours = 1 }).ToArray();
        var workflow = new Workflow("Too many to try") { DemandPerWeek = 5, Stages = stages };

        var error = Assert.Throws<WorkLimitException>(() => Improvement.CompareEach(workflow, new StageChange { CapacityFactor = 2 }));

        Assert.Equal(WorkLimit.StageAnalyses, error.Limit);
        Assert.Equal("Trying the change on each of the 14,143 stages analyses the whole workflow 14,143 times (200,024,449 stage analyses), more than the 200,000,000 allowed (many minutes of work); name the stages to try.", error.Message);
        var justWithin = new Workflow("Just within") { DemandPerWeek = 5, Stages = stages[..14_142] };
        Assert.Equal(3, Improvement.CompareEach(justWithin, new StageChange { CapacityFactor = 2 }).Take(3).Count());
    }

    [Fact]
    public void ThePathIsEmptyWhenTheCeilingAlreadyMeetsTheTarget()
    {
        Assert.Empty(ConstraintPath.Find(Example("ai-coding.yaml"), 6));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConstraintPath.Find(Example("ai-coding.yaml"), 0));
    }

    [Fact]
    public void ProjectsWipOverAHorizon()
    {
        // Review holds 25 today and grows 2 a week: 25 + 2 × 12 = 49 after 12 weeks; Code 14 + 1.6 × 12.
        var report = WorkflowAnalyzer.Analyze(Example("ai-coding.yaml"), TimeSpan.FromDays(84));

        Assert.Equal(49, report.Stages[2].ProjectedWip!.Value, 9);
        Assert.Equal(14 + 1.6 * 12, report.Stages[1].ProjectedWip!.Value, 9);
        Assert.Equal(report.Stages[0].Wip, report.Stages[0].ProjectedWip);
        Assert.Equal(TimeSpan.FromDays(84), report.Stages[0].Horizon);
        Assert.Null(WorkflowAnalyzer.Analyze(Example("ai-coding.yaml")).Stages[2].ProjectedWip);
    }

    [Fact]
    public void PutsAValueOnThroughputAndOnWip()
    {
        var report = WorkflowAnalyzer.Analyze(Example("code-review.yaml"));

        Assert.Equal(8 * 4000, report.ValuePerWeek!.Value, 9);
        Assert.Equal(report.Wip!.Value * 4000, report.WipValue!.Value, 9);
        var faster = Improvement.Compare(Example("code-review.yaml"), "Review", new StageChange { Servers = 3 });
        Assert.Equal(faster.WipAfter!.Value * 4000, faster.WipValueAfter!.Value, 9);
        Assert.Equal(report.WipValue, faster.WipValueBefore);
        Assert.Null(WorkflowAnalyzer.Analyze(Example("ai-coding.yaml")).WipValue);
    }
}
