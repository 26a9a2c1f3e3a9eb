using System;
using System.Linq;
using ConstraintTools.Queueing;
using ConstraintTools.Reports;

namespace ConstraintTools.Tests;

/// <summary>
/// Overload: departures d = min(a, μ), arrivals a = λe + Pᵀd at the fixed point, growth g = a − d.
/// Every item that enters either leaves or piles up: λ = Σ exits + Σ g.
/// </summary>
public class FluidModelTests
{
    private static void AssertMatchesFixedPoint(Workflow workflow, ConstraintReport report)
    {
        var model = new IndependentModel(workflow);
        var arrivals = model.FluidArrivals();
        var exits = 0.0;
        foreach (var stage in report.Stages)
        {
            var i = stage.Position - 1;
            var departures = Math.Min(arrivals[i], model.Capacity[i]);
            Expect.Close(departures, stage.ThroughputPerWeek, $"d[{stage.Stage}]", absolute: 1e-12);
            Expect.Close(arrivals[i] - departures, stage.QueueGrowthPerWeek, $"g[{stage.Stage}]", absolute: 1e-9 * model.Lambda);
            Assert.True(stage.IsStable == arrivals[i] < model.Capacity[i], $"{stage.Stage}: stable means a < μ");
            Assert.True(stage.WaitTime.HasValue == (stage.IsStable && stage.IsMeasured), $"{stage.Stage}: a wait exactly where stable and measured");
            exits += departures * model.Exit[i];
        }
        Expect.Close(model.Lambda, exits + report.Stages.Sum(s => s.QueueGrowthPerWeek), "λ = Σ exits + Σ g");
    }

    [Fact]
    public void AnOverloadedUpstreamStageThrottlesTheStagesAfterIt()
    {
        var workflow = new Workflow("Throttled")
        {
            DemandPerWeek = 12,
            Stages = new[]
            {
                new WorkflowStage("A") { CapacityPerWeek = 10 },
                new WorkflowStage("B") { CapacityPerWeek = 6 },
                new WorkflowStage("C") { CapacityPerWeek = 8 },
            },
        };

        var report = WorkflowAnalyzer.Analyze(workflow);

        AssertMatchesFixedPoint(workflow, report);
        var (a, b, c) = (report.Stages[0], report.Stages[1], report.Stages[2]);
        Expect.Close(2, a.QueueGrowthPerWeek, "g[A] = 12 − 10");
        Expect.Close(4, b.QueueGrowthPerWeek, "g[B] = 10 − 6");
        Assert.Equal(0, c.QueueGrowthPerWeek);
        Expect.Close(1, b.BusyFraction, "B runs flat out");
        Expect.Close(0.75, c.BusyFraction, "C is fed only B's 6 of its 8");
        // C's offered load is 12/8, but only 6 a week ever reach it: it is stable and has a finite wait.
        Expect.Close(1.5, c.Utilization, "ρ[C] is the offered load");
        Assert.True(c.IsStable);
        Assert.False(a.IsStable);
        Assert.False(b.IsStable);
        Assert.Null(a.WaitTime);
        Assert.Null(b.WaitTime);
        Assert.Null(b.Wip);
        Expect.Hours(IndependentMath.MmmWait(1, 6, 8) * 168, c.WaitTime, "Wq[C] at the throttled rate");
        Expect.Close(6 * (IndependentMath.MmmWait(1, 6, 8) + 1 / 8.0), c.Wip, "WIP[C] = 6 × (Wq + te)");

        Assert.Equal("B", report.Constraint);
        Expect.Close(6, report.ThroughputPerWeek, "X = min(12, 6)");
        Assert.False(report.IsStable);
        Assert.Null(report.LeadTime);
        Assert.Null(report.Wip);
        Assert.Null(report.FlowEfficiency);
    }

    [Fact]
    public void AnOverloadedStageInsideAReworkLoopThrottlesItsPartner()
    {
        // Offered: V = 1/0.6 for Build and Review, so ρ = 13.3/10 and 13.3/11: both look overloaded.
        // Build saturates at 10, so Review sees only 10 of its 11 and settles.
        var workflow = new Workflow("Loop overload")
        {
            DemandPerWeek = 8,
            Stages = new[]
            {
                new WorkflowStage("Build") { CapacityPerWeek = 10 },
                new WorkflowStage("Review") { CapacityPerWeek = 11, Routes = new[] { new Route("Build", 0.4), new Route("Ship", 0.6) } },
                new WorkflowStage("Ship") { CapacityPerWeek = 20 },
            },
        };

        var report = WorkflowAnalyzer.Analyze(workflow);

        AssertMatchesFixedPoint(workflow, report);
        var (build, review, ship) = (report.Stages[0], report.Stages[1], report.Stages[2]);
        Assert.True(review.Utilization > 1);
        Expect.Close(12, build.ThroughputPerWeek + build.QueueGrowthPerWeek, "a[Build] = 8 + 0.4 × 10");
        Expect.Close(2, build.QueueGrowthPerWeek, "g[Build]");
        Assert.False(build.IsStable);
        Assert.True(review.IsStable);
        Assert.Equal(0, review.QueueGrowthPerWeek);
        Expect.Close(10, review.ThroughputPerWeek, "d[Review]");
        Expect.Hours(IndependentMath.MmmWait(1, 10, 11) * 168, review.WaitTime, "Wq[Review] at the throttled rate");
        Expect.Close(6, ship.ThroughputPerWeek, "d[Ship]");
        Expect.Close(6, report.ThroughputPerWeek, "X = X_max = 10 × 0.6");
        Assert.Equal("Build", report.Constraint);
        Assert.Equal("Review", report.NextConstraint);
        Assert.Null(report.LeadTime);
    }

    [Fact]
    public void ASaturatedSplitBranchDoesNotHoldBackTheOtherBranch()
    {
        var workflow = new Workflow("Split overload")
        {
            DemandPerWeek = 10,
            Stages = new[]
            {
                new WorkflowStage("Triage") { CapacityPerWeek = 100, Routes = new[] { new Route("Slow", 0.5), new Route("Quick", 0.5) } },
                new WorkflowStage("Slow") { CapacityPerWeek = 1, Routes = new[] { new Route(null, 1) } },
                new WorkflowStage("Quick") { CapacityPerWeek = 50 },
            },
        };

        var report = WorkflowAnalyzer.Analyze(workflow);

        AssertMatchesFixedPoint(workflow, report);
        Expect.Close(4, report.Stages[1].QueueGrowthPerWeek, "g[Slow] = 5 − 1");
        Expect.Close(5, report.Stages[2].ThroughputPerWeek, "Quick still gets its half");
        Expect.Close(2, report.ThroughputCeilingPerWeek, "X_max = 1 / 0.5");
        // What leaves: 1 from Slow and 5 from Quick; the ceiling is what the demanded half-and-half mix would get.
        Expect.Close(6, report.ThroughputPerWeek, "X = d_Slow + d_Quick");
        Assert.Contains("Demand is 10 items/week; 6 leave, but the mix the demand asks for is delivered at most at 2, the ceiling Slow sets on its branch.", report.Evidence);
    }

    [Fact]
    public void AStageLoadedExactlyToCapacityIsNotStable()
    {
        var workflow = new Workflow("Knife edge")
        {
            DemandPerWeek = 8,
            Stages = new[] { new WorkflowStage("Edge") { ServiceTimeHours = 5 } },
        };

        var stage = WorkflowAnalyzer.Analyze(workflow).Stages[0];

        Assert.Equal(1, stage.Utilization);
        Assert.False(stage.IsStable);
        Assert.Null(stage.WaitTime);
        Assert.Equal(0, stage.QueueGrowthPerWeek);
    }

    [Theory]
    [InlineData(3.0)]
    [InlineData(4.95)]
    [InlineData(5.2)]
    [InlineData(9.0)]
    [InlineData(40.0)]
    public void TheReworkNetworkMatchesTheIteratedFixedPointAtAnyDemand(double demand)
    {
        var workflow = TrafficEquationTests.ReworkNetwork(demand);

        var report = WorkflowAnalyzer.Analyze(workflow);

        AssertMatchesFixedPoint(workflow, report);
        Assert.Equal(report.Stages.All(s => s.IsStable), report.LeadTime.HasValue);
    }
}
