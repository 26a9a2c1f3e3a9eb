using System;

namespace ConstraintTools
{
    /// <summary>
    /// A stage as the simulation measured it, averaged over the replications, with the same properties
    /// as <see cref="StageMetrics"/> so that both can be set side by side, and 95 % confidence
    /// half-widths (Student t over the replications' means; null with a single replication).
    /// </summary>
    public sealed class SimulatedStage
    {
        public string Workflow { get; internal set; } = "";
        public string Stage { get; internal set; } = "";

        /// <summary>1-based position of the stage in the workflow.</summary>
        public int Position { get; internal set; }

        public int Servers { get; internal set; }

        /// <summary>μ from the model; null when the stage is unmeasured or unlimited.</summary>
        public double? CapacityPerWeek { get; internal set; }

        /// <summary>False when nothing says how fast the stage works (no service time, capacity or cadence): it takes no time.</summary>
        public bool IsMeasured { get; internal set; }

        /// <summary>True for a release-train stage: work leaves it only when a train departs.</summary>
        public bool IsCadence { get; internal set; }

        /// <summary>Visits to the stage per item that arrived, after the warm-up.</summary>
        public double VisitRatio { get; internal set; }

        /// <summary>Visits that arrived per calendar week.</summary>
        public double ArrivalRatePerWeek { get; internal set; }

        /// <summary>Busy server time over available server time; null for a stage without a server limit (unmeasured, cadence).</summary>
        public double? Utilization { get; internal set; }

        /// <summary>The same as <see cref="Utilization"/>: in a simulation the share of capacity used is what is measured.</summary>
        public double? BusyFraction => Utilization;

        /// <summary>Visits that left per calendar week.</summary>
        public double ThroughputPerWeek { get; internal set; }

        /// <summary>True for the stage with the highest utilization.</summary>
        public bool IsConstraint { get; internal set; }

        /// <summary>(WIP at the end − WIP at the end of the warm-up) per week: positive where work piles up.</summary>
        public double QueueGrowthPerWeek { get; internal set; }

        /// <summary>Mean wait for a server (or a train) per visit that ended; time a finished item is held by a full next stage counts in <see cref="ServiceTime"/>.</summary>
        public TimeSpan? WaitTime { get; internal set; }
        /// <summary><see cref="WaitTime"/> in hours, a number that Export-Csv, ConvertTo-Json and Measure-Object keep.</summary>
        public double? WaitTimeHours => WaitTime?.TotalHours;

        /// <summary>Mean time in service per visit that ended, blocked time included.</summary>
        public TimeSpan? ServiceTime { get; internal set; }
        /// <summary><see cref="ServiceTime"/> in hours, a number that Export-Csv, ConvertTo-Json and Measure-Object keep.</summary>
        public double? ServiceTimeHours => ServiceTime?.TotalHours;

        /// <summary>Mean time in the stage per visit that ended.</summary>
        public TimeSpan? CycleTime { get; internal set; }
        /// <summary><see cref="CycleTime"/> in hours, a number that Export-Csv, ConvertTo-Json and Measure-Object keep.</summary>
        public double? CycleTimeHours => CycleTime?.TotalHours;

        /// <summary>Time-weighted average number of items in the stage (waiting, in service or blocked).</summary>
        public double Wip { get; internal set; }

        /// <summary>The most items in the stage at once, over every replication (warm-up included): never above a WIP limit, except by rework sent back.</summary>
        public int MaxWip { get; internal set; }

        public double? UtilizationHalfWidth { get; internal set; }
        public double? ThroughputHalfWidthPerWeek { get; internal set; }
        public TimeSpan? WaitTimeHalfWidth { get; internal set; }
        /// <summary><see cref="WaitTimeHalfWidth"/> in hours, a number that Export-Csv, ConvertTo-Json and Measure-Object keep.</summary>
        public double? WaitTimeHalfWidthHours => WaitTimeHalfWidth?.TotalHours;
        public TimeSpan? CycleTimeHalfWidth { get; internal set; }
        /// <summary><see cref="CycleTimeHalfWidth"/> in hours, a number that Export-Csv, ConvertTo-Json and Measure-Object keep.</summary>
        public double? CycleTimeHalfWidthHours => CycleTimeHalfWidth?.TotalHours;
        public double? WipHalfWidth { get; internal set; }

        public int Replications { get; internal set; }

        public override string ToString() => Stage;
    }
}
