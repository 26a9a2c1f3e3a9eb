using System;

namespace ConstraintTools
{
    /// <summary>An open work item: how old it is and where it sits at the measurement time.</summary>
    public sealed class WorkItemAge
    {
        public string Workflow { get; internal set; } = "";

        /// <summary>The item's id in the log.</summary>
        public string Id { get; internal set; } = "";

        /// <summary>The item's first status change (UTC): where its age and its lead time start.</summary>
        public DateTime Started { get; internal set; }

        /// <summary>The measurement time the age is taken at (UTC).</summary>
        public DateTime AsOf { get; internal set; }

        /// <summary><see cref="AsOf"/> − <see cref="Started"/>.</summary>
        public TimeSpan Age { get; internal set; }
        /// <summary><see cref="Age"/> in hours, a number that Export-Csv, ConvertTo-Json and Measure-Object keep.</summary>
        public double AgeHours => Age.TotalHours;

        /// <summary>The item's status at <see cref="AsOf"/>.</summary>
        public string Status { get; internal set; } = "";

        /// <summary>The stage that status maps to; null when it maps to no stage (unmeasured time).</summary>
        public string? Stage { get; internal set; }

        /// <summary>True when the status is one of the stage's queue statuses: the item waits.</summary>
        public bool IsWaiting { get; internal set; }

        /// <summary>Time since the item entered its current stage (this visit), or its current unmapped status run when it is in no stage.</summary>
        public TimeSpan InStage { get; internal set; }
        /// <summary><see cref="InStage"/> in hours, a number that Export-Csv, ConvertTo-Json and Measure-Object keep.</summary>
        public double InStageHours => InStage.TotalHours;

        /// <summary>Times the item has entered its current stage, this visit included: 2 or more means rework.</summary>
        public int Visits { get; internal set; }

        /// <summary>
        /// The share of items finished by <see cref="AsOf"/> whose lead time was shorter than this item's
        /// age: 0.9 means it is already older than 90 % of finished items took. Null when none finished.
        /// </summary>
        public double? OlderThan { get; internal set; }

        public override string ToString() => Id;
    }
}
