using System;
using System.Collections.Generic;
using ConstraintTools.Notation;
using ConstraintTools.Queueing;
using ConstraintTools.Reports;

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
            closesLoop = LoopClosingEdges(network);
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
        private readonly bool[] closesLoop;

        public WorkflowNetwork Network { get; }
        public int Count { get; }
        public int Entry { get; }
        public GammaDuration ArrivalGap { get; }
        public GammaDuration[] Service { get; }
        public int[] Servers { get; }
        public int[] WipLimit { get; }
        public double[] Cadence { get; }
        public int[] BatchSize { get; }

        /// <summary>The next stage after <paramref name="stage"/>, or −1 to leave the workflow; <paramref name="rework"/> when the route closes a loop.</summary>
        public int Route(int stage, ref SimulationRandom random, out bool rework)
        {
            var first = edgeStart[stage];
            var last = edgeStart[stage + 1] - 1;
            var chosen = last;
            if (first < last)
            {
                // Scaled by the sum, which the validation allows to differ from 1 by rounding.
                var u = random.NextDouble() * edgeCumulative[last];
                for (var k = first; k < last; k++)
                    if (u < edgeCumulative[k])
                    {
                        chosen = k;
                        break;
                    }
            }
            rework = closesLoop[chosen];
            return edgeTarget[chosen];
        }

        /// <summary>
        /// The back edges of a depth-first walk of the routing from the entry stage: each loop has one, and
        /// without them the routing has no loop. Letting work along them past a full WIP limit is therefore
        /// enough for no ring of full stages to wait on itself, wherever the stages stand in the list.
        /// </summary>
        private static bool[] LoopClosingEdges(WorkflowNetwork network)
        {
            const byte Unseen = 0, OnPath = 1, Finished = 2;
            var state = new byte[network.Count];
            var closes = new bool[network.EdgeTarget.Length];
            // Iterative: a 100,000-stage line would overflow the stack recursively.
            var path = new Stack<(int Stage, int Edge)>();
            for (var r = 0; r < network.Count; r++)
            {
                // The entry first: stages it cannot reach get no work, so their edges never matter.
                var root = r == 0 ? network.Entry : r == network.Entry ? 0 : r;
                if (state[root] != Unseen) continue;
                state[root] = OnPath;
                path.Push((root, network.EdgeStart[root]));
                while (path.Count > 0)
                {
                    var (stage, edge) = path.Pop();
                    if (edge == network.EdgeStart[stage + 1])
                    {
                        state[stage] = Finished;
                        continue;
                    }
                    path.Push((stage, edge + 1));
                    var target = network.EdgeTarget[edge];
                    if (target < 0) continue;
                    if (state[target] == OnPath) closes[edge] = true;
                    else if (state[target] == Unseen)
                    {
                        state[target] = OnPath;
                        path.Push((target, network.EdgeStart[target]));
                    }
                }
            }
            return closes;
        }
    }
}
