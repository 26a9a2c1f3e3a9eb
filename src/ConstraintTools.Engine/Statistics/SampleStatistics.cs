using System;
using System.Collections.Generic;
using System.Linq;

namespace ConstraintTools.Statistics
{
    /// <summary>Sample estimates: the standard deviation with n − 1, and a mean with its 95 % half-width (SPEC section 5: figures with confidence intervals).</summary>
    internal static class SampleStatistics
    {
        /// <summary>s = √(Σ(x − x̄)² / (n − 1)), from <paramref name="count"/> values (at least 2) and their squared deviations.</summary>
        public static double StandardDeviation(long count, double squaredDeviations) => Math.Sqrt(squaredDeviations / (count - 1));

        /// <summary>The mean of <paramref name="values"/> and its 95 % half-width t(0.975, n−1)·s/√n; no half-width for one value.</summary>
        public static (double? Mean, double? HalfWidth) MeanWithHalfWidth(IEnumerable<double> values)
        {
            var list = values.ToList();
            if (list.Count == 0) return (null, null);
            var mean = list.Average();
            if (list.Count == 1) return (mean, null);
            var variance = list.Sum(v => (v - mean) * (v - mean)) / (list.Count - 1);
            return (mean, StudentT.Quantile975(list.Count - 1) * Math.Sqrt(variance / list.Count));
        }
    }
}
