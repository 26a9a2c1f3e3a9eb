using System;
using System.Threading.Tasks;

namespace ConstraintTools.Forecasting
{
    /// <summary>How to run a <see cref="ThroughputForecast"/>.</summary>
    public sealed class ForecastOptions
    {
        /// <summary>The first day of the forecast; a time of day is dropped (a local time is converted to UTC first, an unspecified kind is UTC). Null: the history's <see cref="ThroughputHistory.NextDay"/>.</summary>
        public DateTime? Start { get; set; }

        public int Trials { get; set; } = 10_000;

        public int Seed { get; set; } = 1;

        /// <summary>At most this many chunks of trials at once; null uses every core. The result does not depend on it.</summary>
        public int? MaxParallelism { get; set; }
    }
}
