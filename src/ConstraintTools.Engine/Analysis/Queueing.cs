using System;

namespace ConstraintTools.Analysis
{
    /// <summary>Closed-form queueing results used per stage.</summary>
    internal static class Queueing
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
        /// Allen–Cunneen mean wait in queue, in the time unit of the rates:
        /// C(m, a/μ₁) / (m·μ₁ − a) · (ca² + cs²)/2. Exact for M/M/m and for M/G/1.
        /// </summary>
        public static double AllenCunneenWait(int servers, double arrivalRate, double serverRate, double arrivalScv, double serviceScv) =>
            ErlangC(servers, arrivalRate / serverRate) / (servers * serverRate - arrivalRate) * (arrivalScv + serviceScv) / 2;

        /// <summary>Hopp &amp; Spearman linking equation: squared cv of departures, as α + β·ca².</summary>
        public static (double alpha, double beta) Linking(double utilization, int servers, double serviceScv)
        {
            var u2 = utilization * utilization;
            return (u2 + u2 * (serviceScv - 1) / Math.Sqrt(servers), 1 - u2);
        }
    }
}
