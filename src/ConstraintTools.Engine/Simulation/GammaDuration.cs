namespace ConstraintTools.Simulation
{
    /// <summary>
    /// A duration with a given mean and coefficient of variation: gamma, fixed when the cv is 0, and normal when
    /// the cv is so small that the gamma's shape 1/cv² would be huge or infinite (below a cv of about 1e-154 it
    /// overflows, and every draw came out NaN).
    /// </summary>
    internal readonly struct GammaDuration
    {
        /// <summary>Below this cv the gamma's skewness, 2·cv, is under 0.002: a normal of the same mean and cv is as good.</summary>
        internal const double NormalBelowCv = 1e-3;

        private readonly double shape;
        private readonly double scale;
        private readonly double normalSd;

        public GammaDuration(double mean, double cv)
        {
            Mean = mean;
            shape = 0;
            scale = 0;
            normalSd = 0;
            if (cv <= 0 || mean <= 0) return;
            if (cv < NormalBelowCv)
            {
                normalSd = mean * cv;
                return;
            }
            shape = 1 / (cv * cv);
            scale = mean / shape;
        }

        public double Mean { get; }

        /// <summary>
        /// A draw; a normal one cannot go below 0, since that takes 1,000 standard deviations and the polar
        /// method yields at most about 12.
        /// </summary>
        public double Sample(ref SimulationRandom random) =>
            shape > 0 ? random.NextGamma(shape) * scale
            : normalSd > 0 ? Mean + normalSd * random.NextNormal()
            : Mean;
    }
}
