using System;
using System.Collections.Generic;

namespace ConstraintTools
{
    /// <summary>How loaded one stage was over a log's window: what the constraint from a log weighs, stage by stage.</summary>
    public sealed class StageLoad
    {
        public string Workflow { get; internal set; } = "";

        public string Stage { get; internal set; } = "";

        /// <summary>Position of the stage in the workflow (1-based).</summary>
        public int Position { get; internal set; }

        /// <summary>Visits that ended in the window: the evidence behind the stage's figures.</summary>
        public int Visits { get; internal set; }

        /// <summary>Visits ended per calendar week.</summary>
        public double? ThroughputPerWeek { get; internal set; }

        /// <summary>
        /// The share of its capacity the stage used: active WIP per server when the workflow's servers fit the log
        /// (<see cref="ServersEstimated"/> false), else its busy share with the servers and capacity estimated from how fast
        /// it finished work at each number of items it held. Null for a stage with too few visits to tell.
        /// </summary>
        public double? Load { get; internal set; }

        /// <summary>The servers behind <see cref="Load"/>: the workflow's, or the estimate.</summary>
        public int? Servers { get; internal set; }

        /// <summary>True when the servers are estimated from the log: the workflow gives none that fit (more items were active at once), or the stage has no queue status to tell waiting from work.</summary>
        public bool ServersEstimated { get; internal set; }

        /// <summary>Items a week the stage finishes when all its servers are busy.</summary>
        public double? CapacityPerWeek { get; internal set; }

        /// <summary>The most items in the stage's active statuses at once.</summary>
        public int MaxActive { get; internal set; }

        /// <summary>Time-weighted average items in the stage (queue and active).</summary>
        public double? Wip { get; internal set; }

        /// <summary>Time-weighted average items in the stage's queue statuses.</summary>
        public double? QueueWip { get; internal set; }

        /// <summary>Mean time a visit that ended in the window spent in the stage's queue statuses.</summary>
        public TimeSpan? WaitTime { get; internal set; }
        /// <summary><see cref="WaitTime"/> in hours, a number that Export-Csv, ConvertTo-Json and Measure-Object keep.</summary>
        public double? WaitTimeHours => WaitTime?.TotalHours;

        /// <summary>Mean time a visit that ended in the window spent in the stage.</summary>
        public TimeSpan? TimeInStage { get; internal set; }
        /// <summary><see cref="TimeInStage"/> in hours, a number that Export-Csv, ConvertTo-Json and Measure-Object keep.</summary>
        public double? TimeInStageHours => TimeInStage?.TotalHours;

        /// <summary>Share of the finished items' lead time spent in the stage.</summary>
        public double? LeadTimeShare { get; internal set; }

        /// <summary>Time-weighted WIP in the first, middle and last third of the window.</summary>
        public IReadOnlyList<double> WipByThird { get; internal set => field = ItemList.Of(value); } = ItemList<double>.Empty;

        /// <summary>True when the WIP rose through the window: each third above the one before, the last at least twice the first and 3 items more, and still rising in the last third.</summary>
        public bool IsGrowing { get; internal set; }

        public override string ToString() => Stage;
    }
}
