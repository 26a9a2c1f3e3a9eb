using System;

namespace ConstraintTools
{
    /// <summary>
    /// One row of a cumulative flow diagram: how many items sat in one stage (or were done, or in
    /// statuses mapped to no stage) at the end of one interval. Stacking <see cref="Count"/> in
    /// <see cref="Position"/> order gives the diagram's bands.
    /// </summary>
    public sealed class CumulativeFlowPoint
    {
        /// <summary>The stage name for the row of the items that are done.</summary>
        public const string DoneRow = "Done";

        /// <summary>The stage name for the row of the items in statuses mapped to no stage.</summary>
        public const string UnmappedRow = "(unmapped)";

        public string Workflow { get; internal set; } = "";

        /// <summary>Start of the interval (UTC); intervals are aligned to whole multiples of their length (days at midnight UTC, weeks on Mondays).</summary>
        public DateTime Date { get; internal set; }

        /// <summary>The instant the counts are taken: the end of the interval, or the window's end for the last one. Changes before it count.</summary>
        public DateTime AsOf { get; internal set; }

        /// <summary>The stage, <see cref="DoneRow"/> or <see cref="UnmappedRow"/>.</summary>
        public string Stage { get; internal set; } = "";

        /// <summary>Order of the band: stages 1…n, then the unmapped row, then Done.</summary>
        public int Position { get; internal set; }

        /// <summary>Items in the stage at <see cref="AsOf"/>; for Done, items finished in the window and still done.</summary>
        public int Count { get; internal set; }

        /// <summary>Of <see cref="Count"/>, items in a queue status of the stage; null for the Done and unmapped rows.</summary>
        public int? Queue { get; internal set; }

        /// <summary>Of <see cref="Count"/>, items in an active status of the stage; null for the Done and unmapped rows.</summary>
        public int? Active { get; internal set; }

        /// <summary>Visits to the stage that started from the window's start up to <see cref="AsOf"/>; for Done, entries into a done status. Null for the unmapped row.</summary>
        public int? CumulativeArrivals { get; internal set; }

        /// <summary>Visits to the stage that ended from the window's start up to <see cref="AsOf"/>; null for the Done and unmapped rows.</summary>
        public int? CumulativeDepartures { get; internal set; }

        public override string ToString() => $"{Date:yyyy-MM-dd} {Stage} {Count}";
    }
}
