using System.Collections.Generic;
using ConstraintTools.Flow;

namespace ConstraintTools.Simulation
{
    /// <summary>What one replication measured from the warm-up to the end (hours, counts, integrals over hours).</summary>
    internal sealed class ReplicationResult
    {
        public ReplicationResult(int stages)
        {
            Arrivals = new int[stages];
            Departures = new int[stages];
            WaitHours = new double[stages];
            CycleHours = new double[stages];
            WipArea = new double[stages];
            BusyArea = new double[stages];
            WipAtWarmUp = new int[stages];
            WipAtEnd = new int[stages];
            MaxWip = new int[stages];
        }

        public int[] Arrivals { get; }
        public int[] Departures { get; }
        public double[] WaitHours { get; }
        public double[] CycleHours { get; }
        public double[] WipArea { get; }
        public double[] BusyArea { get; }
        public int[] WipAtWarmUp { get; }
        public int[] WipAtEnd { get; }
        public int[] MaxWip { get; }
        public List<double> LeadTimes { get; } = new List<double>();
        public List<(double Hours, int[] Wip)> Samples { get; } = new List<(double, int[])>();
        public long Visits { get; set; }
        public int ExternalArrivals { get; set; }
        public int Backlog { get; set; }
    }
}
