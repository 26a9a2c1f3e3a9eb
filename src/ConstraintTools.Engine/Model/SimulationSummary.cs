using System;
using System.Collections.Generic;

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
        /// <summary><see cref="Duration"/> in hours, a number that Export-Csv, ConvertTo-Json and Measure-Object keep.</summary>
        public double DurationHours => Duration.TotalHours;

        /// <summary>The first part of each replication, left out of every figure so that the empty start does not bias them.</summary>
        public TimeSpan WarmUp { get; internal set; }
        /// <summary><see cref="WarmUp"/> in hours, a number that Export-Csv, ConvertTo-Json and Measure-Object keep.</summary>
        public double WarmUpHours => WarmUp.TotalHours;

        /// <summary>Items that left the workflow per calendar week.</summary>
        public double ThroughputPerWeek { get; internal set; }
        public double? ThroughputHalfWidthPerWeek { get; internal set; }

        /// <summary>Mean time from arrival (including any wait to be let in) to leaving, over items that left.</summary>
        public TimeSpan? LeadTime { get; internal set; }
        /// <summary><see cref="LeadTime"/> in hours, a number that Export-Csv, ConvertTo-Json and Measure-Object keep.</summary>
        public double? LeadTimeHours => LeadTime?.TotalHours;
        public TimeSpan? LeadTimeHalfWidth { get; internal set; }
        /// <summary><see cref="LeadTimeHalfWidth"/> in hours, a number that Export-Csv, ConvertTo-Json and Measure-Object keep.</summary>
        public double? LeadTimeHalfWidthHours => LeadTimeHalfWidth?.TotalHours;

        /// <summary>Lead-time percentiles over the items of every replication (nearest rank).</summary>
        public TimeSpan? LeadTimeP50 { get; internal set; }
        /// <summary><see cref="LeadTimeP50"/> in hours, a number that Export-Csv, ConvertTo-Json and Measure-Object keep.</summary>
        public double? LeadTimeP50Hours => LeadTimeP50?.TotalHours;
        public TimeSpan? LeadTimeP85 { get; internal set; }
        /// <summary><see cref="LeadTimeP85"/> in hours, a number that Export-Csv, ConvertTo-Json and Measure-Object keep.</summary>
        public double? LeadTimeP85Hours => LeadTimeP85?.TotalHours;
        public TimeSpan? LeadTimeP95 { get; internal set; }
        /// <summary><see cref="LeadTimeP95"/> in hours, a number that Export-Csv, ConvertTo-Json and Measure-Object keep.</summary>
        public double? LeadTimeP95Hours => LeadTimeP95?.TotalHours;

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

        /// <summary>
        /// The simulated figures of each stage, as Invoke-FlowSimulation writes them without -Summary: the summary holds
        /// the whole simulation, so that Export-FlowReport -Simulation needs only it.
        /// </summary>
        public IReadOnlyList<SimulatedStage> Stages { get; internal set => field = ItemList.Of(value); } = ItemList<SimulatedStage>.Empty;

        public override string ToString() => Workflow;
    }
}
