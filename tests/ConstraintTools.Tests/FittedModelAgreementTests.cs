using System;
using System.Collections.Generic;
using System.Linq;
using ConstraintTools.Flow;
using ConstraintTools.Queueing;

namespace ConstraintTools.Tests;

/// <summary>
/// ConvertTo-Workflow's model against the log it was fitted to, on known-answer logs (issue 13): the model's
/// throughput and lead time are the log's within 15 %, and its constraint is the log's verdict.
/// </summary>
public class FittedModelAgreementTests
{
    private static readonly KnownAnswerKind[] StableKinds =
        { KnownAnswerKind.HotStage, KnownAnswerKind.DemandLimited, KnownAnswerKind.Rework, KnownAnswerKind.NoQueueStatus, KnownAnswerKind.ExternalWait };

    private static IEnumerable<(KnownAnswerCase Known, FlowReport Measured, FlowConstraintReport Verdict, Workflow Fitted, ConstraintReport Model)> Fits(IEnumerable<KnownAnswerKind> kinds) =>
        kinds.SelectMany(kind => Enumerable.Range(1, 8).Select(seed => KnownAnswerLogs.Generate(kind, seed))).Select(known =>
        {
            var fitted = WorkflowFit.Fit(known.Log, known.Analysed, out _);
            return (known, FlowMeasurement.Measure(known.Log, known.Analysed), FlowConstraint.Find(known.Log, known.Analysed), fitted, WorkflowAnalyzer.Analyze(fitted));
        });

    private static double Off(double model, double log) => Math.Abs(model - log) / log;

    [Fact]
    public void TheFittedModelDeliversWhatTheLogDidAndItsConstraintIsTheLogsVerdict()
    {
        var fits = Fits(StableKinds.Append(KnownAnswerKind.OverloadedStage)).ToList();

        foreach (var (known, measured, verdict, _, model) in fits)
        {
            Assert.True(Off(model.ThroughputPerWeek, measured.Summary.ThroughputPerWeek!.Value) <= 0.15, $"{known}: throughput {model.ThroughputPerWeek} against {measured.Summary.ThroughputPerWeek}");
            var busiest = model.Stages.Where(s => s.Utilization.HasValue).OrderByDescending(s => s.Utilization!.Value).First();
            switch (verdict.Verdict)
            {
                case ConstraintVerdict.Stage:
                    Assert.Equal(verdict.Constraint, model.Constraint);
                    break;
                case ConstraintVerdict.Demand:
                    Assert.Equal(verdict.NextConstraint, model.Constraint);
                    Assert.True(busiest.Utilization < 0.78, $"{known}: the model's {busiest.Stage} at {busiest.Utilization}");
                    break;
                default:
                    Assert.True(busiest.Utilization < 0.78, $"{known}: the model's {busiest.Stage} at {busiest.Utilization}");
                    Assert.Contains(model.Stages, s => s.Stage == "Waiting for customer" && s.CapacityPerWeek is null);
                    break;
            }
        }
    }

    [Fact]
    public void TheFittedModelsLeadTimeIsTheLogsWithin15PercentWhereTheModelIsStable()
    {
        var fits = Fits(StableKinds).Where(f => f.Model.LeadTime.HasValue).ToList();

        var off = fits.Select(f => (f.Known, Off: Off(f.Model.LeadTime!.Value.Ticks, f.Measured.Summary.LeadTime!.Value.Ticks))).ToList();

        // Seeds 1–8 of five kinds: 38 stable fits, of which 2 with a stage measured at 95 % or more wait longer in the
        // model, whose cv cannot go below 0 to match the months the log covers.
        Assert.True(fits.Count >= 38, $"{fits.Count} stable fits");
        Assert.True(off.Count(o => o.Off <= 0.15) >= fits.Count - 2, string.Join("\n", off.Where(o => o.Off > 0.15).Select(o => $"{o.Known}: {o.Off:P0}")));
        Assert.All(off.Where(o => o.Known.Kind is KnownAnswerKind.DemandLimited or KnownAnswerKind.ExternalWait), o => Assert.True(o.Off <= 0.05, $"{o.Known}: {o.Off:P0}"));
    }
}
