using System;
using System.Threading.Tasks;

namespace ConstraintTools.Simulation
{
    /// <summary>What to simulate: how long, how much to leave out at the start, how many replications, which seed.</summary>
    public sealed class SimulationOptions
    {
        public TimeSpan Duration { get; set; } = TimeSpan.FromDays(7 * 52);
        public TimeSpan WarmUp { get; set; } = TimeSpan.FromDays(7 * 4);
        public int Replications { get; set; } = 10;
        public int Seed { get; set; } = 1;

        /// <summary>When set, every replication records each stage's WIP this often.</summary>
        public TimeSpan? SampleEvery { get; set; }

        /// <summary>At most this many replications at once; null uses every core.</summary>
        public int? MaxParallelism { get; set; }
    }
}
