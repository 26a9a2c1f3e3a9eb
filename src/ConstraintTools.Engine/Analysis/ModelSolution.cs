using System;

namespace ConstraintTools.Analysis
{
    /// <summary>The model analytics of SPEC section 3, on a validated network.</summary>
    internal sealed class ModelSolution
    {
        private static readonly double MaxWaitWeeks = TimeSpan.MaxValue.TotalHours / Quantity.HoursPerCalendarWeek / 2;
        private readonly bool[] stable;

        public ModelSolution(WorkflowNetwork network)
        {
            Network = network;
            var n = network.Count;
            Lambda = network.Workflow.DemandPerWeek;
            Visits = SolveVisits(network);
            (Arrivals, Departures) = SolveFluid(network, Lambda);
            ArrivalScv = SolveArrivalVariability(network, Lambda, Arrivals, Departures);
            Load = new double[n];
            WaitWeeks = new double?[n];
            stable = new bool[n];
            for (var i = 0; i < n; i++)
            {
                Load[i] = double.IsPositiveInfinity(network.Capacity[i]) ? 0 : Visits[i] / network.Capacity[i];
                var wait = Wait(i);
                stable[i] = Arrivals[i] < network.Capacity[i] && !(wait > MaxWaitWeeks);
                WaitWeeks[i] = stable[i] ? wait : null;
            }
        }

        public WorkflowNetwork Network { get; }
        public double Lambda { get; }
        public double[] Visits { get; }
        public double[] Arrivals { get; }
        public double[] Departures { get; }
        public double[] ArrivalScv { get; }

        /// <summary>Demand per item, V/μ, in weeks (Denning–Buzen D): λ·D is the offered load ρ.</summary>
        public double[] Load { get; }

        public double?[] WaitWeeks { get; }

        /// <summary>
        /// Arrivals below capacity, and a wait a TimeSpan can hold: a load within rounding of
        /// capacity waits longer than 29,000 years, which is no steady state anyone will see.
        /// </summary>
        public bool IsStable(int i) => stable[i];


        public bool CanBeConstraint(int i) =>
            Network.Measured[i] && !double.IsPositiveInfinity(Network.Capacity[i]) && Visits[i] > 0;

        private double? Wait(int i)
        {
            if (!Network.Measured[i] || Arrivals[i] >= Network.Capacity[i]) return null;
            if (Network.CadenceWeeks[i] > 0) return Network.CadenceWeeks[i] / 2;
            var servers = Network.Servers[i];
            var serviceCv = Network.Workflow.Stages[i].Cv;
            return Queueing.AllenCunneenWait(servers, Arrivals[i], Network.Capacity[i] / servers, ArrivalScv[i], serviceCv * serviceCv);
        }

        /// <summary>Traffic equations V_j = e_j + Σ_i V_i P_ij.</summary>
        private static double[] SolveVisits(WorkflowNetwork network)
        {
            var visits = new double[network.Count];
            visits[network.Entry] = 1;
            network.Components.Solve(visits, network.EdgeProbability);
            return visits;
        }

        /// <summary>
        /// Fluid model a_j = λe_j + Σ_i min(a_i, μ_i)·P_ij. Within a loop this is Newton's method on a
        /// convex piecewise-linear system: start with no stage saturated, then keep only the stages
        /// whose arrivals still exceed capacity. The saturated set only shrinks, so it ends within
        /// as many rounds as the loop has stages.
        /// </summary>
        private static (double[] arrivals, double[] departures) SolveFluid(WorkflowNetwork network, double lambda)
        {
            var n = network.Count;
            var arrivals = new double[n];
            var departures = new double[n];
            var weight = (double[])network.EdgeProbability.Clone();
            var saturated = new bool[n];
            var external = new double[n];
            arrivals[network.Entry] = lambda;
            foreach (var members in network.Components.Members)
            {
                foreach (var j in members) external[j] = arrivals[j];
                for (var round = 0; ; round++)
                {
                    foreach (var j in members) arrivals[j] = external[j];
                    foreach (var i in members)
                        for (var k = network.EdgeStart[i]; k < network.EdgeStart[i + 1]; k++)
                        {
                            if (!network.Components.IsInternal(k, i)) continue;
                            weight[k] = saturated[i] ? 0 : network.EdgeProbability[k];
                            if (saturated[i]) arrivals[network.EdgeTarget[k]] += network.Capacity[i] * network.EdgeProbability[k];
                        }
                    network.Components.SolveComponent(members, arrivals, weight);
                    var changed = false;
                    foreach (var i in members)
                    {
                        var overloaded = arrivals[i] > network.Capacity[i];
                        var next = round == 0 ? overloaded : saturated[i] && overloaded;
                        changed |= next != saturated[i];
                        saturated[i] = next;
                    }
                    if (!changed) break;
                }
                foreach (var i in members) departures[i] = Math.Min(arrivals[i], network.Capacity[i]);
                network.Components.PushDownstream(members, departures, network.EdgeProbability, arrivals);
            }
            return (arrivals, departures);
        }

        /// <summary>
        /// Whitt's QNA: squared cv of the arrivals to each stage. Solved for y_j = a_j·ca_j², which is
        /// linear: y_j = λe_j·c0² + Σ_i d_i P_ij (1 − P_ij + P_ij α_i) + Σ_i y_i · d_i P_ij² β_i / a_i,
        /// with cd_i² = α_i + β_i ca_i² from the linking equation and u_i = d_i/μ_i.
        /// </summary>
        private static double[] SolveArrivalVariability(WorkflowNetwork network, double lambda, double[] arrivals, double[] departures)
        {
            var n = network.Count;
            var y = new double[n];
            var weight = new double[network.EdgeTarget.Length];
            var demandCv = network.Workflow.DemandCv;
            y[network.Entry] = lambda * demandCv * demandCv;
            for (var i = 0; i < n; i++)
            {
                var capacity = network.Capacity[i];
                var utilization = double.IsPositiveInfinity(capacity) ? 0 : Math.Min(1, departures[i] / capacity);
                var cv = network.Workflow.Stages[i].Cv;
                var (alpha, beta) = Queueing.Linking(utilization, network.Servers[i], cv * cv);
                for (var k = network.EdgeStart[i]; k < network.EdgeStart[i + 1]; k++)
                {
                    var target = network.EdgeTarget[k];
                    if (target < 0) continue;
                    var p = network.EdgeProbability[k];
                    y[target] += departures[i] * p * (1 - p + p * alpha);
                    weight[k] = arrivals[i] > 0 ? departures[i] * p * p * beta / arrivals[i] : 0;
                }
            }
            network.Components.Solve(y, weight);
            for (var j = 0; j < n; j++) y[j] = arrivals[j] > 0 ? y[j] / arrivals[j] : 1;
            return y;
        }
    }
}
