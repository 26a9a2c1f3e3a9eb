using System;
using System.Collections.Generic;
using System.Linq;

namespace ConstraintTools.Analysis
{
    /// <summary>
    /// The routing graph cut into strongly connected components in topological order. Flow
    /// equations of the form x_j = b_j + Σ_i x_i w_ij are then solved one component at a time:
    /// a stage outside any loop costs one step, and a rework loop costs a sparse elimination over
    /// its own stages only. Time grows with stages and edges, never with a dense matrix.
    /// </summary>
    internal sealed class ComponentOrder
    {
        private readonly WorkflowNetwork network;
        private readonly int[] componentOf;
        private readonly int[] localIndex;

        public ComponentOrder(WorkflowNetwork network)
        {
            this.network = network;
            componentOf = new int[network.Count];
            localIndex = new int[network.Count];
            Members = FindComponents();
            for (var c = 0; c < Members.Count; c++)
                for (var l = 0; l < Members[c].Length; l++)
                {
                    componentOf[Members[c][l]] = c;
                    localIndex[Members[c][l]] = l;
                }
        }

        /// <summary>Stages of each component, sorted by stage index; components upstream first.</summary>
        public IReadOnlyList<int[]> Members { get; }

        public void CheckEveryLoopHasAnExit()
        {
            foreach (var members in Members)
            {
                var leaves = false;
                var looped = members.Length > 1;
                foreach (var i in members)
                    for (var k = network.EdgeStart[i]; k < network.EdgeStart[i + 1]; k++)
                    {
                        var target = network.EdgeTarget[k];
                        if (target < 0 || componentOf[target] != componentOf[i]) leaves = true;
                        else if (target == i) looped = true;
                    }
                if (looped && !leaves)
                {
                    var loop = members.Length == 1
                        ? $"stage '{network.StageName(members[0])}' sends all its work back to itself"
                        : $"the stages {string.Join(" → ", members.Select(network.StageName))} form a loop with no way out";
                    throw new WorkflowException(
                        $"{loop}: work that enters it never finishes; route some of it onward or to done",
                        $"stages[{members[members.Length - 1]}].next");
                }
            }
        }

        /// <summary>Solves x_j = b_j + Σ_{edges i→j} x_i·weight[edge] in place; x holds b on entry.</summary>
        public void Solve(double[] x, double[] weight)
        {
            foreach (var members in Members)
            {
                SolveComponent(members, x, weight);
                PushDownstream(members, x, weight, x);
            }
        }

        /// <summary>Adds what a solved component sends to stages outside it: value_i·weight[edge].</summary>
        public void PushDownstream(int[] members, double[] value, double[] weight, double[] x)
        {
            foreach (var i in members)
                for (var k = network.EdgeStart[i]; k < network.EdgeStart[i + 1]; k++)
                {
                    var target = network.EdgeTarget[k];
                    if (target >= 0 && componentOf[target] != componentOf[i]) x[target] += value[i] * weight[k];
                }
        }

        public bool SameComponent(int a, int b) => componentOf[a] == componentOf[b];

        public bool IsInternal(int edge, int source)
        {
            var target = network.EdgeTarget[edge];
            return target >= 0 && componentOf[target] == componentOf[source];
        }

        /// <summary>Solves one component's equations in place, given its inflow from outside in x.</summary>
        public void SolveComponent(int[] members, double[] x, double[] weight)
        {
            if (members.Length == 1)
            {
                var j = members[0];
                var selfWeight = 0.0;
                for (var k = network.EdgeStart[j]; k < network.EdgeStart[j + 1]; k++)
                    if (network.EdgeTarget[k] == j) selfWeight += weight[k];
                x[j] /= 1 - selfWeight;
                return;
            }

            // (I − Wᵀ) x = b restricted to the loop. Its columns are diagonally dominant
            // (a stage routes at most all its flow), so elimination without pivoting is stable.
            var n = members.Length;
            var rows = new Dictionary<int, double>[n];
            var rowsWithColumn = new List<int>[n];
            var rhs = new double[n];
            for (var l = 0; l < n; l++)
            {
                rows[l] = new Dictionary<int, double> { [l] = 1.0 };
                rowsWithColumn[l] = new List<int>();
                rhs[l] = x[members[l]];
            }
            for (var li = 0; li < n; li++)
            {
                var i = members[li];
                for (var k = network.EdgeStart[i]; k < network.EdgeStart[i + 1]; k++)
                {
                    var target = network.EdgeTarget[k];
                    if (target < 0 || componentOf[target] != componentOf[i] || weight[k] == 0) continue;
                    var lt = localIndex[target];
                    var row = rows[lt];
                    if (!row.TryGetValue(li, out var existing) && lt > li) rowsWithColumn[li].Add(lt);
                    row[li] = existing - weight[k];
                }
            }

            for (var p = 0; p < n; p++)
            {
                var pivotRow = rows[p];
                var pivot = pivotRow[p];
                foreach (var r in rowsWithColumn[p])
                {
                    var row = rows[r];
                    if (!row.TryGetValue(p, out var below)) continue;
                    var factor = below / pivot;
                    row.Remove(p);
                    foreach (var entry in pivotRow)
                    {
                        if (entry.Key <= p) continue;
                        if (row.TryGetValue(entry.Key, out var current)) row[entry.Key] = current - factor * entry.Value;
                        else
                        {
                            row[entry.Key] = -factor * entry.Value;
                            if (r > entry.Key) rowsWithColumn[entry.Key].Add(r);
                        }
                    }
                    rhs[r] -= factor * rhs[p];
                }
            }

            var solution = new double[n];
            for (var p = n - 1; p >= 0; p--)
            {
                var sum = rhs[p];
                var diagonal = 1.0;
                foreach (var entry in rows[p])
                {
                    if (entry.Key == p) diagonal = entry.Value;
                    else if (entry.Key > p) sum -= entry.Value * solution[entry.Key];
                }
                solution[p] = sum / diagonal;
            }
            for (var l = 0; l < n; l++) x[members[l]] = solution[l];
        }

        private List<int[]> FindComponents()
        {
            // Iterative Tarjan: a 10,000-stage line would overflow the stack recursively.
            var n = network.Count;
            var order = new int[n];
            var low = new int[n];
            var onStack = new bool[n];
            for (var i = 0; i < n; i++) order[i] = -1;
            var stack = new Stack<int>();
            var callStack = new Stack<(int node, int edge)>();
            var components = new List<int[]>();
            var counter = 0;
            for (var root = 0; root < n; root++)
            {
                if (order[root] >= 0) continue;
                callStack.Push((root, network.EdgeStart[root]));
                order[root] = low[root] = counter++;
                stack.Push(root);
                onStack[root] = true;
                while (callStack.Count > 0)
                {
                    var (node, edge) = callStack.Pop();
                    if (edge < network.EdgeStart[node + 1])
                    {
                        callStack.Push((node, edge + 1));
                        var target = network.EdgeTarget[edge];
                        if (target < 0) continue;
                        if (order[target] < 0)
                        {
                            order[target] = low[target] = counter++;
                            stack.Push(target);
                            onStack[target] = true;
                            callStack.Push((target, network.EdgeStart[target]));
                        }
                        else if (onStack[target]) low[node] = Math.Min(low[node], order[target]);
                        continue;
                    }
                    if (callStack.Count > 0)
                    {
                        var parent = callStack.Peek().node;
                        low[parent] = Math.Min(low[parent], low[node]);
                    }
                    if (low[node] != order[node]) continue;
                    var members = new List<int>();
                    int member;
                    do
                    {
                        member = stack.Pop();
                        onStack[member] = false;
                        members.Add(member);
                    }
                    while (member != node);
                    members.Sort();
                    components.Add(members.ToArray());
                }
            }
            // Tarjan emits a component only after everything downstream of it.
            components.Reverse();
            return components;
        }
    }
}
