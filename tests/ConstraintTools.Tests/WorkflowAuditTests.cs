using System.Linq;
using ConstraintTools.Queueing;
using ConstraintTools.Yaml;

namespace ConstraintTools.Tests;

/// <summary>Each audit rule fires where it should, with figures worked by hand.</summary>
public class WorkflowAuditTests
{
    private static AuditFinding[] Audit(string yaml) => WorkflowAudit.Run(WorkflowYaml.Parse(yaml)).ToArray();

    private static AuditFinding Only(AuditFinding[] findings, string rule, string stage) =>
        Assert.Single(findings, f => f.Rule == rule && f.Stage == stage);

    [Fact]
    public void AnOverloadedStageIsAnError()
    {
        // μ = 40/4 = 10 against 12 a week: grows 2 a week.
        var findings = Audit("name: x\ndemand: 12/week\nstages:\n  - name: Build\n    serviceTime: 4h\n");

        var unstable = Only(findings, "UnstableStage", "Build");
        Assert.Equal(AuditSeverity.Error, unstable.Severity);
        Assert.Equal("Build receives 12 items/week but finishes 10: its queue grows 2 items/week without end.", unstable.Message);
        Assert.Contains("by more than x1.2", unstable.Recommendation);
        Assert.Equal(AuditSeverity.Error, findings[0].Severity);
    }

    [Fact]
    public void AStageBelowCapacityWhoseWaitRunsToMillenniaSaysHowBusyItIs()
    {
        // te = 100,000 weeks, μ = 1e-5/week against 1.25e-6: 12.5 % busy; the wait, 0.125 / 8.75e-6 × (100 + 100) / 2 weeks,
        // is 1.4 million weeks, past what a TimeSpan holds.
        var findings = Audit("name: x\ndemand: { rate: 0.00000125, cv: 10 }\nstages:\n  - name: Build\n    serviceTime: 100000w\n    cv: 10\n");

        var unstable = Only(findings, "UnstableStage", "Build");
        Assert.Equal("Build is busy 12.5% of the time, but with a service time of 100000w, a cv of 10 and arrivals of cv 10 its mean wait runs to thousands of years: its queue never settles.", unstable.Message);
        Assert.Equal("Shorten Build's service time, cut the variability (cv) of its work and arrivals, or give it more capacity.", unstable.Recommendation);
    }

    [Fact]
    public void AStageAbove85PercentIsAWarning()
    {
        // ρ = 9/10; M/M/1 wait 0.9/(10 − 9) wk = 6.3 days.
        var high = Only(Audit("name: x\ndemand: 9/week\nstages:\n  - name: Review\n    serviceTime: 4h\n"), "HighUtilization", "Review");

        Assert.Equal(AuditSeverity.Warning, high.Severity);
        Assert.Equal("Review is busy 90% of the time: above 85% waiting grows steeply; here 6.3d per visit.", high.Message);
        Assert.DoesNotContain(Audit("name: x\ndemand: 8/week\nstages:\n  - name: Review\n    serviceTime: 4h\n"), f => f.Rule == "HighUtilization");
    }

    [Fact]
    public void NamesUnmeasuredStagesOnThePath()
    {
        var findings = Audit("name: x\ndemand: 1/week\nstages:\n  - name: UX\n  - name: Build\n    serviceTime: 1h\n    next:\n      - { to: Legal, probability: 0.25 }\n      - { to: done, probability: 0.75 }\n  - name: Legal\n");

        Assert.Equal("Nobody measures UX, which every item passes: it is left out of every figure.", Only(findings, "UnmeasuredStage", "UX").Message);
        Assert.Equal("Nobody measures Legal, which 25% of items pass: it is left out of every figure.", Only(findings, "UnmeasuredStage", "Legal").Message);
    }

    [Fact]
    public void ChecksWipAgainstItsLimitAndTheLimitAgainstLittlesLaw()
    {
        // Code: a = 8/wk, te = 20/40 wk = 0.5 wk, so 4 items are in service on average: a limit of 3 cannot
        // carry the demand. Test: ρ = 8/(40/3) = 0.6, M/M/1 (Code's departures stay Poisson) WIP =
        // ρ/(1 − ρ) = 1.5 items: a limit of 1 holds the service (0.6) but not the average WIP.
        var findings = Audit("""
            name: x
            demand: 8/week
            stages:
              - name: Code
                servers: 5
                serviceTime: 20h
                wip: 12
                wipLimit: 3
              - name: Test
                serviceTime: 3h
                wipLimit: 1
            """);

        Assert.Equal("Code holds 12 items against a WIP limit of 3.", Only(findings, "WipAboveLimit", "Code").Message);
        var tooLow = Only(findings, "WipLimitTooLow", "Code");
        Assert.Equal(AuditSeverity.Error, tooLow.Severity);
        Assert.Equal("Code's WIP limit of 3 cannot carry 8 items/week: by Little's law that takes 4 items in service alone.", tooLow.Message);
        var binding = Only(findings, "WipLimitTooLow", "Test");
        Assert.Equal(AuditSeverity.Warning, binding.Severity);
        Assert.Equal("Test's WIP limit of 1 is below the 1.5 items it holds on average at this demand (Little's law): the limit will block work upstream.", binding.Message);
    }

    [Fact]
    public void FlagsWipPiledAtANonConstraintBeyondTheConstraintsBuffer()
    {
        // Review is the constraint: ρ = 0.8, M/M/1 queue λ·Wq = ρ²/(1 − ρ) = 3.2 items. Build holds 9.
        var findings = Audit("name: x\ndemand: 8/week\nstages:\n  - name: Build\n    servers: 3\n    serviceTime: 8h\n    wip: 9\n  - name: Review\n    serviceTime: 4h\n    wip: 3\n");

        Assert.Equal("Build holds 9 items, more than the 3.2 the constraint Review keeps in its buffer: the extra work in progress only adds lead time.",
            Only(findings, "ExcessWipAtNonConstraint", "Build").Message);
        Assert.DoesNotContain(findings, f => f.Rule == "ExcessWipAtNonConstraint" && f.Stage == "Review");
    }

    [Fact]
    public void NamesStagesStarvedByTheConstraintAndDominantCadences()
    {
        // Deploy: 8/40 = 20% busy after Build. Lead time: Build 0.8/(10 − 8) wk = 67.2 h + 16.8 h;
        // Deploy 0.2/32 wk + 4.2 h = 5.25 h; Release waits 168 h (2w/2): 168/257.25 = 65.3%.
        var findings = Audit("name: x\ndemand: 8/week\nstages:\n  - name: Build\n    serviceTime: 4h\n  - name: Deploy\n    serviceTime: 1h\n  - name: Release\n    cadence: 2w\n");

        var starved = Only(findings, "StarvedStage", "Deploy");
        Assert.Equal(AuditSeverity.Info, starved.Severity);
        Assert.Equal("Deploy is busy only 20% of the time: it waits for Build.", starved.Message);
        Assert.Equal("Release releases every 2w; waiting for it is 65.3% of the lead time.", Only(findings, "CadenceDominatesLeadTime", "Release").Message);
        Assert.DoesNotContain(findings, f => f.Rule == "StarvedStage" && f.Stage == "Release");
    }

    [Fact]
    public void AHealthyWorkflowHasNoErrors()
    {
        Assert.DoesNotContain(Audit("name: x\ndemand: 4/week\nstages:\n  - name: Build\n    serviceTime: 4h\n"), f => f.Severity != AuditSeverity.Info);
    }
}
