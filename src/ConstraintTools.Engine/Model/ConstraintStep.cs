using System.Collections.Generic;

namespace ConstraintTools
{
    /// <summary>One turn of the five focusing steps: the constraint met, and how far it must be elevated.</summary>
    public sealed class ConstraintStep
    {
        public string Workflow { get; internal set; } = "";
        public int Step { get; internal set; }

        /// <summary>The constraint elevated in this step.</summary>
        public string Stage { get; internal set; } = "";

        /// <summary>Its offered load before any elevation.</summary>
        public double Utilization { get; internal set; }

        /// <summary>Factor by which this stage's capacity must exceed its baseline after this step.</summary>
        public double CapacityFactor { get; internal set; }

        public double ThroughputCeilingAfter { get; internal set; }

        /// <summary>min(demand, ceiling after the step).</summary>
        public double ThroughputAfter { get; internal set; }

        /// <summary>The stage that binds next; null when the target is reached or no measured stage is left.</summary>
        public string? NextConstraint { get; internal set; }

        public bool TargetReached { get; internal set; }

        /// <summary>Every capacity factor needed so far, this step included, by stage.</summary>
        public IReadOnlyDictionary<string, double> Elevations { get; internal set; } = new Dictionary<string, double>();

        public override string ToString() => Stage;
    }
}
