using System;
using System.Linq;
using ConstraintTools.Queueing;

namespace ConstraintTools.Tests;

/// <summary>
/// Variability: Pollaczek–Khinchine where Allen–Cunneen is exact (M/G/1), and Whitt's QNA
/// (linking equation, splits, merges) worked by hand on small networks.
/// </summary>
public class VariabilityTests
{
    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(0.5, 0.7)]
    [InlineData(2.0, 0.7)]
    [InlineData(3.0, 0.95)]
    public void ASingleServerWithPoissonArrivalsWaitsAsPollaczekKhinchineSays(double cv, double load)
    {
        // 2 h of effort at 50% availability of a 40 h week: 10 items a week, E[S] = 0.1 calendar weeks.
        var demand = load * 10;
        var workflow = new Workflow("M/G/1")
        {
            DemandPerWeek = demand,
            Stages = new[] { new WorkflowStage("Approve") { ServiceTimeHours = 2, Availability = 0.5, Cv = cv } },
        };
        var mean = 0.1;
        var secondMoment = (1 + cv * cv) * mean * mean;
        var wait = demand * secondMoment / (2 * (1 - load));

        var stage = WorkflowAnalyzer.Analyze(workflow).Stages[0];

        Expect.Hours(wait * 168, stage.WaitTime, "Wq");
        Expect.Close(demand * (wait + mean), stage.Wip, "WIP = λ(Wq + E[S])");
    }

    [Fact]
    public void ATandemLinePassesDepartureVariabilityDownstream()
    {
        const double demand = 10, demandCv = 0.5, cs1 = 1.5, cs2 = 0.6;
        var workflow = new Workflow("Tandem")
        {
            DemandPerWeek = demand,
            DemandCv = demandCv,
            Stages = new[]
            {
                new WorkflowStage("Design") { Servers = 2, ServiceTimeHours = 6, Cv = cs1 },
                new WorkflowStage("Build") { Servers = 3, ServiceTimeHours = 10, Cv = cs2 },
            },
        };
        // Design: two servers at 40/6 a week each; Build: three at 4 a week each.
        double mu1 = 40 / 6.0, mu2 = 4;
        var u1 = demand / (2 * mu1);
        var ca1 = demandCv * demandCv;
        var wait1 = IndependentMath.ErlangC(2, demand / mu1) / (2 * mu1 - demand) * (ca1 + cs1 * cs1) / 2;
        var cd1 = 1 + (1 - u1 * u1) * (ca1 - 1) + u1 * u1 * (cs1 * cs1 - 1) / Math.Sqrt(2);
        var wait2 = IndependentMath.ErlangC(3, demand / mu2) / (3 * mu2 - demand) * (cd1 + cs2 * cs2) / 2;

        var report = WorkflowAnalyzer.Analyze(workflow);

        Expect.Close(demandCv, report.Stages[0].ArrivalCv, "ca[Design]");
        Expect.Hours(wait1 * 168, report.Stages[0].WaitTime, "Wq[Design]");
        Expect.Close(Math.Sqrt(cd1), report.Stages[1].ArrivalCv, "ca[Build] = cd[Design]");
        Expect.Hours(wait2 * 168, report.Stages[1].WaitTime, "Wq[Build]");
        Expect.Close(demand * (wait2 + 0.25), report.Stages[1].Wip, "WIP[Build]");
    }

    [Fact]
    public void ASplitThinsAndAMergeAveragesByArrivalRate()
    {
        const double demand = 12, demandCv = 1.3;
        var workflow = new Workflow("Split and merge")
        {
            DemandPerWeek = demand,
            DemandCv = demandCv,
            Stages = new[]
            {
                new WorkflowStage("Triage") { ServiceTimeHours = 2, Cv = 2, Routes = new[] { new Route("Small", 0.3), new Route("Large", 0.7) } },
                new WorkflowStage("Small") { ServiceTimeHours = 5, Cv = 0.5, Routes = new[] { new Route("Verify", 1) } },
                new WorkflowStage("Large") { Servers = 2, ServiceTimeHours = 8, Cv = 1.2 },
                new WorkflowStage("Verify") { Servers = 2, ServiceTimeHours = 5, Cv = 0.8 },
            },
        };
        // Rates a week: Triage 20, Small 8, Large 2 × 5, Verify 2 × 8.
        double aSmall = 0.3 * demand, aLarge = 0.7 * demand;
        var cdTriage = IndependentMath.DepartureScv(demand / 20, 1, demandCv * demandCv, 4);
        var caSmall = 0.3 * cdTriage + 1 - 0.3;
        var caLarge = 0.7 * cdTriage + 1 - 0.7;
        var cdSmall = IndependentMath.DepartureScv(aSmall / 8, 1, caSmall, 0.25);
        var cdLarge = IndependentMath.DepartureScv(aLarge / 10, 2, caLarge, 1.44);
        var caVerify = (aSmall * cdSmall + aLarge * cdLarge) / (aSmall + aLarge);
        var waitVerify = IndependentMath.AllenCunneen(2, demand, 8, caVerify, 0.64);
        var waitLarge = IndependentMath.AllenCunneen(2, aLarge, 5, caLarge, 1.44);

        var report = WorkflowAnalyzer.Analyze(workflow);

        Expect.Close(Math.Sqrt(caSmall), Expect.Stage(report, "Small").ArrivalCv, "ca[Small]");
        Expect.Close(Math.Sqrt(caLarge), Expect.Stage(report, "Large").ArrivalCv, "ca[Large]");
        Expect.Close(Math.Sqrt(caVerify), Expect.Stage(report, "Verify").ArrivalCv, "ca[Verify]");
        Expect.Hours(waitLarge * 168, Expect.Stage(report, "Large").WaitTime, "Wq[Large]");
        Expect.Hours(waitVerify * 168, Expect.Stage(report, "Verify").WaitTime, "Wq[Verify]");
    }

    [Fact]
    public void AReworkLoopReachesTheQnaFixedPoint()
    {
        const double demand = 6, demandCv = 0.8, back = 0.25;
        var workflow = new Workflow("QNA loop")
        {
            DemandPerWeek = demand,
            DemandCv = demandCv,
            Stages = new[]
            {
                new WorkflowStage("Build") { Servers = 2, ServiceTimeHours = 8, Cv = 0.7 },
                new WorkflowStage("Review") { ServiceTimeHours = 4, Cv = 1.4, Routes = new[] { new Route("Build", back), new Route("Ship", 1 - back) } },
                new WorkflowStage("Ship") { ServiceTimeHours = 3, Cv = 0.5 },
            },
        };
        // Every item passes Build and Review 1/(1 − 0.25) times; capacities 10, 10 and 40/3 a week.
        var a = demand / (1 - back);
        double uBuild = a / 10, uReview = a / 10;
        double caBuild = 1, caReview = 1, cdReview = 1;
        // Iterate the QNA equations themselves, rather than solving them as the engine does.
        for (var round = 0; round < 500; round++)
        {
            caBuild = (demand * demandCv * demandCv + a * back * IndependentMath.Split(back, cdReview)) / a;
            caReview = IndependentMath.DepartureScv(uBuild, 2, caBuild, 0.49);
            cdReview = IndependentMath.DepartureScv(uReview, 1, caReview, 1.96);
        }
        var caShip = IndependentMath.Split(1 - back, cdReview);

        var report = WorkflowAnalyzer.Analyze(workflow);

        Expect.Close(Math.Sqrt(caBuild), report.Stages[0].ArrivalCv, "ca[Build]");
        Expect.Close(Math.Sqrt(caReview), report.Stages[1].ArrivalCv, "ca[Review]");
        Expect.Close(Math.Sqrt(caShip), report.Stages[2].ArrivalCv, "ca[Ship]");
        Expect.Hours(IndependentMath.AllenCunneen(2, a, 5, caBuild, 0.49) * 168, report.Stages[0].WaitTime, "Wq[Build]");
        Expect.Hours(IndependentMath.AllenCunneen(1, a, 10, caReview, 1.96) * 168, report.Stages[1].WaitTime, "Wq[Review]");
        Expect.Hours(IndependentMath.AllenCunneen(1, demand, 40 / 3.0, caShip, 0.25) * 168, report.Stages[2].WaitTime, "Wq[Ship]");
    }

    [Fact]
    public void ASaturatedStageSendsOnItsServiceVariability()
    {
        // Upstream runs flat out (u = 1), so the linking equation leaves only 1 + (cs² − 1)/√m.
        var workflow = new Workflow("Saturated upstream")
        {
            DemandPerWeek = 30,
            DemandCv = 0.3,
            Stages = new[]
            {
                new WorkflowStage("Crunch") { Servers = 4, ServiceTimeHours = 8, Cv = 2 },
                new WorkflowStage("Polish") { ServiceTimeHours = 1.6, Cv = 0.5 },
            },
        };
        var caPolish = 1 + (4 - 1) / Math.Sqrt(4);

        var report = WorkflowAnalyzer.Analyze(workflow);

        var polish = report.Stages[1];
        Assert.False(report.Stages[0].IsStable);
        Expect.Close(20, polish.ThroughputPerWeek, "Polish gets Crunch's 4 × 40/8");
        Expect.Close(Math.Sqrt(caPolish), polish.ArrivalCv, "ca[Polish]");
        Expect.Hours(IndependentMath.AllenCunneen(1, 20, 25, caPolish, 0.25) * 168, polish.WaitTime, "Wq[Polish]");
    }
}
