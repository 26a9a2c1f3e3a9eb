using System;
using System.Collections.Generic;

namespace ConstraintTools
{
    /// <summary>
    /// The end-to-end flow of a work-item log over a window (SPEC section 4). An item starts at its
    /// first event and is finished at its first entry into a done status after its last non-done
    /// status; a reopened item is open again.
    /// </summary>
    public sealed class FlowSummary
    {
        public string Workflow { get; internal set; } = "";

        /// <summary>Where the log came from (<see cref="WorkItemLog.Source"/>).</summary>
        public string? Log { get; internal set; }

        /// <summary>Start of the window (UTC, included).</summary>
        public DateTime From { get; internal set; }

        /// <summary>End of the window (UTC): excluded when given, included when it defaults to the log's last event.</summary>
        public DateTime To { get; internal set; }

        /// <summary>Items with at least one event up to the window's end.</summary>
        public int Items { get; internal set; }

        /// <summary>Items whose first event lies in the window.</summary>
        public int Started { get; internal set; }

        /// <summary>Items finished in the window (their finish instant lies in it).</summary>
        public int Finished { get; internal set; }

        /// <summary>
        /// Items that left the flow in the window as discarded outcomes (the log's ExcludedItems): counted neither in
        /// Finished nor among the open items.
        /// </summary>
        public int Discarded { get; internal set; }

        /// <summary>Finished items per calendar week of the window; null for a window of zero length.</summary>
        public double? ThroughputPerWeek { get; internal set; }

        /// <summary>Mean lead time (finish − first event) of the items finished in the window.</summary>
        public TimeSpan? LeadTime { get; internal set; }
        /// <summary><see cref="LeadTime"/> in hours, a number that Export-Csv, ConvertTo-Json and Measure-Object keep.</summary>
        public double? LeadTimeHours => LeadTime?.TotalHours;

        /// <summary>Median lead time (nearest rank).</summary>
        public TimeSpan? LeadTimeP50 { get; internal set; }
        /// <summary><see cref="LeadTimeP50"/> in hours, a number that Export-Csv, ConvertTo-Json and Measure-Object keep.</summary>
        public double? LeadTimeP50Hours => LeadTimeP50?.TotalHours;

        /// <summary>85th percentile of lead time (nearest rank).</summary>
        public TimeSpan? LeadTimeP85 { get; internal set; }
        /// <summary><see cref="LeadTimeP85"/> in hours, a number that Export-Csv, ConvertTo-Json and Measure-Object keep.</summary>
        public double? LeadTimeP85Hours => LeadTimeP85?.TotalHours;

        /// <summary>95th percentile of lead time (nearest rank).</summary>
        public TimeSpan? LeadTimeP95 { get; internal set; }
        /// <summary><see cref="LeadTimeP95"/> in hours, a number that Export-Csv, ConvertTo-Json and Measure-Object keep.</summary>
        public double? LeadTimeP95Hours => LeadTimeP95?.TotalHours;

        /// <summary>Σ time in active statuses / Σ lead time, over the items finished in the window.</summary>
        public double? FlowEfficiency { get; internal set; }

        /// <summary>Items not done at the window's end.</summary>
        public int OpenItems { get; internal set; }

        /// <summary>Mean work item age of the open items at the window's end (window end − first event).</summary>
        public TimeSpan? AverageAge { get; internal set; }
        /// <summary><see cref="AverageAge"/> in hours, a number that Export-Csv, ConvertTo-Json and Measure-Object keep.</summary>
        public double? AverageAgeHours => AverageAge?.TotalHours;

        /// <summary>The oldest open item's age at the window's end.</summary>
        public TimeSpan? MaxAge { get; internal set; }
        /// <summary><see cref="MaxAge"/> in hours, a number that Export-Csv, ConvertTo-Json and Measure-Object keep.</summary>
        public double? MaxAgeHours => MaxAge?.TotalHours;

        /// <summary>Share of the items finished in the window that visited some stage more than once.</summary>
        public double? ReworkRate { get; internal set; }

        /// <summary>Σ time in statuses mapped to no stage and not done / Σ lead time, over the items finished in the window.</summary>
        public double? UnmeasuredShare { get; internal set; }

        /// <summary>Statuses of the log that map to no stage and are not done (case-insensitive), in order of first appearance.</summary>
        public IReadOnlyList<string> UnmappedStatuses { get; internal set => field = ItemList.Of(value); } = ItemList<string>.Empty;

        public override string ToString() => Workflow;
    }
}
