using System;
using ConstraintTools.Analysis;

namespace ConstraintTools.Simulation
{
    /// <summary>A workflow's network as the simulator reads it: times in calendar hours, routing as cumulative probabilities.</summary>
    internal sealed class SimulationModel
    {
        public SimulationModel(WorkflowNetwork network)
        {
            var workflow = network.Workflow;
            Network = network;
            Count = network.Count;
            Entry = network.Entry;
            ArrivalGap = new GammaDuration(workflow.DemandPerWeek > 0 ? Quantity.HoursPerCalendarWeek / workflow.DemandPerWeek : double.PositiveInfinity, workflow.DemandCv);
            Service = new GammaDuration[Count];
            Servers = new int[Count];
            WipLimit = new int[Count];
            Cadence = new double[Count];
            BatchSize = new int[Count];
            edgeStart = network.EdgeStart;
            edgeTarget = network.EdgeTarget;
            edgeCumulative = new double[edgeTarget.Length];
            for (var s = 0; s < Count; s++)
            {
                var stage = workflow.Stages[s];
                var measured = network.Measured[s];
                Service[s] = new GammaDuration(measured ? network.ServiceWeeks[s] * Quantity.HoursPerCalendarWeek : 0, stage.Cv);
                Cadence[s] = network.CadenceWeeks[s] * Quantity.HoursPerCalendarWeek;
                BatchSize[s] = stage.BatchSize ?? 0;
                // Unmeasured and cadence stages hold no server back: they take no time, or release on trains.
                Servers[s] = measured && Cadence[s] == 0 ? stage.Servers : int.MaxValue;
                WipLimit[s] = stage.WipLimit ?? int.MaxValue;
                var sum = 0.0;
                for (var k = edgeStart[s]; k < edgeStart[s + 1]; k++)
                {
                    sum += network.EdgeProbability[k];
                    edgeCumulative[k] = sum;
                }
            }
        }

        private readonly int[] edgeStart;
        private readonly int[] edgeTarget;
        private readonly double[] edgeCumulative;

        public WorkflowNetwork Network { get; }
        public int Count { get; }
        public int Entry { get; }
        public GammaDuration ArrivalGap { get; }
        public GammaDuration[] Service { get; }
        public int[] Servers { get; }
        public int[] WipLimit { get; }
        public double[] Cadence { get; }
        public int[] BatchSize { get; }

        /// <summary>The next stage after <paramref name="stage"/>, or −1 to leave the workflow.</summary>
        public int Route(int stage, ref SimulationRandom random)
        {
            var first = edgeStart[stage];
            var last = edgeStart[stage + 1] - 1;
            if (first == last) return edgeTarget[first];
            // Scaled by the sum, which the validation allows to differ from 1 by rounding.
            var u = random.NextDouble() * edgeCumulative[last];
            for (var k = first; k < last; k++)
                if (u < edgeCumulative[k]) return edgeTarget[k];
            return edgeTarget[last];
        }
    }
}
