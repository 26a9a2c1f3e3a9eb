using System;
using System.Linq;
using ConstraintTools.Queueing;
using ConstraintTools.Reports;
using ConstraintTools.Yaml;

namespace ConstraintTools.Tests;

/// <summary>
/// With every cv = 1 the workflow is a Jackson network: each stage is an exact M/M/m queue at
/// arrival rate λV, so waits, WIP, lead time and flow efficiency have closed forms to hold at 1e-9.
/// </summary>
public class JacksonNetworkTests
{
    [Theory]
    [InlineData(0.5)]
    [InlineData(2.5)]
    [InlineData(4.5)]
    [InlineData(4.93)]
    public void EveryStageIsAnExactMmmQueue(double demand)
    {
        var workflow = TrafficEquationTests.ReworkNetwork(demand);
        var model = new IndependentModel(workflow);

        var report = WorkflowAnalyzer.Analyze(workflow);

        foreach (var stage in report.Stages)
        {
            var i = stage.Position - 1;
            var m = model.Servers[i];
            var a = demand * model.Visits[i];
            var serverRate = model.Capacity[i] / m;
            var wait = IndependentMath.ErlangC(m, a / serverRate) / (m * serverRate - a);
            // te is calendar time: working effort stretched over the hours the stage actually works.
            var calendar = workflow.Stages[i].Calendar ?? workflow.Calendar;
            var te = workflow.Stages[i].ServiceTimeHours!.Value
                / (workflow.Stages[i].Availability * calendar.HoursPerDay * calendar.DaysPerWeek);

            Assert.True(stage.IsStable, stage.Stage);
            Expect.Close(1, stage.ArrivalCv, $"ca[{stage.Stage}]");
            Expect.Close(a / model.Capacity[i], stage.Utilization, $"ρ[{stage.Stage}]");
            Expect.Close(a / model.Capacity[i], stage.BusyFraction, $"busy[{stage.Stage}]");
            Expect.Close(a, stage.ThroughputPerWeek, $"d[{stage.Stage}]");
            Assert.Equal(0, stage.QueueGrowthPerWeek, 12);
            Expect.Hours(wait * 168, stage.WaitTime, $"Wq[{stage.Stage}]");
            Expect.Hours(te * 168, stage.ServiceTime, $"te[{stage.Stage}]");
            Expect.Hours((wait + te) * 168, stage.CycleTime, $"cycle[{stage.Stage}]");
            Expect.Close(a * (wait + te), stage.Wip, $"WIP[{stage.Stage}] by Little");
            Expect.Close(IndependentMath.MmmInSystem(m, a, serverRate), stage.Wip, $"WIP[{stage.Stage}] as M/M/m L");
        }
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(2.5)]
    [InlineData(4.93)]
    public void LeadTimeFlowEfficiencyAndWipAddUpOverVisits(double demand)
    {
        var workflow = TrafficEquationTests.ReworkNetwork(demand);
        var model = new IndependentModel(workflow);
        var leadWeeks = 0.0;
        var touchHours = 0.0;
        var wip = 0.0;
        for (var i = 0; i < model.N; i++)
        {
            var a = demand * model.Visits[i];
            var cycle = model.MmmWaitWeeks(i, a) + model.ServiceWeeks[i];
            leadWeeks += model.Visits[i] * cycle;
            touchHours += model.Visits[i] * workflow.Stages[i].ServiceTimeHours!.Value;
            wip += IndependentMath.MmmInSystem(model.Servers[i], a, model.Capacity[i] / model.Servers[i]);
        }

        var report = WorkflowAnalyzer.Analyze(workflow);

        Assert.True(report.IsStable);
        Expect.Hours(leadWeeks * 168, report.LeadTime, "lead time");
        Expect.Close(touchHours / (leadWeeks * 168), report.FlowEfficiency, "flow efficiency");
        Expect.Close(wip, report.Wip, "WIP as Σ L");
        Expect.Close(demand * leadWeeks, report.Wip, "WIP = λ · lead time");
        Assert.Equal("Review", report.Constraint);
        Assert.Equal("Build", report.NextConstraint);
        Expect.Close(8 / model.Visits[2], report.ThroughputCeilingPerWeek, "X_max = μ_Review / V_Review");
        Expect.Close(demand, report.ThroughputPerWeek, "X = λ below the ceiling");
        Expect.Close((model.Visits[2] / 8) / (model.Visits[1] / 16), report.RelocationFactor, "ρ₁/ρ₂");
    }

    [Theory]
    [InlineData(1, 0.3)]
    [InlineData(2, 0.6)]
    [InlineData(12, 0.95)]
    [InlineData(30, 0.99)]
    public void ErlangCHoldsForManyServersNearSaturation(int servers, double load)
    {
        // 24x7 with 1 h service: one server does 168 items a week.
        var demand = load * servers * 168;
        var workflow = new Workflow("Pool")
        {
            DemandPerWeek = demand,
            Stages = new[] { new WorkflowStage("Pool") { Servers = servers, ServiceTimeHours = 1, Calendar = WorkCalendar.AllHours } },
        };

        var stage = WorkflowAnalyzer.Analyze(workflow).Stages[0];

        var wait = IndependentMath.MmmWait(servers, demand, 168);
        Expect.Hours(wait * 168, stage.WaitTime, "Wq");
        Expect.Close(IndependentMath.MmmInSystem(servers, demand, 168), stage.Wip, "L");
    }

    [Fact]
    public void LittlesLawHoldsEvenWhereTheWaitOutrunsATimeSpan()
    {
        // ρ = 1 − 1.25e-12: stable, with an M/M/1 wait of about 1e11 weeks, far past TimeSpan.MaxValue
        // (about 1.5e6 weeks). Rework can land a load this close to 1 by rounding alone.
        var workflow = new Workflow("Hair below saturation")
        {
            DemandPerWeek = 7.99999999999,
            Stages = new[] { new WorkflowStage("Edge") { ServiceTimeHours = 5 } },
        };

        var stage = WorkflowAnalyzer.Analyze(workflow).Stages[0];

        // Whatever the engine chooses for a wait no TimeSpan can hold (null, or treating the stage as
        // saturated), the figures it does report must agree with each other: WIP = a × (Wq + te), Wq ≥ 0.
        if (stage.WaitTime is TimeSpan wait)
        {
            Assert.True(wait >= TimeSpan.Zero, $"negative wait {wait}");
            Expect.Close(stage.ThroughputPerWeek * stage.CycleTime!.Value.TotalHours / 168, stage.Wip, "WIP = a × cycle time");
        }
        else
        {
            Assert.Null(stage.Wip);
        }
    }

    [Fact]
    public void AStageGivenAsACapacitySharesItAmongItsServers()
    {
        var workflow = new Workflow("Rate")
        {
            DemandPerWeek = 15,
            Stages = new[] { new WorkflowStage("Desk") { Servers = 2, CapacityPerWeek = 20 } },
        };

        var stage = WorkflowAnalyzer.Analyze(workflow).Stages[0];

        // Two servers at 10/week each: M/M/2 with A = 1.5.
        Expect.Hours(IndependentMath.MmmWait(2, 15, 10) * 168, stage.WaitTime, "Wq");
        Expect.Close(IndependentMath.MmmInSystem(2, 15, 10), stage.Wip, "L");
    }

    private const string ReleaseTrain = """
        name: Release train
        demand: { rate: 6/week }
        stages:
          - name: Build
            serviceTime: 4h
          - name: Release
            cadence: 2w
        """;

    [Fact]
    public void ACadenceStageWaitsHalfItsCalendarPeriod()
    {
        var report = WorkflowAnalyzer.Analyze(WorkflowYaml.Parse(ReleaseTrain));

        var release = Expect.Stage(report, "Release");
        // 2w is calendar time: 336 h, so an item waits 168 h on average for the next train.
        Expect.Hours(168, release.WaitTime, "Wq[Release]");
        Expect.Hours(168, release.CycleTime, "cycle[Release]");
        Expect.Close(6 * 1.0, release.Wip, "WIP[Release] = 6/week × 1 week");
        Assert.True(release.IsStable);
        Assert.Equal("Build", report.Constraint);

        var buildWeeks = IndependentMath.MmmWait(1, 6, 10) + 0.1;
        Expect.Hours(buildWeeks * 168 + 168, report.LeadTime, "lead time");
        Expect.Close(4 / (buildWeeks * 168 + 168), report.FlowEfficiency, "flow efficiency");
    }

    [Fact]
    public void ABatchLimitedTrainIsACapacityAndCanBeOverloaded()
    {
        var stable = WorkflowAnalyzer.Analyze(WorkflowYaml.Parse(ReleaseTrain + "\n    batchSize: 30"));
        var overloaded = WorkflowAnalyzer.Analyze(WorkflowYaml.Parse(ReleaseTrain.Replace("6/week", "9/week") + "\n    batchSize: 16"));

        var train = Expect.Stage(stable, "Release");
        Expect.Close(15, train.CapacityPerWeek, "μ = 30 per 336 h");
        Expect.Close(6 / 15.0, train.Utilization, "ρ");
        Expect.Hours(168, train.WaitTime, "Wq = cadence / 2 while stable");

        var full = Expect.Stage(overloaded, "Release");
        Expect.Close(9 / 8.0, full.Utilization, "ρ = 9 / (16 per 2 weeks)");
        Assert.False(full.IsStable);
        Assert.Null(full.WaitTime);
        Assert.Null(full.Wip);
        Expect.Close(1, full.QueueGrowthPerWeek, "g = 9 − 8");
        Assert.Equal("Release", overloaded.Constraint);
        Assert.Null(overloaded.LeadTime);
    }
}
