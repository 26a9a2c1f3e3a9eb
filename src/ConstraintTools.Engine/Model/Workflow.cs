using System;
using System.Collections.Generic;
using ConstraintTools.Queueing;

namespace ConstraintTools
{
    /// <summary>An end-to-end workflow: demand entering a network of stages.</summary>
    public sealed class Workflow
    {
        /// <summary>Ten times the largest workflow benchmarked (10,000 stages in 0.14 s): beyond it a file is a mistake, not a workflow.</summary>
        public const int MaxStages = 100_000;

        /// <summary>
        /// The queueing formulas cost a step per server; a million people or machines at one stage is already a
        /// typo, and an automated stage without a queue is better given as a capacity or left unmeasured.
        /// </summary>
        public const int MaxServers = 1_000_000;

        /// <summary>
        /// The largest coefficient of variation a demand or stage may have. The simulator draws a gamma of shape
        /// 1/cv², and at 0.01 (cv 10) its draws still have the right mean and cv over millions; beyond it a rare
        /// few items take nearly all the time, so a run sees almost none of it and reports an idle stage.
        /// </summary>
        public const double MaxCv = 10;

        private WorkflowNetwork? network;

        public Workflow(string name) => Name = name;

        /// <summary>A copy of <paramref name="template"/>, to change with an object initializer.</summary>
        public Workflow(Workflow template)
        {
            Name = template.Name;
            Source = template.Source;
            Calendar = template.Calendar;
            DemandPerWeek = template.DemandPerWeek;
            DemandCv = template.DemandCv;
            EntryStage = template.EntryStage;
            ValuePerItem = template.ValuePerItem;
            Stages = template.Stages;
            DoneStates = template.DoneStates;
        }

        public string Name { get; }

        /// <summary>The file the workflow was read from, if any.</summary>
        public string? Source { get; init; }

        public WorkCalendar Calendar { get; init; } = WorkCalendar.Default;

        /// <summary>Work entering the system, items per calendar week.</summary>
        public double DemandPerWeek { get; init; }

        /// <summary>Coefficient of variation of inter-arrival times.</summary>
        public double DemandCv { get; init; } = 1;

        /// <summary>The stage new work enters; null means the first stage.</summary>
        public string? EntryStage { get; init; }

        /// <summary>Value of one delivered item, for throughput accounting.</summary>
        public double? ValuePerItem { get; init; }

        public IReadOnlyList<WorkflowStage> Stages { get; init => field = ItemList.Of(value); } = ItemList<WorkflowStage>.Empty;

        /// <summary>Log statuses that mean the work is finished.</summary>
        public IReadOnlyList<string> DoneStates { get; init => field = ItemList.Of(value); } = ItemList<string>.Empty;

        /// <summary>The validated routing network; built once, since a workflow never changes.</summary>
        internal WorkflowNetwork Network => network ??= WorkflowNetwork.Compile(this);

        /// <summary>Checks the workflow and throws a <see cref="InputException"/> naming the faulty field.</summary>
        public void Validate() => _ = Network;

        public override string ToString() => Name;
    }
}
