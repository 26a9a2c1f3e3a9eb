using System.Globalization;

namespace ConstraintTools
{
    /// <summary>Where work goes after a stage, and with what probability.</summary>
    public sealed class Route
    {
        public Route(string? to, double probability)
        {
            To = to;
            Probability = probability;
        }

        /// <summary>The next stage; null when the work leaves the workflow (done).</summary>
        public string? To { get; }

        public double Probability { get; }

        public bool Exits => To is null;

        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "{0} ({1:0.###})", To ?? "done", Probability);
    }
}
