using System;

namespace ConstraintTools
{
    /// <summary>
    /// The measured flow through one stage over a window of a work-item log (SPEC section 4). A visit
    /// is a maximal run of an item's consecutive status intervals mapped to the stage (queue or
    /// active); an item that comes back later makes a new visit. Instants are UTC; rates are items
    /// per calendar week (168 h).
    /// </summary>
    public sealed class StageFlow
    {
        public string Workflow { get; internal set; } = "";

        /// <summary>Where the log came from (<see cref="WorkItemLog.Source"/>).</summary>
        public string? Log { get; internal set; }

        public string Stage { get; internal set; } = "";

        /// <summary>1-based position of the stage in the workflow.</summary>
        public int Position { get; internal set; }

        /// <summary>Start of the window (UTC, included).</summary>
        public DateTime From { get; internal set; }

        /// <summary>End of the window (UTC): excluded when given, included when it defaults to the log's last event.</summary>
        public DateTime To { get; internal set; }

        /// <summary>Visits that started in the window.</summary>
        public int Arrivals { get; internal set; }

        /// <summary>Visits that ended in the window (the item moved to a status outside the stage).</summary>
        public int Departures { get; internal set; }

        /// <summary>Arrivals − departures: how much the stage's WIP grew over the window.</summary>
        public int NetFlow => Arrivals - Departures;

        /// <summary>Departures per calendar week of the window; null for a window of zero length.</summary>
        public double? ThroughputPerWeek { get; internal set; }

        /// <summary>Items in the stage just before <see cref="From"/> (visits started earlier and not yet ended). Arrivals − departures = CurrentWip − StartWip.</summary>
        public int StartWip { get; internal set; }

        /// <summary>Items in the stage at <see cref="To"/>: visits still going on as of the window's end.</summary>
        public int CurrentWip { get; internal set; }

        /// <summary>Time-weighted average number of items in a queue status of the stage over the window (the exact integral divided by the window's length).</summary>
        public double? QueueWip { get; internal set; }

        /// <summary>Time-weighted average number of items in an active status of the stage over the window.</summary>
        public double? ActiveWip { get; internal set; }

        /// <summary><see cref="QueueWip"/> + <see cref="ActiveWip"/>.</summary>
        public double? Wip => QueueWip + ActiveWip;

        /// <summary>The stage's servers as the workflow gives them (default 1).</summary>
        public int Servers { get; internal set; }

        /// <summary>
        /// <see cref="ActiveWip"/> / <see cref="Servers"/>: assumes every item in an active status
        /// occupies one server for the whole time, so more active items than servers shows above 1.
        /// </summary>
        public double? Utilization { get; internal set; }

        /// <summary>Mean time in the stage per visit, over the visits that ended in the window (their whole duration, also before <see cref="From"/>); null when none did.</summary>
        public TimeSpan? TimeInStage { get; internal set; }
        /// <summary><see cref="TimeInStage"/> in hours, a number that Export-Csv, ConvertTo-Json and Measure-Object keep.</summary>
        public double? TimeInStageHours => TimeInStage?.TotalHours;

        /// <summary>Median time in stage per visit (nearest rank: the smallest value with at least 50 % of the values at or below it).</summary>
        public TimeSpan? TimeInStageP50 { get; internal set; }
        /// <summary><see cref="TimeInStageP50"/> in hours, a number that Export-Csv, ConvertTo-Json and Measure-Object keep.</summary>
        public double? TimeInStageP50Hours => TimeInStageP50?.TotalHours;

        /// <summary>85th percentile of time in stage per visit (nearest rank).</summary>
        public TimeSpan? TimeInStageP85 { get; internal set; }
        /// <summary><see cref="TimeInStageP85"/> in hours, a number that Export-Csv, ConvertTo-Json and Measure-Object keep.</summary>
        public double? TimeInStageP85Hours => TimeInStageP85?.TotalHours;

        /// <summary>95th percentile of time in stage per visit (nearest rank).</summary>
        public TimeSpan? TimeInStageP95 { get; internal set; }
        /// <summary><see cref="TimeInStageP95"/> in hours, a number that Export-Csv, ConvertTo-Json and Measure-Object keep.</summary>
        public double? TimeInStageP95Hours => TimeInStageP95?.TotalHours;

        /// <summary>Mean time per visit in the stage's queue statuses (visits that ended in the window).</summary>
        public TimeSpan? WaitTime { get; internal set; }
        /// <summary><see cref="WaitTime"/> in hours, a number that Export-Csv, ConvertTo-Json and Measure-Object keep.</summary>
        public double? WaitTimeHours => WaitTime?.TotalHours;

        /// <summary>Mean time per visit in the stage's active statuses (visits that ended in the window). WaitTime + ActiveTime = TimeInStage.</summary>
        public TimeSpan? ActiveTime { get; internal set; }
        /// <summary><see cref="ActiveTime"/> in hours, a number that Export-Csv, ConvertTo-Json and Measure-Object keep.</summary>
        public double? ActiveTimeHours => ActiveTime?.TotalHours;

        public override string ToString() => Stage;
    }
}
