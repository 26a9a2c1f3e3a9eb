using System;
using ConstraintTools.Queueing;

namespace ConstraintTools
{
    /// <summary>A workflow before and after a change to one stage.</summary>
    public sealed class ImprovementResult
    {
        public string Workflow { get; internal set; } = "";
        public string Stage { get; internal set; } = "";
        public string Change { get; internal set; } = "";
        public double ThroughputBefore { get; internal set; }
        public double ThroughputAfter { get; internal set; }

        /// <summary>Throughput change in percent of the baseline; 0 when the baseline delivers nothing.</summary>
        public double ThroughputGainPercent { get; internal set; }

        public TimeSpan? LeadTimeBefore { get; internal set; }
        /// <summary><see cref="LeadTimeBefore"/> in hours, a number that Export-Csv, ConvertTo-Json and Measure-Object keep.</summary>
        public double? LeadTimeBeforeHours => LeadTimeBefore?.TotalHours;
        public TimeSpan? LeadTimeAfter { get; internal set; }
        /// <summary><see cref="LeadTimeAfter"/> in hours, a number that Export-Csv, ConvertTo-Json and Measure-Object keep.</summary>
        public double? LeadTimeAfterHours => LeadTimeAfter?.TotalHours;

        /// <summary>Expected items in the workflow; null when it is unstable (see QueueGrowth).</summary>
        public double? WipBefore { get; internal set; }
        public double? WipAfter { get; internal set; }

        /// <summary>Items per week added to queues across the workflow (fluid model).</summary>
        public double QueueGrowthBefore { get; internal set; }
        public double QueueGrowthAfter { get; internal set; }

        public string? ConstraintBefore { get; internal set; }
        public string? ConstraintAfter { get; internal set; }

        /// <summary>Value delivered per week, where the workflow gives a value per item.</summary>
        public double? ValuePerWeekBefore { get; internal set; }
        public double? ValuePerWeekAfter { get; internal set; }

        /// <summary>Value tied up in work in progress; null without a value per item or when unstable.</summary>
        public double? WipValueBefore { get; internal set; }
        public double? WipValueAfter { get; internal set; }

        /// <summary>What the change does, in plain words.</summary>
        public string Verdict { get; internal set; } = "";

        /// <summary>The workflow's report before the change: one object shared by every row of the same workflow.</summary>
        public ConstraintReport? Before { get; internal set; }

        /// <summary>
        /// The report of the changed workflow, analysed anew each time it is read. A row keeps only the stage it
        /// changed: holding every report would hold a stage table per row, 20 GB for 14,000 stages tried one by one.
        /// </summary>
        public ConstraintReport? After => Baseline is Workflow workflow && Changed is WorkflowStage stage
            ? Queueing.WorkflowAnalyzer.Analyze(Queueing.Improvement.WithStage(workflow, ChangedIndex, stage))
            : null;

        internal Workflow? Baseline { get; set; }
        internal int ChangedIndex { get; set; }
        internal WorkflowStage? Changed { get; set; }

        public override string ToString() => Verdict;
    }
}
