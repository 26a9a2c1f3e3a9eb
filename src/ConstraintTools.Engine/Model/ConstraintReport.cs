using System;
using System.Collections.Generic;
using ConstraintTools.Queueing;

namespace ConstraintTools
{
    /// <summary>The constraint of one workflow, what it costs and where it moves next.</summary>
    public sealed class ConstraintReport
    {
        public string Workflow { get; internal set; } = "";

        /// <summary>The stage with the highest offered load; null when no stage has a known, finite capacity.</summary>
        public string? Constraint { get; internal set; }

        /// <summary>Offered load of the constraint.</summary>
        public double? Utilization { get; internal set; }

        public double DemandPerWeek { get; internal set; }

        /// <summary>
        /// Items leaving per week in the fluid model: min(demand, ceiling) on a line, and more than the ceiling where an
        /// overloaded stage holds back only its own branch.
        /// </summary>
        public double ThroughputPerWeek { get; internal set; }

        /// <summary>X_max = min μ/V; null when no stage has a known, finite capacity.</summary>
        public double? ThroughputCeilingPerWeek { get; internal set; }

        public string? NextConstraint { get; internal set; }
        public double? NextUtilization { get; internal set; }

        /// <summary>Factor by which the constraint's capacity must grow before the next constraint binds: ρ₁/ρ₂.</summary>
        public double? RelocationFactor { get; internal set; }

        /// <summary>Σ V·(wait + service) over measured stages; null when any stage on the path is unstable.</summary>
        public TimeSpan? LeadTime { get; internal set; }
        /// <summary><see cref="LeadTime"/> in hours, a number that Export-Csv, ConvertTo-Json and Measure-Object keep.</summary>
        public double? LeadTimeHours => LeadTime?.TotalHours;

        /// <summary>Expected items in the workflow; null when unstable.</summary>
        public double? Wip { get; internal set; }

        /// <summary>Hands-on time as a share of lead time.</summary>
        public double? FlowEfficiency { get; internal set; }

        public bool IsStable { get; internal set; }

        /// <summary>Throughput times the workflow's value per item; null when it gives none.</summary>
        public double? ValuePerWeek { get; internal set; }

        /// <summary>Value tied up in work in progress; null without a value per item or when unstable.</summary>
        public double? WipValue { get; internal set; }

        /// <summary>Stages with no service time, capacity or cadence: candidates for a hidden constraint.</summary>
        public IReadOnlyList<string> UnmeasuredStages { get; internal set => field = ItemList.Of(value); } = ItemList<string>.Empty;

        /// <summary>Sentences a person reads: where work piles up, who sits idle, what nobody measures.</summary>
        public IReadOnlyList<string> Evidence { get; internal set => field = ItemList.Of(value); } = ItemList<string>.Empty;

        public IReadOnlyList<StageMetrics> Stages { get; internal set => field = ItemList.Of(value); } = ItemList<StageMetrics>.Empty;

        public override string ToString() => Constraint ?? "(none)";
    }
}
