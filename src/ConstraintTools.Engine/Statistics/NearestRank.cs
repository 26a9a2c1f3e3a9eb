using System;
using System.Collections.Generic;

namespace ConstraintTools.Statistics
{
    /// <summary>
    /// Nearest-rank percentiles (SPEC section 4: p50, p85, p95): the p-th percentile of n sorted values is the value of rank ⌈p·n/100⌉,
    /// the smallest with at least p % of the values at or below it. Flow measures, forecasts, simulated lead times
    /// and the report's percentile lines all read percentiles through it, so that they agree.
    /// </summary>
    internal static class NearestRank
    {
        /// <summary>Where the <paramref name="percent"/>-th percentile sits in a sorted list of <paramref name="count"/> values (count above 0).</summary>
        public static int Index(int count, int percent)
        {
            var rank = (percent * (long)count + 99) / 100; // ⌈p·n/100⌉ in integers
            return (int)Math.Max(rank, 1) - 1;
        }

        /// <summary>The <paramref name="percent"/>-th percentile of <paramref name="sorted"/>, which must be sorted and not empty.</summary>
        public static T Of<T>(IReadOnlyList<T> sorted, int percent) => sorted[Index(sorted.Count, percent)];
    }
}
