using System;
using System.Collections.Generic;
using ConstraintTools.Queueing;

namespace ConstraintTools
{
    /// <summary>How sure an inference from data is: how many independent signals agree, against what speaks against it.</summary>
    public enum ConstraintConfidence
    {
        Low,
        Medium,
        High,
    }

    /// <summary>What a constraint found in a log rests on (SPEC section 4).</summary>
    public enum ConstraintBasis
    {
        /// <summary>Nothing in the log shows time in any stage.</summary>
        None,

        /// <summary>The highest load measured as active WIP per server, where the workflow's servers fit the log.</summary>
        Utilization,

        /// <summary>The highest load where the servers and capacity are estimated from how fast the stage finished work.</summary>
        Throughput,

        /// <summary>WIP that rose through the window, where no stage is loaded enough to constrain.</summary>
        Queue,

        /// <summary>Time in statuses mapped to no stage.</summary>
        Unmeasured,
    }

    /// <summary>What limits the flow a log shows.</summary>
    public enum ConstraintVerdict
    {
        /// <summary>The log holds too little to say.</summary>
        Unknown,

        /// <summary>A stage is the constraint (<see cref="FlowConstraintReport.Constraint"/>).</summary>
        Stage,

        /// <summary>No stage constrains the flow: it is limited by the work that arrives.</summary>
        Demand,

        /// <summary>Most of the time goes to statuses mapped to no stage: waits outside the measured stages.</summary>
        UnmeasuredTime,
    }

    /// <summary>The constraint of a workflow as a work-item log shows it, with the evidence and how confident the inference is.</summary>
    public sealed class FlowConstraintReport
    {
        public string Workflow { get; internal set; } = "";

        /// <summary>Where the log came from (<see cref="WorkItemLog.Source"/>).</summary>
        public string? Log { get; internal set; }

        /// <summary>Start of the window (UTC, included).</summary>
        public DateTime From { get; internal set; }

        /// <summary>End of the window (UTC).</summary>
        public DateTime To { get; internal set; }

        /// <summary>The constraining stage when <see cref="Verdict"/> is Stage; else null.</summary>
        public string? Constraint { get; internal set; }

        public ConstraintVerdict Verdict { get; internal set; }

        public ConstraintConfidence Confidence { get; internal set; }

        public ConstraintBasis Basis { get; internal set; }

        /// <summary>The constraint's load (<see cref="StageLoad.Load"/>): active WIP per server, or its busy share with estimated servers.</summary>
        public double? Utilization { get; internal set; }

        /// <summary>Time-weighted average number of items in the constraint's queue statuses.</summary>
        public double? QueueWip { get; internal set; }

        /// <summary>Arrivals − departures of the constraint over the window.</summary>
        public int? NetFlow { get; internal set; }

        /// <summary>Mean time a visit to the constraint spent in its queue statuses.</summary>
        public TimeSpan? WaitTime { get; internal set; }
        /// <summary><see cref="WaitTime"/> in hours, a number that Export-Csv, ConvertTo-Json and Measure-Object keep.</summary>
        public double? WaitTimeHours => WaitTime?.TotalHours;

        /// <summary>The runner-up by load: where the constraint would go next; with no internal constraint, the most loaded stage.</summary>
        public string? NextConstraint { get; internal set; }

        /// <summary>The load of <see cref="NextConstraint"/>.</summary>
        public double? NextUtilization { get; internal set; }

        /// <summary>
        /// With a Demand verdict: a fifth or more of what arrived in the window (and 3 items or more) is still open at its
        /// end, so the stages were still filling (a short export that starts with an empty board) and no constraint is
        /// visible yet, rather than demand shown to be the limit.
        /// </summary>
        public bool StillFilling { get; internal set; }

        /// <summary>Items finished per calendar week of the window.</summary>
        public double? ThroughputPerWeek { get; internal set; }

        /// <summary>Items started per calendar week of the window: the demand the log shows.</summary>
        public double? ArrivalsPerWeek { get; internal set; }

        /// <summary>Share of the finished items' lead time spent in statuses mapped to no stage.</summary>
        public double? UnmeasuredShare { get; internal set; }

        /// <summary>Statuses mapped to no stage, those holding the most lead time first.</summary>
        public IReadOnlyList<string> UnmappedStatuses { get; internal set => field = ItemList.Of(value); } = ItemList<string>.Empty;

        /// <summary>Sentences a person reads: what points at the constraint and what speaks against it.</summary>
        public IReadOnlyList<string> Evidence { get; internal set => field = ItemList.Of(value); } = ItemList<string>.Empty;

        /// <summary>Each stage's load, capacity and WIP trend: what the verdict weighs.</summary>
        public IReadOnlyList<StageLoad> Loads { get; internal set => field = ItemList.Of(value); } = ItemList<StageLoad>.Empty;

        /// <summary>The measured flow the inference rests on, one per stage.</summary>
        public IReadOnlyList<StageFlow> Stages { get; internal set => field = ItemList.Of(value); } = ItemList<StageFlow>.Empty;

        public FlowSummary Summary { get; internal set; } = new FlowSummary();

        public override string ToString() => Verdict switch
        {
            ConstraintVerdict.Stage => Constraint ?? "",
            ConstraintVerdict.Demand => "(demand)",
            ConstraintVerdict.UnmeasuredTime => "(unmeasured time)",
            _ => "(unknown)",
        };
    }
}
