using System;
using System.Globalization;
using ConstraintTools.Notation;
using ConstraintTools.Simulation;

namespace ConstraintTools.Queueing
{
    /// <summary>The model analytics of SPEC section 3, on a validated network.</summary>
    internal sealed class ModelSolution
    {
        private static readonly double MaxWaitWeeks = TimeSpan.MaxValue.TotalHours / Quantity.HoursPerCalendarWeek / 2;
        private readonly bool[] stable;
        private readonly EliminationBudget budget = new();

        public EliminationBudget Budget => budget;

        public ModelSolution(WorkflowNetwork network)
        {
            Network = network;
            var n = network.Count;
            Lambda = network.Workflow.DemandPerWeek;
            Visits = SolveVisits(network, budget);
            (Arrivals, Departures) = SolveFluid(network, Lambda, budget);
            ArrivalScv = SolveArrivalVariability(network, Lambda, Arrivals, Departures, budget);
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
            return QueueFormulas.AllenCunneenWait(servers, Arrivals[i], Network.Capacity[i] / servers, ArrivalScv[i], serviceCv * serviceCv);
        }

        /// <summary>
        /// Visits of one stage per item beyond which a workflow is refused: rework that returns an item a million
        /// times is a mistyped probability, and past about 1e300 the figures overflow to infinity.
        /// </summary>
        public const double MaxVisitRatio = 1e6;

        /// <summary>Traffic equations V_j = e_j + Σ_i V_i P_ij (SPEC section 3).</summary>
        private static double[] SolveVisits(WorkflowNetwork network, EliminationBudget budget)
        {
            var visits = new double[network.Count];
            visits[network.Entry] = 1;
            network.Components.Solve(visits, network.EdgeProbability, budget);
            var most = 0;
            for (var i = 1; i < visits.Length; i++)
                if (!(visits[i] <= visits[most])) most = i;
            if (!(visits[most] <= MaxVisitRatio))
                throw new InputException(string.Format(CultureInfo.InvariantCulture,
                    "stage '{0}': rework loops bring an item to it {1} on average, more than the {2:N0} allowed; an item that loops this often never finishes: lower the probabilities that send work back",
                    Display.Excerpt(network.StageName(most)), double.IsInfinity(visits[most]) ? "more times than a number holds" : visits[most].ToString("G3", CultureInfo.InvariantCulture) + " times",
                    MaxVisitRatio), "stages");
            return visits;
        }

        /// <summary>
        /// Fluid model a_j = λe_j + Σ_i min(a_i, μ_i)·P_ij. Within a loop this is Newton's method on a
        /// convex piecewise-linear system: start with no stage saturated, then keep only the stages
        /// whose arrivals still exceed capacity. The saturated set only shrinks, so it ends within
        /// as many rounds as the loop has stages.
        /// </summary>
        private static (double[] arrivals, double[] departures) SolveFluid(WorkflowNetwork network, double lambda, EliminationBudget budget)
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
                    network.Components.SolveComponent(members, arrivals, weight, budget);
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
        private static double[] SolveArrivalVariability(WorkflowNetwork network, double lambda, double[] arrivals, double[] departures, EliminationBudget budget)
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
                var (alpha, beta) = QueueFormulas.Linking(utilization, network.Servers[i], cv * cv);
                for (var k = network.EdgeStart[i]; k < network.EdgeStart[i + 1]; k++)
                {
                    var target = network.EdgeTarget[k];
                    if (target < 0) continue;
                    var p = network.EdgeProbability[k];
                    y[target] += departures[i] * p * (1 - p + p * alpha);
                    weight[k] = arrivals[i] > 0 ? departures[i] * p * p * beta / arrivals[i] : 0;
                }
            }
            network.Components.Solve(y, weight, budget);
            for (var j = 0; j < n; j++) y[j] = arrivals[j] > 0 ? y[j] / arrivals[j] : 1;
            return y;
        }
    }
}
