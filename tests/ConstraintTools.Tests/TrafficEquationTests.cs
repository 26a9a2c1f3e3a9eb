using System;
using System.Linq;
using ConstraintTools.Queueing;

namespace ConstraintTools.Tests;

/// <summary>Visit ratios: V_j = e_j + Σ_i V_i P_ij, held against a dense solve and, for the big line, the residual.</summary>
public class TrafficEquationTests
{
    /// <summary>Two rework loops into Build, a self-loop on Test, and multi-server stages.</summary>
    internal static Workflow ReworkNetwork(double demandPerWeek) => new("Rework")
    {
        DemandPerWeek = demandPerWeek,
        Stages = new[]
        {
            new WorkflowStage("Intake") { Servers = 2, ServiceTimeHours = 3 },
            new WorkflowStage("Build") { Servers = 3, ServiceTimeHours = 6, Availability = 0.8 },
            new WorkflowStage("Review")
            {
                ServiceTimeHours = 0.5, Availability = 0.1,
                Routes = new[] { new Route("Build", 0.3), new Route("Test", 0.7) },
            },
            new WorkflowStage("Test")
            {
                ServiceTimeHours = 4, Calendar = WorkCalendar.AllHours,
                Routes = new[] { new Route("Build", 0.1), new Route("Test", 0.15), new Route("Deploy", 0.75) },
            },
            new WorkflowStage("Deploy") { Servers = 5, ServiceTimeHours = 10 },
        },
    };

    [Fact]
    public void ReworkLoopsMatchADenseSolve()
    {
        var workflow = ReworkNetwork(4);
        var independent = new IndependentModel(workflow);

        var report = WorkflowAnalyzer.Analyze(workflow);

        foreach (var stage in report.Stages)
            Expect.Close(independent.Visits[stage.Position - 1], stage.VisitRatio, $"V[{stage.Stage}]");
        // By hand: V_Test = 0.7·V_Build/0.85 and V_Build = 1 + 0.3·V_Build + 0.1·V_Test.
        var build = 1 / (1 - 0.3 - 0.1 * 0.7 / 0.85);
        Expect.Close(build, Expect.Stage(report, "Build").VisitRatio, "V[Build] by hand");
        Expect.Close(0.7 * build / 0.85, Expect.Stage(report, "Test").VisitRatio, "V[Test] by hand");
        // Every item leaves exactly once, through Deploy.
        Expect.Close(1, Expect.Stage(report, "Deploy").VisitRatio, "V[Deploy]");
        foreach (var stage in report.Stages)
            Expect.Close(4 * stage.VisitRatio, stage.ArrivalRatePerWeek, $"λV[{stage.Stage}]");
    }

    [Fact]
    public void WorkEnteringMidwayNeverVisitsEarlierStagesUnlessReworkSendsItBack()
    {
        var workflow = new Workflow("Midway")
        {
            DemandPerWeek = 3,
            EntryStage = "Build",
            Stages = new[]
            {
                new WorkflowStage("Discovery") { ServiceTimeHours = 2 },
                new WorkflowStage("Design") { ServiceTimeHours = 2 },
                new WorkflowStage("Build")
                {
                    ServiceTimeHours = 2,
                    Routes = new[] { new Route("Design", 0.2), new Route("Ship", 0.8) },
                },
                new WorkflowStage("Ship") { ServiceTimeHours = 1 },
            },
        };
        var independent = new IndependentModel(workflow);

        var report = WorkflowAnalyzer.Analyze(workflow);

        Assert.Equal(0, Expect.Stage(report, "Discovery").VisitRatio);
        foreach (var stage in report.Stages)
            Expect.Close(independent.Visits[stage.Position - 1], stage.VisitRatio, $"V[{stage.Stage}]", absolute: 1e-15);
        Expect.Close(0.25, Expect.Stage(report, "Design").VisitRatio, "V[Design] = 0.2/0.8");
    }

    [Fact]
    public void ATenThousandStageLineWithReworkTwoBackSatisfiesTheTrafficEquations()
    {
        const int count = 10_000;
        const double rework = 0.2;
        var stages = new WorkflowStage[count];
        for (var i = 0; i < count; i++)
            stages[i] = new WorkflowStage($"S{i}")
            {
                ServiceTimeHours = 1,
                Routes = i < 2
                    ? Array.Empty<Route>()
                    : new[] { new Route($"S{i - 2}", rework), new Route(i + 1 < count ? $"S{i + 1}" : null, 1 - rework) },
            };
        var workflow = new Workflow("Long line") { DemandPerWeek = 1, Stages = stages };

        var report = WorkflowAnalyzer.Analyze(workflow);

        var v = report.Stages.Select(s => s.VisitRatio).ToArray();
        var inflow = new double[count];
        inflow[0] = 1;
        for (var i = 0; i < count; i++)
        {
            if (i < 2) inflow[i + 1] += v[i];
            else
            {
                inflow[i - 2] += rework * v[i];
                if (i + 1 < count) inflow[i + 1] += (1 - rework) * v[i];
            }
        }
        var worst = Enumerable.Range(0, count).Max(j => Math.Abs(v[j] - inflow[j]) / Math.Max(1, v[j]));
        Assert.True(worst < 1e-9, $"largest relative residual of the traffic equations: {worst:R}");
        // All work leaves through the last stage's 80%: V_last = 1/0.8.
        Expect.Close(1 / (1 - rework), v[count - 1], "V[last]");
        Assert.All(v, x => Assert.True(x >= 1 - 1e-12, $"every stage is visited at least once, got {x:R}"));
    }

    [Fact]
    public void ATenThousandStageLineWithOneOverloadedStageConservesFlow()
    {
        const int count = 10_000;
        const double rework = 0.2;
        var stages = new WorkflowStage[count];
        for (var i = 0; i < count; i++)
            stages[i] = new WorkflowStage($"S{i}")
            {
                // One slow stage in the middle of a single giant loop: the fluid model must saturate it alone.
                ServiceTimeHours = i == count / 2 ? 20 : 1,
                Routes = i < 2
                    ? Array.Empty<Route>()
                    : new[] { new Route($"S{i - 2}", rework), new Route(i + 1 < count ? $"S{i + 1}" : null, 1 - rework) },
            };
        var workflow = new Workflow("Long line, one slow stage") { DemandPerWeek = 1.5, Stages = stages };

        var report = WorkflowAnalyzer.Analyze(workflow);

        var slow = report.Stages[count / 2];
        Assert.False(slow.IsStable);
        Assert.Equal(slow.Stage, report.Constraint);
        Expect.Close(2, slow.ThroughputPerWeek, "the slow stage runs at its capacity of 40 h / 20 h");
        var a = report.Stages.Select(s => s.ThroughputPerWeek + s.QueueGrowthPerWeek).ToArray();
        var d = report.Stages.Select(s => s.ThroughputPerWeek).ToArray();
        var worst = 0.0;
        for (var j = 0; j < count; j++)
        {
            var expected = (j == 0 ? 1.5 : 0)
                + (j == 1 ? d[0] : 0) + (j == 2 ? d[1] : 0)
                + (j >= 1 && j - 1 >= 2 ? (1 - rework) * d[j - 1] : 0)
                + (j + 2 < count ? rework * d[j + 2] : 0);
            worst = Math.Max(worst, Math.Abs(a[j] - expected) / Math.Max(1, a[j]));
        }
        Assert.True(worst < 1e-9, $"largest relative residual of the fluid equations: {worst:R}");
        var exits = (1 - rework) * d[count - 1];
        Expect.Close(1.5, exits + report.Stages.Sum(s => s.QueueGrowthPerWeek), "λ = exits + queue growth");
        Assert.All(report.Stages.Where(s => s != slow), s => Assert.Equal(0, s.QueueGrowthPerWeek, 9));
    }
}

/// <summary>
/// Loops of thousands of stages solve in work proportional to their edges, counted in elimination steps; in stage
/// order the first of these filled in completely (50 million steps, 12 s and 4 GB).
/// </summary>
public class LargeLoopTests
{
    private const int Stages = 10_000;
    private const double Rework = 1e-4;

    private static Workflow Line(double demandPerWeek, Func<int, Route[]> routes) => new("Large loop")
    {
        DemandPerWeek = demandPerWeek,
        Stages = Enumerable.Range(0, Stages).Select(i => new WorkflowStage("S" + i) { ServiceTimeHours = 0.1, Routes = routes(i) }).ToArray(),
    };

    private static string? Next(int i) => i + 1 < Stages ? "S" + (i + 1) : null;

    /// <summary>The three solves of an analysis (visits, fluid, variability) take a few steps per stage each.</summary>
    private static void AssertLinear(Workflow workflow)
    {
        var spent = new ModelSolution(workflow.Network).Budget.Spent;
        Assert.True(spent <= 10 * Stages, $"{spent:N0} elimination steps for {Stages:N0} stages");
    }

    [Fact]
    public void EveryStageSendingALittleBackToTheFirstIsSolvedExactly()
    {
        var workflow = Line(1, i => new[] { new Route("S0", Rework), new Route(Next(i), 1 - Rework) });

        var report = WorkflowAnalyzer.Analyze(workflow);

        AssertLinear(workflow);
        // By hand: V_i = V_0 (1 − q)^i, and V_0 = 1 + q Σ V_i gives V_0 = (1 − q)^−n.
        var first = Math.Pow(1 - Rework, -Stages);
        foreach (var i in new[] { 0, 1, 4_999, Stages - 1 })
            Expect.Close(first * Math.Pow(1 - Rework, i), report.Stages[i].VisitRatio, $"V[{i}]");
    }

    [Fact]
    public void ARingOfTenThousandStagesIsOneLoopSolvedExactly()
    {
        var workflow = Line(1, i => new[] { new Route(null, Rework), new Route(i + 1 < Stages ? "S" + (i + 1) : "S0", 1 - Rework) });

        var report = WorkflowAnalyzer.Analyze(workflow);

        AssertLinear(workflow);
        // By hand: V_i = V_0 (1 − q)^i, and V_0 = 1 + V_(n−1)(1 − q) gives V_0 = 1 / (1 − (1 − q)^n).
        var first = 1 / (1 - Math.Pow(1 - Rework, Stages));
        foreach (var i in new[] { 0, 1, 4_999, Stages - 1 })
            Expect.Close(first * Math.Pow(1 - Rework, i), report.Stages[i].VisitRatio, $"V[{i}]");
        Expect.Close(1, report.Stages.Sum(s => s.VisitRatio) * Rework, "every item leaves once");
    }

    [Fact]
    public void ReworkThatBringsItemsBackWithoutEndIsRefusedNotReportedAsInfinity()
    {
        var random = new Random(1);
        var workflow = Line(1, i => new[] { new Route("S" + random.Next(0, i + 1), 0.1), new Route(Next(i), 0.9) });

        var error = Assert.Throws<InputException>(() => WorkflowAnalyzer.Analyze(workflow));

        Assert.Contains("more times than a number holds on average, more than the 1,000,000 allowed", error.Message);
        Assert.Equal("stages", error.Field);
    }

    [Fact]
    public void AnOverloadedTangleOfBackEdgesIsRefusedWithTheWorkItWouldTake()
    {
        var random = new Random(1);
        var workflow = Line(1, i => new[] { new Route("S" + random.Next(0, i + 1), 0.001), new Route(Next(i), 0.999) });

        var error = Assert.Throws<InputException>(() => WorkflowAnalyzer.Analyze(workflow));

        Assert.Contains("the rework loops among 10,000 stages (S0, S1, S2, …) cross each other so much that solving them takes more than 10,000,000 elimination steps", error.Message);
    }

    [Fact]
    public void TheSameTangleUnderLightDemandIsSolvedAndSatisfiesTheTrafficEquations()
    {
        var random = new Random(1);
        var workflow = Line(0.001, i => new[] { new Route("S" + random.Next(0, i + 1), 0.001), new Route(Next(i), 0.999) });

        var report = WorkflowAnalyzer.Analyze(workflow);

        var inflow = new double[Stages];
        inflow[0] = 1;
        for (var i = 0; i < Stages; i++)
            foreach (var route in workflow.Stages[i].Routes.Where(r => r.To != null))
                inflow[int.Parse(route.To!.Substring(1), System.Globalization.CultureInfo.InvariantCulture)] += report.Stages[i].VisitRatio * route.Probability;
        for (var i = 0; i < Stages; i++) Expect.Close(inflow[i], report.Stages[i].VisitRatio, $"V[{i}] residual");
        Assert.All(report.Stages, s => Assert.True(double.IsFinite(s.Utilization!.Value)));
    }
}
