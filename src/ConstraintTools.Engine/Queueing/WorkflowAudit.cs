using System;
using System.Collections.Generic;
using System.Linq;
using ConstraintTools.Notation;

namespace ConstraintTools.Queueing
{
    /// <summary>Audit rules a flow expert would check, as findings a runbook can filter.</summary>
    public static class WorkflowAudit
    {
        /// <summary>Above this utilization waiting grows steeply (Kingman: wait ∝ u/(1−u)).</summary>
        public const double HighUtilization = 0.85;


        public static IReadOnlyList<AuditFinding> Run(Workflow workflow)
        {
            if (workflow is null) throw new ArgumentNullException(nameof(workflow));
            var report = WorkflowAnalyzer.Analyze(workflow);
            var findings = new List<AuditFinding>();
            void Add(AuditSeverity severity, string rule, string? stage, string message, string recommendation) =>
                findings.Add(new AuditFinding { Workflow = workflow.Name, Severity = severity, Rule = rule, Stage = stage, Message = message, Recommendation = recommendation });

            var constraint = report.Stages.FirstOrDefault(s => s.IsConstraint);
            var constraintBuffer = constraint?.WaitTime is TimeSpan wait ? constraint.InflowPerWeek * Weeks(wait) : (double?)null;
            var downstream = constraint is null ? new HashSet<string>() : new HashSet<string>(Evidence.DownstreamOf(workflow.Network, constraint.Position - 1).Select(i => workflow.Stages[i].Name));

            foreach (var stage in report.Stages)
            {
                var definition = workflow.Stages[stage.Position - 1];
                var name = stage.Stage;
                if (stage.IsMeasured && !stage.IsStable && stage.QueueGrowthPerWeek <= 0 && stage.Utilization < 1)
                {
                    // Below capacity, yet the model calls it unstable: its mean wait is past what a TimeSpan holds.
                    Add(AuditSeverity.Error, "UnstableStage", name,
                        $"{name} is busy {P(stage.BusyFraction ?? 0)} of the time, but with a service time of {Display.Duration(stage.ServiceTime)}, a cv of {N(definition.Cv)} and arrivals of cv {N(stage.ArrivalCv)} its mean wait runs to thousands of years: its queue never settles.",
                        $"Shorten {name}'s service time, cut the variability (cv) of its work and arrivals, or give it more capacity.");
                }
                else if (stage.IsMeasured && !stage.IsStable)
                {
                    Add(AuditSeverity.Error, "UnstableStage", name,
                        stage.QueueGrowthPerWeek > 0
                            ? $"{name} receives {N(stage.InflowPerWeek)} items/week but finishes {N(stage.ThroughputPerWeek)}: its queue grows {N(stage.QueueGrowthPerWeek)} items/week without end."
                            : $"{name} runs at {P(stage.Utilization ?? 1)} of its capacity: its queue never settles.",
                        $"Raise {name}'s capacity by more than x{N(stage.Utilization ?? 1)} (servers, availability or a shorter service time), or cut the work it receives (rework, demand).");
                }
                else if (stage.BusyFraction > HighUtilization)
                {
                    Add(AuditSeverity.Warning, "HighUtilization", name,
                        $"{name} is busy {P(stage.BusyFraction!.Value)} of the time: above {P(HighUtilization)} waiting grows steeply; here {Display.Duration(stage.WaitTime)} per visit.",
                        $"Give {name} x{N(stage.BusyFraction.Value / HighUtilization)} capacity to bring it to {P(HighUtilization)}, or cut variability (cv) of its work and arrivals.");
                }

                if (!stage.IsMeasured && stage.VisitRatio > 0)
                {
                    Add(AuditSeverity.Warning, "UnmeasuredStage", name,
                        $"Nobody measures {name}, which {(stage.VisitRatio >= 1 ? "every item passes" : $"{P(stage.VisitRatio)} of items pass")}: it is left out of every figure.",
                        $"Give {name} a serviceTime, capacity or cadence (or its observed wip); the constraint often hides where nobody measures.");
                }

                if (definition.ObservedWip is int observed && definition.WipLimit is int limit && observed > limit)
                {
                    Add(AuditSeverity.Warning, "WipAboveLimit", name,
                        $"{name} holds {observed} items against a WIP limit of {limit}.",
                        $"Stop starting: pull no new work into {name} until it is back under {limit}, and find what blocks it.");
                }

                if (definition.WipLimit is int cap && stage.ServiceTime is TimeSpan service && stage.InflowPerWeek > 0)
                {
                    var inService = stage.InflowPerWeek * Weeks(service);
                    if (cap < inService)
                        Add(AuditSeverity.Error, "WipLimitTooLow", name,
                            $"{name}'s WIP limit of {cap} cannot carry {N(stage.InflowPerWeek)} items/week: by Little's law that takes {N(inService)} items in service alone.",
                            $"Raise the limit to at least {Math.Ceiling(stage.Wip ?? inService)} items, or shorten {name}'s service time.");
                    else if (stage.Wip is double expected && cap < expected)
                        Add(AuditSeverity.Warning, "WipLimitTooLow", name,
                            $"{name}'s WIP limit of {cap} is below the {N(expected)} items it holds on average at this demand (Little's law): the limit will block work upstream.",
                            $"Raise the limit to {Math.Ceiling(expected)} items, or accept the blocking as a deliberate buffer.");
                }

                if (!stage.IsConstraint && constraintBuffer is double buffer && definition.ObservedWip is int held && held > buffer && held > 0)
                {
                    Add(AuditSeverity.Warning, "ExcessWipAtNonConstraint", name,
                        $"{name} holds {held} items, more than the {N(buffer)} the constraint {constraint!.Stage} keeps in its buffer: the extra work in progress only adds lead time.",
                        $"Lower {name}'s WIP limit and release work at {constraint.Stage}'s pace (drum-buffer-rope).");
                }

                if (downstream.Contains(name) && Evidence.IsIdle(stage))
                {
                    Add(AuditSeverity.Info, "StarvedStage", name,
                        $"{name} is busy only {P(stage.BusyFraction!.Value)} of the time: it waits for {constraint!.Stage}.",
                        $"Do not invest in {name}'s speed; lend its slack to {constraint.Stage} (subordinate to the constraint).");
                }

                if (Evidence.DominantCadenceShareOf(stage, definition, report.LeadTime) is double share)
                {
                    var cadence = definition.Cadence!.Value;
                    Add(AuditSeverity.Warning, "CadenceDominatesLeadTime", name,
                        $"{name} releases every {Display.Duration(cadence)}; waiting for it is {P(share)} of the lead time.",
                        $"Release {name} more often: halving its cadence saves {Display.Duration(TimeSpan.FromTicks((long)(stage.VisitRatio * cadence.Ticks / 4)))} of lead time per item.");
                }
            }
            return findings.OrderBy(f => f.Severity).ToList();
        }

        private static double Weeks(TimeSpan span) => span.TotalHours / Quantity.HoursPerCalendarWeek;
        private static string N(double value) => Display.Number(value);
        private static string P(double fraction) => Display.PercentInText(fraction);
    }
}
