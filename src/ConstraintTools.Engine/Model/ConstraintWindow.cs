using System;

namespace ConstraintTools
{
    /// <summary>What limited the flow in one window of a log, and whether that changed from the window before.</summary>
    public sealed class ConstraintWindow
    {
        public string Workflow { get; internal set; } = "";

        /// <summary>Where the log came from (<see cref="WorkItemLog.Source"/>).</summary>
        public string? Log { get; internal set; }

        /// <summary>Start of the window (UTC, included).</summary>
        public DateTime From { get; internal set; }

        /// <summary>End of the window (UTC, excluded; the log's last change is included in the last window).</summary>
        public DateTime To { get; internal set; }

        public ConstraintVerdict Verdict { get; internal set; }

        /// <summary>The constraining stage when <see cref="Verdict"/> is Stage.</summary>
        public string? Constraint { get; internal set; }

        public ConstraintConfidence Confidence { get; internal set; }

        /// <summary>The constraint's load in the window; with no internal constraint, the most loaded stage's.</summary>
        public double? Load { get; internal set; }

        /// <summary>The runner-up; with no internal constraint, the most loaded stage.</summary>
        public string? NextConstraint { get; internal set; }

        public double? ThroughputPerWeek { get; internal set; }

        /// <summary>True when the verdict or the constraining stage differs from the window before (false for the first).</summary>
        public bool Moved { get; internal set; }

        /// <summary>The whole report of the window: evidence, loads, stages.</summary>
        public FlowConstraintReport Report { get; internal set; } = new FlowConstraintReport();

        public override string ToString() => Report.ToString();
    }
}
