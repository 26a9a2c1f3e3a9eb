using System;

namespace ConstraintTools.Queueing
{
    /// <summary>The closed-form queueing results of SPEC section 3, used per stage.</summary>
    internal static class QueueFormulas
    {
        /// <summary>
        /// Erlang C: the probability an arrival waits in an M/M/m queue with offered load
        /// <paramref name="erlangs"/> = λ/μ₁ &lt; m. Computed through the Erlang B recursion,
        /// which stays finite where the factorial form overflows. Once the blocking probability underflows to 0 it
        /// stays there, so servers far beyond the load cost nothing more.
        /// </summary>
        public static double ErlangC(int servers, double erlangs)
        {
            if (erlangs <= 0) return 0;
            var blocking = 1.0;
            for (var k = 1; k <= servers && blocking > 0; k++) blocking = erlangs * blocking / (k + erlangs * blocking);
            return servers * blocking / (servers - erlangs * (1 - blocking));
        }

        /// <summary>
        /// Allen–Cunneen mean wait in queue (SPEC section 3), in the time unit of the rates:
        /// Wq = ErlangC(m, a/μ₁) / (m·μ₁ − a) · (ca² + cs²)/2. Exact for M/M/m and for M/G/1.
        /// </summary>
        public static double AllenCunneenWait(int servers, double arrivalRate, double serverRate, double arrivalScv, double serviceScv) =>
            ErlangC(servers, arrivalRate / serverRate) / (servers * serverRate - arrivalRate) * (arrivalScv + serviceScv) / 2;

        /// <summary>
        /// Hopp &amp; Spearman linking equation (SPEC section 3): cd² = 1 + (1 − u²)(ca² − 1) + u²(cs² − 1)/√m, which is
        /// α + β·ca² with α = u² + u²(cs² − 1)/√m and β = 1 − u². It is returned as (α, β) because the arrival cvs of a
        /// network depend on one another and are solved together, linearly in ca² (Whitt's QNA, in ModelSolution).
        /// </summary>
        public static (double alpha, double beta) Linking(double utilization, int servers, double serviceScv)
        {
            var u2 = utilization * utilization;
            return (u2 + u2 * (serviceScv - 1) / Math.Sqrt(servers), 1 - u2);
        }
    }
}
