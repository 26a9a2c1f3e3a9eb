using System;
using System.Collections.Generic;
using System.Linq;
using ConstraintTools.Notation;
using ConstraintTools.Queueing;
using ConstraintTools.Simulation;

namespace ConstraintTools.Tests;

/// <summary>The six shapes of log the inference is judged on (issue 13).</summary>
public enum KnownAnswerKind
{
    /// <summary>One stage at a utilization of 0.88–0.97, every other at most 0.65.</summary>
    HotStage,

    /// <summary>One stage offered 1.05–1.3 times its capacity: its queue grows all through the log.</summary>
    OverloadedStage,

    /// <summary>Every stage at most 0.55: no internal constraint.</summary>
    DemandLimited,

    /// <summary>A hot stage in a workflow where a later stage sends work back to an earlier one.</summary>
    Rework,

    /// <summary>A hot stage whose log has no queue status: its items wait inside its active status.</summary>
    NoQueueStatus,

    /// <summary>Every stage at most 0.65, and a status mapped to no stage ("Waiting for customer") holds much of the lead time.</summary>
    ExternalWait,
}

/// <summary>A log generated from a queueing process whose answer is known, and the workflow to read it with.</summary>
public sealed record KnownAnswerCase(
    KnownAnswerKind Kind,
    int Seed,
    Workflow Simulated,
    Workflow Analysed,
    WorkItemLog Log,
    ConstraintVerdict ExpectedVerdict,
    string? ExpectedConstraint,
    IReadOnlyList<double> OfferedLoads)
{
    public bool IsAnsweredBy(FlowConstraintReport report) =>
        report.Verdict == ExpectedVerdict && ExpectedVerdict switch
        {
            ConstraintVerdict.Stage => string.Equals(report.Constraint, ExpectedConstraint, StringComparison.OrdinalIgnoreCase),
            ConstraintVerdict.UnmeasuredTime => report.UnmappedStatuses.FirstOrDefault() == ExpectedConstraint,
            _ => true,
        };

    public override string ToString() =>
        $"{Kind} seed {Seed}: {Analysed.Stages.Count} stages, {Log.ItemCount} items; expected {ExpectedVerdict} {ExpectedConstraint}; offered loads {string.Join(", ", OfferedLoads.Select(r => r.ToString("0.00")))}";
}

/// <summary>
/// Generates known-answer logs (issue 13's yardstick): 3–6 stages of 1–5 servers with gamma service times of cv
/// 0.5–1.5, Poisson arrivals of 300–3,000 items over 26–52 weeks, the loads of the kind, simulated by
/// <see cref="FlowSimulator.Logs"/>. The workflow to read the log with maps every status but an external wait's,
/// and gives each stage's servers only half of the time (a tracker seldom knows them).
/// </summary>
public static class KnownAnswerLogs
{
    private static readonly string[] Names = { "Analysis", "Design", "Build", "Review", "Test", "Deploy" };
    private static readonly string[] Active = { "Analysing", "Designing", "In Progress", "In Review", "Testing", "Deploying" };
    private const string ExternalStatus = "Waiting for customer";

    public static KnownAnswerCase Generate(KnownAnswerKind kind, int seed)
    {
        // Neighbouring seeds of System.Random start alike; a mixed seed makes each case its own draw.
        var random = new Random(Mix(seed * 8 + (int)kind));
        double Between(double low, double high) => low + (high - low) * random.NextDouble();

        var count = random.Next(3, 7);
        var weeks = random.Next(26, 53);
        var items = random.Next(300, 3001);
        var demandPerWeek = (double)items / weeks;
        var first = random.Next(0, Names.Length - count + 1);
        var names = Names.Skip(first).Take(count).ToArray();
        var active = Active.Skip(first).Take(count).ToArray();
        var constraint = random.Next(count);
        var loads = new double[count];
        for (var s = 0; s < count; s++)
            loads[s] = kind == KnownAnswerKind.DemandLimited ? Between(0.2, 0.55) : Between(0.2, 0.65);
        if (kind == KnownAnswerKind.OverloadedStage) loads[constraint] = Between(1.05, 1.3);
        else if (kind != KnownAnswerKind.DemandLimited && kind != KnownAnswerKind.ExternalWait) loads[constraint] = Between(0.88, 0.97);

        // Rework: a later stage sends a share of its work back to an earlier one; stages in the loop are visited 1/(1 − p) times.
        var (loopFrom, loopTo, reworkShare) = (-1, -1, 0.0);
        if (kind == KnownAnswerKind.Rework)
        {
            loopTo = random.Next(0, count - 1);
            loopFrom = random.Next(loopTo + 1, count);
            reworkShare = Between(0.15, 0.4);
        }
        var visits = Enumerable.Range(0, count).Select(s => s >= loopTo && s <= loopFrom && loopTo >= 0 ? 1 / (1 - reworkShare) : 1).ToArray();

        var stages = new List<WorkflowStage>();
        for (var s = 0; s < count; s++)
        {
            var servers = random.Next(1, 6);
            var serviceHours = loads[s] * servers * Quantity.HoursPerCalendarWeek / (demandPerWeek * visits[s]);
            var next = s + 1 < count ? names[s + 1] : null;
            stages.Add(new WorkflowStage(names[s])
            {
                Servers = servers,
                ServiceTimeHours = serviceHours,
                Cv = Between(0.5, 1.5),
                States = new[] { active[s] },
                QueueStates = kind == KnownAnswerKind.NoQueueStatus && s == constraint ? Array.Empty<string>() : new[] { "Ready for " + names[s] },
                Routes = s == loopFrom ? new[] { new Route(names[loopTo], reworkShare), new Route(next, 1 - reworkShare) } : Array.Empty<Route>(),
            });
        }
        var simulatedStages = stages.ToList();
        if (kind == KnownAnswerKind.ExternalWait)
        {
            // Work waits on the customer after one of the stages, for a time that makes 40–70 % of the lead time.
            var after = random.Next(0, count);
            var inside = WorkflowAnalyzer.Analyze(Build(simulatedStages, demandPerWeek)).LeadTime!.Value.TotalHours;
            var share = Between(0.4, 0.7);
            var waitHours = inside * share / (1 - share);
            simulatedStages.Insert(after + 1, new WorkflowStage("Customer")
            {
                Servers = 10_000,
                ServiceTimeHours = waitHours,
                Cv = Between(0.5, 1.5),
                States = new[] { ExternalStatus },
            });
        }
        var simulated = Build(simulatedStages, demandPerWeek);
        var analysed = new Workflow("Known answer")
        {
            Calendar = WorkCalendar.AllHours,
            DoneStates = new[] { "Done" },
            Stages = stages.Select(s => new WorkflowStage(s.Name)
            {
                Servers = random.Next(2) == 0 ? s.Servers : 1,
                States = s.States,
                QueueStates = s.QueueStates,
                Routes = s.Routes,
            }).ToArray(),
        };
        var options = new SimulationOptions { Duration = TimeSpan.FromDays(7 * weeks), WarmUp = TimeSpan.Zero, Replications = 1, Seed = seed };
        var log = FlowSimulator.Logs(simulated, options, new DateTimeOffset(2025, 1, 6, 8, 0, 0, TimeSpan.Zero), "KA-").Single();

        var (verdict, expected) = kind switch
        {
            KnownAnswerKind.DemandLimited => (ConstraintVerdict.Demand, (string?)null),
            KnownAnswerKind.ExternalWait => (ConstraintVerdict.UnmeasuredTime, ExternalStatus),
            _ => (ConstraintVerdict.Stage, names[constraint]),
        };
        return new KnownAnswerCase(kind, seed, simulated, analysed, log, verdict, expected, loads);
    }

    private static int Mix(int value)
    {
        var z = (ulong)value + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)((z ^ (z >> 31)) & int.MaxValue);
    }

    private static Workflow Build(IReadOnlyList<WorkflowStage> stages, double demandPerWeek) => new("Known answer")
    {
        Calendar = WorkCalendar.AllHours,
        DemandPerWeek = demandPerWeek,
        DoneStates = new[] { "Done" },
        Stages = stages.ToArray(),
    };
}
