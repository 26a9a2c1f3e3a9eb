using System;

namespace ConstraintTools
{
    /// <summary>The whole workflow as the simulation measured it, after the warm-up, with 95 % confidence half-widths over the replications.</summary>
    public sealed class SimulationSummary
    {
        public string Workflow { get; internal set; } = "";
        public int Replications { get; internal set; }
        public int Seed { get; internal set; }

        /// <summary>Simulated calendar time of each replication, warm-up included.</summary>
        public TimeSpan Duration { get; internal set; }

        /// <summary>The first part of each replication, left out of every figure so that the empty start does not bias them.</summary>
        public TimeSpan WarmUp { get; internal set; }

        /// <summary>Items that left the workflow per calendar week.</summary>
        public double ThroughputPerWeek { get; internal set; }
        public double? ThroughputHalfWidthPerWeek { get; internal set; }

        /// <summary>Mean time from arrival (including any wait to be let in) to leaving, over items that left.</summary>
        public TimeSpan? LeadTime { get; internal set; }
        public TimeSpan? LeadTimeHalfWidth { get; internal set; }

        /// <summary>Lead-time percentiles over the items of every replication (nearest rank).</summary>
        public TimeSpan? LeadTimeP50 { get; internal set; }
        public TimeSpan? LeadTimeP85 { get; internal set; }
        public TimeSpan? LeadTimeP95 { get; internal set; }

        /// <summary>Time-weighted average number of items in the stages.</summary>
        public double Wip { get; internal set; }
        public double? WipHalfWidth { get; internal set; }

        /// <summary>Items that left the workflow after the warm-up, over all replications.</summary>
        public long Completed { get; internal set; }

        /// <summary>Items kept out by the entry stage's WIP limit at the end, averaged over the replications.</summary>
        public double Backlog { get; internal set; }

        /// <summary>The stage with the highest simulated utilization.</summary>
        public string? Constraint { get; internal set; }

        /// <summary>Stage visits simulated, over all replications (warm-up included): the work the simulator did.</summary>
        public long StageVisits { get; internal set; }

        public override string ToString() => Workflow;
    }
}
