using System;
using System.Collections.Generic;
using System.Linq;
using ConstraintTools.Notation;

namespace ConstraintTools.Queueing
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
                        ? $"stage '{Display.Excerpt(network.StageName(members[0]))}' sends all its work back to itself"
                        : $"the stages {Display.Names(members.Select(network.StageName).ToArray(), " → ")} form a loop with no way out";
                    throw new InputException(
                        $"{loop}: work that enters it never finishes; route some of it onward or to done",
                        $"stages[{members[members.Length - 1]}].next");
                }
            }
        }

        /// <summary>Solves x_j = b_j + Σ_{edges i→j} x_i·weight[edge] in place; x holds b on entry.</summary>
        public void Solve(double[] x, double[] weight, EliminationBudget budget)
        {
            foreach (var members in Members)
            {
                SolveComponent(members, x, weight, budget);
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
        public void SolveComponent(int[] members, double[] x, double[] weight, EliminationBudget budget)
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
            new LoopElimination(this, members, x, weight, budget).Solve();
        }

        /// <summary>
        /// Gaussian elimination of (I − Wᵀ) x = b restricted to one loop, pivots chosen by least Markowitz cost
        /// (off-diagonal entries in the pivot's row × in its column). In natural order a loop that many stages send
        /// back to its first stage fills in completely (10,000 stages: 12 s and 4 GB); Markowitz order eliminates the
        /// spokes first and keeps it linear. Each column sums to what its stage sends out of the loop (its exit), and
        /// the diagonal is computed as that exit plus the column's other entries rather than by subtraction, as in
        /// Grassmann–Taksar–Heyman: every operation then adds numbers of one sign, so the visit ratios of a loop with
        /// rare exits come out to full relative precision and never negative.
        /// </summary>
        private sealed class LoopElimination
        {
            private readonly ComponentOrder order;
            private readonly int[] members;
            private readonly double[] x;
            private readonly double[] exit;
            private readonly double[] diagonal;
            private readonly double[] rhs;
            private readonly Dictionary<int, double>[] row;
            private readonly HashSet<int>[] column;
            private readonly bool[] eliminated;
            private readonly bool[] costChanged;
            private readonly List<int> changed = new();
            private readonly MinHeap candidates = new();
            private readonly EliminationBudget budget;

            public LoopElimination(ComponentOrder order, int[] members, double[] x, double[] weight, EliminationBudget budget)
            {
                this.order = order;
                this.budget = budget;
                this.members = members;
                this.x = x;
                var n = members.Length;
                exit = new double[n];
                diagonal = new double[n];
                rhs = new double[n];
                row = new Dictionary<int, double>[n];
                column = new HashSet<int>[n];
                eliminated = new bool[n];
                costChanged = new bool[n];
                for (var l = 0; l < n; l++)
                {
                    exit[l] = 1;
                    rhs[l] = x[members[l]];
                    row[l] = new Dictionary<int, double>();
                    column[l] = new HashSet<int>();
                }
                var network = order.network;
                for (var li = 0; li < n; li++)
                {
                    var i = members[li];
                    for (var k = network.EdgeStart[i]; k < network.EdgeStart[i + 1]; k++)
                    {
                        var target = network.EdgeTarget[k];
                        if (target < 0 || order.componentOf[target] != order.componentOf[i] || weight[k] == 0) continue;
                        exit[li] -= weight[k];
                        var lt = order.localIndex[target];
                        if (lt != li)
                        {
                            row[lt][li] = (row[lt].TryGetValue(li, out var existing) ? existing : 0) - weight[k];
                            column[li].Add(lt);
                        }
                    }
                }
                for (var l = 0; l < n; l++)
                {
                    exit[l] = Math.Max(0, exit[l]);
                    candidates.Push(Cost(l), l);
                }
            }

            public void Solve()
            {
                var pivots = new int[members.Length];
                for (var step = 0; step < pivots.Length; step++)
                {
                    var p = NextPivot();
                    pivots[step] = p;
                    Eliminate(p);
                }
                var solution = new double[members.Length];
                for (var step = pivots.Length - 1; step >= 0; step--)
                {
                    var p = pivots[step];
                    var sum = rhs[p];
                    foreach (var entry in row[p]) sum -= entry.Value * solution[entry.Key];
                    solution[p] = sum / diagonal[p];
                }
                for (var l = 0; l < members.Length; l++) x[members[l]] = solution[l];
            }

            private long Cost(int l) => (long)row[l].Count * column[l].Count;

            private int NextPivot()
            {
                while (true)
                {
                    var (cost, l) = candidates.Pop();
                    if (!eliminated[l] && cost == Cost(l)) return l;
                }
            }

            /// <summary>Subtracts row p from every row with an entry in column p; row p keeps only later pivots.</summary>
            private void Eliminate(int p)
            {
                eliminated[p] = true;
                var pivotRow = row[p];
                var pivot = exit[p];
                foreach (var r in column[p]) pivot -= row[r][p];
                diagonal[p] = pivot;
                foreach (var entry in pivotRow)
                {
                    column[entry.Key].Remove(p);
                    exit[entry.Key] -= entry.Value * exit[p] / pivot;
                }
                foreach (var r in column[p])
                {
                    var target = row[r];
                    var factor = target[p] / pivot;
                    target.Remove(p);
                    rhs[r] -= factor * rhs[p];
                    budget.Spend(pivotRow.Count + 1, members, order.network);
                    foreach (var entry in pivotRow)
                    {
                        var c = entry.Key;
                        if (c == r) continue;
                        if (target.TryGetValue(c, out var current)) target[c] = current - factor * entry.Value;
                        else
                        {
                            target[c] = -factor * entry.Value;
                            column[c].Add(r);
                        }
                    }
                    MarkChanged(r);
                }
                foreach (var c in pivotRow.Keys) MarkChanged(c);
                column[p].Clear();
                foreach (var l in changed)
                {
                    costChanged[l] = false;
                    candidates.Push(Cost(l), l);
                }
                changed.Clear();
            }

            private void MarkChanged(int l)
            {
                if (costChanged[l]) return;
                costChanged[l] = true;
                changed.Add(l);
            }
        }

        /// <summary>A binary min-heap of (cost, stage) with stale entries skipped by the caller.</summary>
        private sealed class MinHeap
        {
            private readonly List<(long Cost, int Item)> items = new();

            public void Push(long cost, int item)
            {
                items.Add((cost, item));
                var at = items.Count - 1;
                while (at > 0)
                {
                    var parent = (at - 1) / 2;
                    if (!Less(items[at], items[parent])) break;
                    (items[at], items[parent]) = (items[parent], items[at]);
                    at = parent;
                }
            }

            public (long Cost, int Item) Pop()
            {
                var top = items[0];
                var last = items[items.Count - 1];
                items.RemoveAt(items.Count - 1);
                if (items.Count == 0) return top;
                items[0] = last;
                var at = 0;
                while (true)
                {
                    var smallest = at;
                    var left = 2 * at + 1;
                    if (left < items.Count && Less(items[left], items[smallest])) smallest = left;
                    if (left + 1 < items.Count && Less(items[left + 1], items[smallest])) smallest = left + 1;
                    if (smallest == at) return top;
                    (items[at], items[smallest]) = (items[smallest], items[at]);
                    at = smallest;
                }
            }

            /// <summary>Ties go to the earlier stage, so the order, and every rounding, is the same on every run.</summary>
            private static bool Less((long Cost, int Item) a, (long Cost, int Item) b) => a.Cost < b.Cost || (a.Cost == b.Cost && a.Item < b.Item);
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
