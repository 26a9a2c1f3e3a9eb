using System.Linq;
using ConstraintTools.Queueing;
using ConstraintTools.Yaml;

namespace ConstraintTools.Tests;

/// <summary>The sentences of a constraint report, with figures worked by hand.</summary>
public class EvidenceTests
{
    private static string[] Evidence(string yaml) => WorkflowAnalyzer.Analyze(WorkflowYaml.Parse(yaml)).Evidence.ToArray();

    [Fact]
    public void SaysWhereWorkPilesUpAndWhoIsHeldBack()
    {
        // Approve: μ = 0.1 × 40 / (1/3) = 12/wk against 15/wk, so 3/wk pile up. Fix (2 servers of
        // 5 h: μ = 16/wk) is offered 15 × 1.25 = 18.75 (117.2%) but receives only 12 × 1.25 = 15.
        var evidence = Evidence("""
            name: Approvals
            demand: 15/week
            stages:
              - name: Approve
                serviceTime: 20m
                availability: 0.1
              - name: Fix
                servers: 2
                serviceTime: 5h
                next:
                  - { to: Fix, probability: 0.2 }
                  - { to: done, probability: 0.8 }
            """);

        Assert.Equal("Approve is the constraint: demand asks 125% of its capacity (15 of 12 items/week).", evidence[0]);
        Assert.Equal("Demand is 15 items/week; the workflow delivers at most 12, the ceiling Approve sets.", evidence[1]);
        Assert.Contains("Work piles up in front of Approve at 3 items/week: it receives 15 but finishes 12.", evidence);
        Assert.Contains("Fix would need 117.2% of its capacity at full demand, but the stages before it let through only 15 items/week (93.8% busy): it overloads as soon as they are relieved.", evidence);
        Assert.Contains("Elevating Approve by a factor of 1.07 moves the constraint to Fix (offered load 117.2% now).", evidence);
    }

    [Fact]
    public void NamesIdleStagesDownstreamAndADominantCadence()
    {
        // Build ρ = 4/(40/8) = 80%: M/M/1 wait 0.8/(5−4) wk = 134.4 h plus 33.6 h service. Deploy
        // ρ = 4/40 = 10%, and Build's departures stay Poisson (cd² = 1): wait 0.1/36 wk = 0.467 h plus
        // 4.2 h. Release waits 2 weeks / 2 = 168 h: 168 / 340.667 = 49.3% of the lead time.
        var evidence = Evidence("""
            name: Release train
            demand: 4/week
            stages:
              - name: Build
                serviceTime: 8h
              - name: Deploy
                serviceTime: 1h
              - name: Release
                cadence: 2w
            """);

        // Queues: Build holds λ·Wq = 4 × 0.8 = 3.2 items, the release train 4 × 1 = 4 items.
        Assert.Contains("The longest queue is in front of Release: 4 items wait there on average, 1 week per visit.", evidence);
        Assert.Contains("Downstream of Build, Deploy (10% busy) sits idle much of the time: speeding it up adds no throughput.", evidence);
        Assert.Contains("Release releases work every 2 weeks, so items wait 1 week there on average: 49.3% of the lead time.", evidence);
    }

    [Fact]
    public void TurnsTheObservedWipOfAnUnmeasuredStageIntoItsTimeByLittlesLaw()
    {
        // 17 items at 4 a week: 4.25 weeks. Measured lead time: Build M/M/1 with μ = 8,
        // wait 0.5/(8−4) wk = 21 h and service 21 h: 42 h = 1.75 days.
        var evidence = Evidence("""
            name: Discovery
            demand: 4/week
            stages:
              - name: UX research
                wip: 17
              - name: Build
                serviceTime: 5h
            """);

        Assert.Contains("Nobody measures UX research: no service time, capacity or cadence, so it is left out of every figure. The constraint often hides where nobody measures; it is a candidate.", evidence);
        Assert.Contains("UX research holds 17 items while 4 a week arrive: by Little's law each spends about 4.25 weeks there, against 1.75 days for all measured stages together.", evidence);
    }

    [Fact]
    public void SaysWhenNoConstraintCanBeComputedAndWhatNoWorkReaches()
    {
        var evidence = Evidence("""
            name: Unknown
            demand: 1/week
            stages:
              - name: Think
                next: done
              - name: Orphan
                serviceTime: 1h
            """);

        Assert.Equal("No stage has a known, finite capacity, so no constraint can be computed.", evidence[0]);
        Assert.Contains("No work reaches Orphan from the entry stage.", evidence);
    }

    [Fact]
    public void KeepsTheReportOfALargeWorkflowShort()
    {
        // One slow stage and 20 fast ones after it, each 10% busy; then 8 overloaded stages in a row,
        // of which only the first is unstable.
        var fast = string.Concat(Enumerable.Range(1, 20).Select(i => $"  - name: Fast {i}\n    serviceTime: 1h\n"));
        var evidence = Evidence("name: Long\ndemand: 4/week\nstages:\n  - name: Slow\n    serviceTime: 8h\n" + fast);
        var piles = Evidence("name: Piles\ndemand: 20/week\nstages:\n"
            + string.Concat(Enumerable.Range(1, 8).Select(i => $"  - name: Hot {i}\n    serviceTime: {4 - 0.1 * i}h\n")));

        Assert.Contains("Downstream of Slow, Fast 1 (10% busy), Fast 2 (10% busy), Fast 3 (10% busy), Fast 4 (10% busy), Fast 5 (10% busy) and 15 more sit idle much of the time: speeding them up adds no throughput.", evidence);
        Assert.Equal(6, piles.Count(line => line.Contains("would need")));
        Assert.Contains("Also held back, and overloading as soon as the stages before them are relieved: 1 more stage.", piles);
    }
}
