using System;
using System.Linq;
using ConstraintTools.Queueing;
using ConstraintTools.Yaml;

namespace ConstraintTools.Tests;

/// <summary>μ, ρ = λV/μ, the constraint as argmax ρ, X_max = min μ/V, X = min(λ, X_max), and where the constraint goes next.</summary>
public class CapacityAndConstraintTests
{
    private const string Capacities = """
        name: Capacities
        calendar: { hoursPerDay: 6, daysPerWeek: 4 }
        demand: { rate: 5/week }
        stages:
          - name: Team
            servers: 3
            serviceTime: 1.5d
            availability: 0.8
          - name: Pipeline
            calendar: 24x7
            serviceTime: 2h
          - name: Approver
            capacity: 12/week
          - name: Train
            cadence: 2w
            batchSize: 30
          - name: Unlimited train
            cadence: 1w
        """;

    [Fact]
    public void CapacityFollowsServersAvailabilityAndEachStagesOwnCalendar()
    {
        var report = WorkflowAnalyzer.Analyze(WorkflowYaml.Parse(Capacities));

        // 1.5 working days of a 6-hour day is 9 h; 3 people at 80% of 24 h a week.
        Expect.Close(3 * 0.8 * 24 / 9.0, Expect.Stage(report, "Team").CapacityPerWeek, "μ[Team]");
        // An automated stage works all 168 calendar hours.
        Expect.Close(168 / 2.0, Expect.Stage(report, "Pipeline").CapacityPerWeek, "μ[Pipeline]");
        Expect.Close(12, Expect.Stage(report, "Approver").CapacityPerWeek, "μ[Approver]");
        // 2w of cadence is calendar time (336 h), not working time: 30 items per 2 weeks.
        Expect.Close(15, Expect.Stage(report, "Train").CapacityPerWeek, "μ[Train]");
        Assert.Null(Expect.Stage(report, "Unlimited train").CapacityPerWeek);

        Expect.Hours(9 / (0.8 * 24) * 168, Expect.Stage(report, "Team").ServiceTime, "te[Team]");
        Expect.Hours(2, Expect.Stage(report, "Pipeline").ServiceTime, "te[Pipeline]");
    }

    [Fact]
    public void OfferedLoadIsDemandTimesVisitsOverCapacity()
    {
        var report = WorkflowAnalyzer.Analyze(WorkflowYaml.Parse(Capacities));

        Expect.Close(5 / 6.4, Expect.Stage(report, "Team").Utilization, "ρ[Team]");
        Expect.Close(5 / 84.0, Expect.Stage(report, "Pipeline").Utilization, "ρ[Pipeline]");
        Expect.Close(5 / 12.0, Expect.Stage(report, "Approver").Utilization, "ρ[Approver]");
        Expect.Close(5 / 15.0, Expect.Stage(report, "Train").Utilization, "ρ[Train]");
        Assert.Equal(0, Expect.Stage(report, "Unlimited train").Utilization);

        Assert.Equal("Team", report.Constraint);
        Assert.True(Expect.Stage(report, "Team").IsConstraint);
        Assert.Single(report.Stages, s => s.IsConstraint);
        Assert.Equal("Approver", report.NextConstraint);
        Expect.Close(5 / 6.4, report.Utilization, "ρ₁");
        Expect.Close(5 / 12.0, report.NextUtilization, "ρ₂");
        Expect.Close(12 / 6.4, report.RelocationFactor, "ρ₁/ρ₂");
        Expect.Close(6.4, report.ThroughputCeilingPerWeek, "X_max");
        Expect.Close(5, report.ThroughputPerWeek, "X");
    }

    /// <summary>Build is not the slowest stage per item, but rework sends every item through it twice.</summary>
    private static Workflow Rework(double demand) => new("Rework doubles Build")
    {
        DemandPerWeek = demand,
        Stages = new[]
        {
            new WorkflowStage("Build") { CapacityPerWeek = 10 },
            new WorkflowStage("Check") { CapacityPerWeek = 50, Routes = new[] { new Route("Build", 0.5), new Route("Deploy", 0.5) } },
            new WorkflowStage("Deploy") { CapacityPerWeek = 8 },
        },
    };

    [Theory]
    [InlineData(3)]
    [InlineData(4.9)]
    [InlineData(7)]
    [InlineData(40)]
    public void TheConstraintIsTheHighestLoadNotTheLowestCapacity(double demand)
    {
        var workflow = Rework(demand);
        var independent = new IndependentModel(workflow);
        var ceiling = Enumerable.Range(0, independent.N).Min(i => independent.Capacity[i] / independent.Visits[i]);

        var report = WorkflowAnalyzer.Analyze(workflow);

        Assert.Equal("Build", report.Constraint);
        Assert.Equal("Deploy", report.NextConstraint);
        foreach (var stage in report.Stages)
            Expect.Close(independent.OfferedLoad(stage.Position - 1), stage.Utilization, $"ρ[{stage.Stage}]");
        Expect.Close(5, ceiling, "X_max by hand: 10 / 2 visits");
        Expect.Close(ceiling, report.ThroughputCeilingPerWeek, "X_max");
        Expect.Close(Math.Min(demand, ceiling), report.ThroughputPerWeek, "X = min(λ, X_max)");
        Expect.Close((2 / 10.0) / (1 / 8.0), report.RelocationFactor, "ρ₁/ρ₂");
    }

    [Fact]
    public void ATieGoesToTheEarliestStage()
    {
        // Powers of two, so both capacities are exactly 8/week and the tie is exact in floating point.
        var workflow = new Workflow("Tie")
        {
            DemandPerWeek = 4,
            Stages = new[]
            {
                new WorkflowStage("Fast") { ServiceTimeHours = 1 },
                new WorkflowStage("First") { ServiceTimeHours = 5 },
                new WorkflowStage("Middle") { ServiceTimeHours = 2 },
                new WorkflowStage("Second") { Servers = 2, ServiceTimeHours = 10 },
            },
        };

        var report = WorkflowAnalyzer.Analyze(workflow);

        Assert.Equal(Expect.Stage(report, "First").Utilization, Expect.Stage(report, "Second").Utilization);
        Assert.Equal("First", report.Constraint);
        Assert.Equal("Second", report.NextConstraint);
        Assert.Equal(1, report.RelocationFactor);
    }

    [Theory]
    [InlineData(1 - 1e-6, "X")]
    [InlineData(1 + 1e-6, "Y")]
    public void TheConstraintMovesWhenItsCapacityGrowsByTheRelocationFactor(double nudge, string expected)
    {
        Workflow Line(double x) => new("Relocation")
        {
            DemandPerWeek = 9,
            Stages = new[]
            {
                new WorkflowStage("X") { CapacityPerWeek = x },
                new WorkflowStage("Y") { CapacityPerWeek = 12 },
                new WorkflowStage("Z") { CapacityPerWeek = 30 },
            },
        };
        var before = WorkflowAnalyzer.Analyze(Line(10));
        Expect.Close(1.2, before.RelocationFactor, "ρ₁/ρ₂ = 0.9/0.75");

        var after = WorkflowAnalyzer.Analyze(Line(10 * before.RelocationFactor!.Value * nudge));

        Assert.Equal(expected, after.Constraint);
    }

    [Fact]
    public void AnUnmeasuredStageIsNeverTheConstraintButIsNamed()
    {
        var workflow = new Workflow("Hidden")
        {
            DemandPerWeek = 30,
            Stages = new[]
            {
                new WorkflowStage("Intake") { ServiceTimeHours = 1 },
                new WorkflowStage("UX research") { Routes = new[] { new Route("UX research", 0.5), new Route("Build", 0.5) } },
                new WorkflowStage("Build") { Servers = 2, ServiceTimeHours = 2.5 },
            },
        };
        var independent = new IndependentModel(workflow);

        var report = WorkflowAnalyzer.Analyze(workflow);

        var hidden = Expect.Stage(report, "UX research");
        Assert.Equal(new[] { "UX research" }, report.UnmeasuredStages);
        Assert.False(hidden.IsMeasured);
        Assert.False(hidden.IsConstraint);
        Assert.Null(hidden.Utilization);
        Assert.Null(hidden.WaitTime);
        Assert.Null(hidden.Wip);
        Assert.Null(hidden.CapacityPerWeek);
        Assert.True(hidden.IsStable);
        Assert.Equal(0, hidden.QueueGrowthPerWeek);
        Expect.Close(2, hidden.VisitRatio, "V[UX research] = 1/(1 − 0.5)");
        Assert.Equal("Build", report.Constraint);
        Assert.Equal("Intake", report.NextConstraint);

        // Lead time counts only the measured stages: an M/M/1 at 30 of 40 and an M/M/2 at 30 of 32.
        var lead = new[] { 0, 2 }.Sum(i => independent.MmmWaitWeeks(i, 30) + independent.ServiceWeeks[i]) * 168;
        Expect.Hours(lead, report.LeadTime, "lead time");
    }

    [Fact]
    public void WithOnlyUnmeasuredStagesThereIsNoConstraintAndNoCeiling()
    {
        var workflow = new Workflow("Blind")
        {
            DemandPerWeek = 7,
            Stages = new[] { new WorkflowStage("Ask"), new WorkflowStage("Wait") },
        };

        var report = WorkflowAnalyzer.Analyze(workflow);

        Assert.Null(report.Constraint);
        Assert.Null(report.ThroughputCeilingPerWeek);
        Assert.Null(report.NextConstraint);
        Assert.Null(report.RelocationFactor);
        Assert.Equal(7, report.ThroughputPerWeek);
        Assert.Equal(new[] { "Ask", "Wait" }, report.UnmeasuredStages);
        // Nothing measured gives no lead time or WIP, not a lead time of 0.
        Assert.Null(report.LeadTime);
        Assert.Null(report.Wip);
        Assert.Null(report.FlowEfficiency);
    }

    [Fact]
    public void AStageNoWorkReachesCannotBeTheConstraint()
    {
        var workflow = new Workflow("Bypassed")
        {
            DemandPerWeek = 2,
            EntryStage = "Build",
            Stages = new[]
            {
                new WorkflowStage("Legacy") { ServiceTimeHours = 400 },
                new WorkflowStage("Build") { ServiceTimeHours = 10 },
                new WorkflowStage("Ship") { ServiceTimeHours = 5 },
            },
        };

        var report = WorkflowAnalyzer.Analyze(workflow);

        Assert.Equal("Build", report.Constraint);
        Assert.Equal("Ship", report.NextConstraint);
        Assert.Equal(0, Expect.Stage(report, "Legacy").Utilization);
        Expect.Close(4, report.ThroughputCeilingPerWeek, "X_max over reachable stages: 40 h / 10 h");
    }

    [Fact]
    public void AnAbsurdlyLongServiceTimeReadsAsAnUnstableConstraintNotAnOverflow()
    {
        // 1e20 hours is far past TimeSpan.MaxValue (about 2.6e12 h); the analysis must not overflow on it.
        var report = WorkflowAnalyzer.Analyze(WorkflowYaml.Parse("""
            name: Absurd
            demand: { rate: 5/week }
            stages:
              - name: Slow
                serviceTime: 1e20h
              - name: Quick
                serviceTime: 1h
            """));

        Assert.Equal("Slow", report.Constraint);
        Expect.Close(5 * 1e20 / 40, report.Utilization!.Value, "ρ = λ·S with 40 working hours a week");
        Assert.False(report.IsStable);
        Assert.Null(report.LeadTime);
    }
}
