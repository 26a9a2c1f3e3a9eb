using System;
using ConstraintTools.Simulation;

namespace ConstraintTools
{
    /// <summary>The WIP of one stage at one instant of one replication, for charts.</summary>
    public sealed class WipSample
    {
        public string Workflow { get; internal set; } = "";

        /// <summary>1-based replication number.</summary>
        public int Replication { get; internal set; }

        /// <summary>Simulated calendar time since the start.</summary>
        public TimeSpan Time { get; internal set; }
        /// <summary><see cref="Time"/> in hours, a number that Export-Csv, ConvertTo-Json and Measure-Object keep.</summary>
        public double TimeHours => Time.TotalHours;

        public string Stage { get; internal set; } = "";
        public int Wip { get; internal set; }

        public override string ToString() => $"{Replication} {Time} {Stage} {Wip}";
    }
}
