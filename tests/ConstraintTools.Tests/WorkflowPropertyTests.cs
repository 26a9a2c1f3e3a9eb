using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ConstraintTools.Queueing;
using ConstraintTools.Simulation;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ConstraintTools.Tests;

/// <summary>
/// Laws that hold for every workflow, checked on random small ones with rework, overload, mixed
/// calendars, capacities, release trains and unmeasured stages.
/// </summary>
public class WorkflowPropertyTests
{
    private const int Cases = 300;

    [Property(MaxTest = Cases, Arbitrary = new[] { typeof(RandomWorkflows) })]
    public void VisitRatiosSatisfyTheTrafficEquations(RandomWorkflow random)
    {
        var workflow = random.Build();
        var model = new IndependentModel(workflow);

        var report = WorkflowAnalyzer.Analyze(workflow);

        var v = report.Stages.Select(s => s.VisitRatio).ToArray();
        for (var j = 0; j < model.N; j++)
        {
            var inflow = model.Entry[j];
            for (var i = 0; i < model.N; i++) inflow += v[i] * model.P[i, j];
            Assert.True(Math.Abs(v[j] - inflow) <= 1e-9 * Math.Max(1, v[j]), $"{random}\nV[{j}] = {v[j]:R}, but e + ΣVP = {inflow:R}");
            Expect.Close(model.Visits[j], v[j], $"{random}\nV[{j}] against a dense solve", absolute: 1e-12);
        }
    }

    [Property(MaxTest = Cases, Arbitrary = new[] { typeof(RandomWorkflows) })]
    public void LittlesLawHoldsPerStageAndForTheWholeWorkflow(RandomWorkflow random)
    {
        var workflow = random.Build();
        var model = new IndependentModel(workflow);

        var report = WorkflowAnalyzer.Analyze(workflow);

        // A load a rounding error below 1 (rework can make λV = μ·(1 − 1e-16)) has a wait beyond what a
        // TimeSpan holds; JacksonNetworkTests.LittlesLawHoldsEvenWhereTheWaitOutrunsATimeSpan covers that.
        var nearSaturation = report.Stages.Select(s => model.Capacity[s.Position - 1] * (1 - 1e-9) < s.ThroughputPerWeek).ToArray();

        const double tickWeeks = 1.0 / (TimeSpan.TicksPerHour * 168.0);
        foreach (var stage in report.Stages)
        {
            Assert.True(stage.WaitTime.HasValue == (stage.IsMeasured && stage.IsStable), $"{random}\n{stage.Stage}: a wait exactly where measured and stable");
            Assert.Equal(stage.WaitTime.HasValue, stage.Wip.HasValue);
            Assert.Equal(stage.WaitTime.HasValue, stage.CycleTime.HasValue);
            if (stage.Wip is not double wip || nearSaturation[stage.Position - 1]) continue;
            var arrivals = stage.ThroughputPerWeek + stage.QueueGrowthPerWeek;
            var cycleWeeks = stage.CycleTime!.Value.TotalHours / 168;
            // Each of the three is rounded to whole ticks from a double, which past 2^53 ticks (28 years) holds
            // the count only to a few ulps: the sum is exact to that, not to 2 ticks.
            var rounding = Math.Max(2, 1e-15 * stage.CycleTime.Value.Ticks);
            var error = Math.Abs((stage.WaitTime!.Value + stage.ServiceTime!.Value - stage.CycleTime.Value).Ticks);
            Assert.True(error <= rounding, $"{random}\n{stage.Stage}: cycle = wait + service, off by {error} ticks of {stage.CycleTime.Value.Ticks}");
            Assert.True(Math.Abs(wip - arrivals * cycleWeeks) <= 1e-9 * wip + arrivals * tickWeeks,
                $"{random}\n{stage.Stage}: WIP {wip:R} but a·(Wq + te) = {arrivals * cycleWeeks:R}");
        }
        Assert.Equal(report.LeadTime.HasValue, report.Wip.HasValue);
        if (report.LeadTime is TimeSpan lead && !nearSaturation.Any(x => x))
        {
            var leadWeeks = lead.TotalHours / 168;
            Assert.True(Math.Abs(report.Wip!.Value - report.DemandPerWeek * leadWeeks) <= 1e-9 * report.Wip.Value + report.DemandPerWeek * tickWeeks,
                $"{random}\nWIP {report.Wip:R} but λ·lead time = {report.DemandPerWeek * leadWeeks:R}");
        }
    }

    [Property(MaxTest = Cases, Arbitrary = new[] { typeof(RandomWorkflows) })]
    public void TheFluidModelConservesFlow(RandomWorkflow random)
    {
        var workflow = random.Build();
        var model = new IndependentModel(workflow);

        var report = WorkflowAnalyzer.Analyze(workflow);

        var d = report.Stages.Select(s => s.ThroughputPerWeek).ToArray();
        var a = report.Stages.Select(s => s.ThroughputPerWeek + s.QueueGrowthPerWeek).ToArray();
        var scale = 1 + a.Max();
        var exits = 0.0;
        for (var j = 0; j < model.N; j++)
        {
            var inflow = model.Lambda * model.Entry[j];
            for (var i = 0; i < model.N; i++) inflow += d[i] * model.P[i, j];
            Assert.True(Math.Abs(a[j] - inflow) <= 1e-9 * scale, $"{random}\na[{j}] = {a[j]:R}, but λe + ΣdP = {inflow:R}");
            Assert.True(Math.Abs(d[j] - Math.Min(a[j], model.Capacity[j])) <= 1e-9 * scale, $"{random}\nd[{j}] = {d[j]:R} is not min(a, μ)");
            Assert.True(report.Stages[j].QueueGrowthPerWeek >= -1e-9 * scale, $"{random}\ng[{j}] is negative");
            Assert.True(d[j] <= model.Lambda * model.Visits[j] + 1e-9 * scale, $"{random}\nd[{j}] exceeds the offered λV");
            if (Math.Abs(a[j] - model.Capacity[j]) > 1e-9 * scale)
                Assert.True(report.Stages[j].IsStable == a[j] < model.Capacity[j], $"{random}\nstage {j}: stable means a < μ");
            exits += d[j] * model.Exit[j];
        }
        var growth = report.Stages.Sum(s => s.QueueGrowthPerWeek);
        Assert.True(Math.Abs(model.Lambda - exits - growth) <= 1e-9 * scale, $"{random}\nλ = {model.Lambda:R}, exits {exits:R} + growth {growth:R}");
    }

    [Property(MaxTest = Cases, Arbitrary = new[] { typeof(RandomWorkflows) })]
    public void ThroughputIsWhatLeavesNeverMoreThanDemandNeverLessThanTheCeiling(RandomWorkflow random)
    {
        var workflow = random.Build();
        var model = new IndependentModel(workflow);
        var candidates = Enumerable.Range(0, model.N)
            .Where(i => model.Measured[i] && !double.IsPositiveInfinity(model.Capacity[i]) && model.Visits[i] > 0)
            .ToList();

        var report = WorkflowAnalyzer.Analyze(workflow);

        Assert.True(report.ThroughputPerWeek <= model.Lambda, random.ToString());
        if (candidates.Count == 0)
        {
            Assert.Null(report.Constraint);
            Assert.Null(report.ThroughputCeilingPerWeek);
            Assert.Equal(model.Lambda, report.ThroughputPerWeek);
            return;
        }
        var ceiling = candidates.Min(i => model.Capacity[i] / model.Visits[i]);
        Expect.Close(ceiling, report.ThroughputCeilingPerWeek, $"{random}\nX_max");
        // What leaves is at least what the ceiling lets through in the demanded mix, and more where an overloaded
        // stage holds back only its own branch.
        Assert.True(report.ThroughputPerWeek >= Math.Min(model.Lambda, ceiling) * (1 - 1e-9), $"{random}\nX {report.ThroughputPerWeek:R} below min(λ, X_max)");
        var leaving = Enumerable.Range(0, model.N).Sum(i => report.Stages[i].ThroughputPerWeek * model.Exit[i]);
        Expect.Close(leaving, report.ThroughputPerWeek, $"{random}\nX is what leaves", absolute: 1e-12);

        var constraint = model.Index(report.Constraint!);
        Assert.Contains(constraint, candidates);
        var top = candidates.Max(i => model.Visits[i] / model.Capacity[i]);
        var load = model.Visits[constraint] / model.Capacity[constraint];
        Assert.True(load >= top * (1 - 1e-12), $"{random}\n{report.Constraint} is not the highest load");
        Assert.All(candidates.Where(i => i < constraint), i =>
            Assert.True(model.Visits[i] / model.Capacity[i] < load * (1 + 1e-12), $"{random}\nan earlier stage {i} has a load as high"));
        var delivered = Enumerable.Range(0, model.N).Sum(i => report.Stages[i].ThroughputPerWeek * model.Exit[i]);
        Assert.True(delivered <= model.Lambda * (1 + 1e-9), $"{random}\nmore leaves than enters: {delivered:R}");
    }

    [Property(MaxTest = Cases, Arbitrary = new[] { typeof(RandomWorkflows) })]
    public void WithEveryCvOneEachStableStageIsAnExactMmmQueue(RandomWorkflow random)
    {
        var workflow = random.Build(poisson: true);
        var model = new IndependentModel(workflow);

        var report = WorkflowAnalyzer.Analyze(workflow);

        foreach (var stage in report.Stages)
        {
            var i = stage.Position - 1;
            if (stage.ThroughputPerWeek > 0) Expect.Close(1, stage.ArrivalCv, $"{random}\nca[{stage.Stage}]");
            // Within 1e-6 of saturation m·μ₁ − a cancels to a few ulps, which two honest computations need not share.
            if (!stage.WaitTime.HasValue || model.CadenceWeeks[i] > 0 || stage.ThroughputPerWeek > model.Capacity[i] * (1 - 1e-6)) continue;
            var wait = model.MmmWaitWeeks(i, stage.ThroughputPerWeek);
            Expect.Hours(wait * 168, stage.WaitTime, $"{random}\nWq[{stage.Stage}]");
            Expect.Close(IndependentMath.MmmInSystem(model.Servers[i], stage.ThroughputPerWeek, model.Capacity[i] / model.Servers[i]),
                stage.Wip, $"{random}\nL[{stage.Stage}]", absolute: 1e-12);
        }
    }
}

/// <summary>One stage of a random workflow, as plain numbers so that a failing case prints readably.</summary>
public sealed record RandomStage(
    int Kind, int Servers, double Hours, double Availability, double Cv, bool AllHours,
    double Capacity, int CadenceDays, int Batch, int BackTo, double Back, double Exit);

public sealed record RandomWorkflow(double Demand, double DemandCv, int Entry, IReadOnlyList<RandomStage> Stages)
{
    public const int Service = 0, Rate = 1, Train = 2, Unmeasured = 3;

    public Workflow Build(bool poisson = false)
    {
        var n = Stages.Count;
        var stages = new WorkflowStage[n];
        for (var i = 0; i < n; i++)
        {
            var s = Stages[i];
            var forward = i + 1 < n ? $"S{i + 1}" : null;
            var routes = new List<Route>();
            if (s.Back > 0) routes.Add(new Route($"S{s.BackTo}", s.Back));
            if (s.Exit > 0 && forward != null) routes.Add(new Route(null, s.Exit));
            if (routes.Count > 0) routes.Add(new Route(forward, 1 - s.Back - (forward != null ? s.Exit : 0)));
            stages[i] = new WorkflowStage($"S{i}")
            {
                Servers = s.Servers,
                ServiceTimeHours = s.Kind == Service ? s.Hours : null,
                CapacityPerWeek = s.Kind == Rate ? s.Capacity : null,
                Cadence = s.Kind == Train ? TimeSpan.FromDays(s.CadenceDays) : null,
                BatchSize = s.Kind == Train && s.Batch > 0 ? s.Batch : null,
                Availability = s.Availability,
                Cv = poisson ? 1 : s.Cv,
                Calendar = s.AllHours ? WorkCalendar.AllHours : null,
                Routes = routes,
            };
        }
        return new Workflow("Random")
        {
            DemandPerWeek = Demand,
            DemandCv = poisson ? 1 : DemandCv,
            EntryStage = $"S{Entry}",
            Stages = stages,
        };
    }

    public override string ToString()
    {
        var lines = new List<string> { string.Format(CultureInfo.InvariantCulture, "demand {0}/week cv {1} into S{2}", Demand, DemandCv, Entry) };
        for (var i = 0; i < Stages.Count; i++)
        {
            var s = Stages[i];
            var kind = s.Kind switch
            {
                Service => string.Format(CultureInfo.InvariantCulture, "{0} h x{1} avail {2}{3}", s.Hours, s.Servers, s.Availability, s.AllHours ? " 24x7" : ""),
                Rate => string.Format(CultureInfo.InvariantCulture, "{0}/week x{1}", s.Capacity, s.Servers),
                Train => $"cadence {s.CadenceDays}d batch {s.Batch}",
                _ => "unmeasured",
            };
            lines.Add(string.Format(CultureInfo.InvariantCulture, "S{0}: {1} cv {2}; back to S{3} {4}, exit {5}", i, kind, s.Cv, s.BackTo, s.Back, s.Exit));
        }
        return string.Join("\n", lines);
    }
}

public static class RandomWorkflows
{
    private static Gen<RandomStage> Stage(int index) =>
        from kind in Gen.Frequency((6, Gen.Constant(RandomWorkflow.Service)), (1, Gen.Constant(RandomWorkflow.Rate)), (1, Gen.Constant(RandomWorkflow.Train)), (1, Gen.Constant(RandomWorkflow.Unmeasured)))
        from servers in Gen.Choose(1, 4)
        from tenthsOfHours in Gen.Choose(1, 200)
        from availability in Gen.Choose(1, 10)
        from cv in Gen.Choose(0, 20)
        from allHours in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        from capacity in Gen.Choose(1, 500)
        from cadenceDays in Gen.Choose(1, 28)
        from batch in Gen.Choose(0, 40)
        from backTo in Gen.Choose(0, index)
        from back in Gen.Frequency((1, Gen.Constant(0)), (1, Gen.Choose(1, 6)))
        from exit in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(1, 3)))
        select new RandomStage(kind, servers, tenthsOfHours / 10.0, availability / 10.0, cv / 10.0, allHours,
            capacity / 10.0, cadenceDays, batch, backTo, back / 10.0, exit / 10.0);

    public static Arbitrary<RandomWorkflow> Workflows() =>
        Arb.From(
            from count in Gen.Choose(1, 7)
            from stages in Gen.CollectToArray(Enumerable.Range(0, count).Select(Stage))
            // Mostly light demand so that stable stages, where the queueing formulas apply, are common; sometimes heavy for overload.
            from demand in Gen.Frequency((3, Gen.Choose(0, 40)), (1, Gen.Choose(0, 300)))
            from demandCv in Gen.Choose(0, 20)
            from entry in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(0, count - 1)))
            select new RandomWorkflow(demand / 10.0, demandCv / 10.0, entry, stages));
}
