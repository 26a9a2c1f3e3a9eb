using System;
using System.Linq;
using ConstraintTools.Queueing;
using ConstraintTools.Simulation;
using FsCheck.Xunit;

namespace ConstraintTools.Tests;

/// <summary>The claims of the five focusing steps, on random workflows.</summary>
public class ImprovementPropertyTests
{
    private const int Cases = 300;

    [Property(MaxTest = Cases, Arbitrary = new[] { typeof(RandomWorkflows) })]
    public void ImprovingAStageThatIsNotOverloadedNeverRaisesThroughput(RandomWorkflow random, byte factorTenths)
    {
        var workflow = random.Build();
        var change = new StageChange { CapacityFactor = 1 + factorTenths / 10.0 };
        var before = WorkflowAnalyzer.Analyze(workflow);
        var overloaded = before.Stages.Where(s => s.QueueGrowthPerWeek > 0).Select(s => s.Stage).ToList();

        foreach (var result in Improvement.CompareEach(workflow, change).Where(r => !overloaded.Contains(r.Stage)))
            Assert.True(result.ThroughputAfter <= result.ThroughputBefore * (1 + 1e-12),
                $"{random}\n{result.Stage} x{change.CapacityFactor}: {result.ThroughputBefore:R} → {result.ThroughputAfter:R}");
    }

    /// <summary>
    /// The claim of the five focusing steps on a line. Where an overloaded stage sends work back into an overloaded
    /// constraint, or holds back only its own branch, more of its capacity does let more leave (the fluid model says
    /// what leaves), so the claim is held on a line and, above, for every stage that is not overloaded.
    /// </summary>
    [Property(MaxTest = Cases, Arbitrary = new[] { typeof(RandomWorkflows) })]
    public void OnALineImprovingANonConstraintNeverRaisesThroughput(RandomWorkflow random, byte factorTenths)
    {
        var oneWayOut = random with { Entry = 0, Stages = random.Stages.Select(s => s with { Exit = 0, Back = 0 }).ToArray() };
        var workflow = oneWayOut.Build();
        var change = new StageChange { CapacityFactor = 1 + factorTenths / 10.0 };

        foreach (var result in Improvement.CompareEach(workflow, change).Where(r => r.Stage != r.ConstraintBefore))
            Assert.True(result.ThroughputAfter <= result.ThroughputBefore * (1 + 1e-12),
                $"{oneWayOut}\n{result.Stage} x{change.CapacityFactor}: {result.ThroughputBefore:R} → {result.ThroughputAfter:R}");
    }

    [Property(MaxTest = Cases, Arbitrary = new[] { typeof(RandomWorkflows) })]
    public void ElevatingTheConstraintByItsRelocationFactorMakesTheNextOneBind(RandomWorkflow random)
    {
        var workflow = random.Build();
        var before = WorkflowAnalyzer.Analyze(workflow);
        if (before.RelocationFactor is not double factor || before.Constraint is null) return;
        var next = before.Stages.Single(s => s.Stage == before.NextConstraint);

        var after = Improvement.Compare(workflow, before.Constraint, new StageChange { CapacityFactor = factor }, before).After!;

        // The next constraint's ceiling μ/V now binds, tied with the old constraint.
        var nextCeiling = next.CapacityPerWeek!.Value / next.VisitRatio;
        Assert.True(Math.Abs(after.ThroughputCeilingPerWeek!.Value - nextCeiling) <= 1e-9 * nextCeiling, $"{random}\nceiling {after.ThroughputCeilingPerWeek:R}, next stage's {nextCeiling:R}");
        var elevated = after.Stages.Single(s => s.Stage == before.Constraint);
        Assert.True(Math.Abs(elevated.Utilization!.Value - next.Utilization!.Value) <= 1e-9 * next.Utilization.Value, $"{random}\nρ {elevated.Utilization:R} vs {next.Utilization:R}");
        Assert.Contains(after.Constraint, new[] { before.Constraint, before.NextConstraint });
    }

    [Property(MaxTest = Cases, Arbitrary = new[] { typeof(RandomWorkflows) })]
    public void FollowingTheConstraintPathReachesTheTarget(RandomWorkflow random, byte percentMore)
    {
        var workflow = random.Build();
        var before = WorkflowAnalyzer.Analyze(workflow);
        if (before.ThroughputCeilingPerWeek is not double ceiling) return;
        var target = ceiling * (1 + (percentMore + 1) / 100.0);

        var steps = ConstraintPath.Find(workflow, target);

        var improved = steps.Last().Elevations.Aggregate(workflow, (w, e) =>
            Improvement.WithStage(w, w.Stages.ToList().FindIndex(s => s.Name == e.Key), new StageChange { CapacityFactor = e.Value }.ApplyTo(w.Stages.Single(s => s.Name == e.Key), w.Calendar)));
        var reached = WorkflowAnalyzer.Analyze(improved).ThroughputCeilingPerWeek!.Value;
        Assert.True(steps.Last().TargetReached);
        Assert.True(Math.Abs(reached - target) <= 1e-9 * target, $"{random}\ntarget {target:R}, reached {reached:R}");
        Assert.True(steps.Zip(steps.Skip(1), (a, b) => a.ThroughputCeilingAfter <= b.ThroughputCeilingAfter * (1 + 1e-12)).All(x => x), "ceilings rise step by step");
    }

    [Property(MaxTest = Cases, Arbitrary = new[] { typeof(RandomWorkflows) })]
    public void TheLargestCapacityGainsAreTheFirstRowsOfTryingEveryStage(RandomWorkflow random, byte factorTenths, byte rows)
    {
        var workflow = random.Build();
        var factor = 1 + factorTenths / 10.0;
        var count = 1 + rows % 6;

        var everyStage = Improvement.CompareEach(workflow, new StageChange { CapacityFactor = factor })
            .OrderByDescending(r => r.ThroughputGainPercent).ThenBy(r => workflow.Network.IndexOf(r.Stage)).Take(count);
        var largest = Improvement.LargestCapacityGains(workflow, factor, count);

        Assert.Equal(everyStage.Select(r => (r.Stage, r.ThroughputGainPercent, r.ConstraintAfter)), largest.Select(r => (r.Stage, r.ThroughputGainPercent, r.ConstraintAfter)));
    }
}
