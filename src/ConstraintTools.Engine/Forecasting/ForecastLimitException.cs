using System;
using System.Threading.Tasks;

namespace ConstraintTools.Forecasting
{
    /// <summary>A trial that would run past <see cref="ThroughputForecast.MaxDays"/>: the history's throughput is too low for the question.</summary>
    public sealed class ForecastLimitException : Exception
    {
        public ForecastLimitException(string message) : base(message) { }
    }
}
