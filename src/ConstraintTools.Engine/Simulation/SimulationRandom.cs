using System;

namespace ConstraintTools.Simulation
{
    /// <summary>
    /// xoshiro256** seeded by SplitMix64, and gamma variates by Marsaglia and Tsang: a generator of our
    /// own, so that a seed gives the same stream on every machine and runtime.
    /// </summary>
    internal struct SimulationRandom
    {
        private ulong s0, s1, s2, s3;
        private double spareNormal;
        private bool hasSpare;

        public SimulationRandom(ulong seed)
        {
            var x = seed;
            s0 = SplitMix(ref x);
            s1 = SplitMix(ref x);
            s2 = SplitMix(ref x);
            s3 = SplitMix(ref x);
            spareNormal = 0;
            hasSpare = false;
        }

        /// <summary>An independent stream for replication <paramref name="index"/> of a run seeded with <paramref name="seed"/>.</summary>
        public static SimulationRandom ForReplication(int seed, int index)
        {
            var x = ((ulong)(uint)seed << 32) ^ (uint)index;
            return new SimulationRandom(SplitMix(ref x) ^ 0x5DEECE66DUL);
        }

        private static ulong SplitMix(ref ulong x)
        {
            var z = x += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        private static ulong Rotl(ulong x, int k) => (x << k) | (x >> (64 - k));

        public ulong NextULong()
        {
            var result = Rotl(s1 * 5, 7) * 9;
            var t = s1 << 17;
            s2 ^= s0;
            s3 ^= s1;
            s1 ^= s2;
            s0 ^= s3;
            s2 ^= t;
            s3 = Rotl(s3, 45);
            return result;
        }

        /// <summary>Uniform on [0, 1) with 53 random bits.</summary>
        public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

        /// <summary>Uniform on (0, 1): safe for a logarithm.</summary>
        public double NextOpenDouble() => ((NextULong() >> 11) + 0.5) * (1.0 / (1UL << 53));

        /// <summary>Standard normal by the polar method.</summary>
        public double NextNormal()
        {
            if (hasSpare)
            {
                hasSpare = false;
                return spareNormal;
            }
            double u, v, s;
            do
            {
                u = 2 * NextDouble() - 1;
                v = 2 * NextDouble() - 1;
                s = u * u + v * v;
            }
            while (s >= 1 || s == 0);
            var factor = Math.Sqrt(-2 * Math.Log(s) / s);
            spareNormal = v * factor;
            hasSpare = true;
            return u * factor;
        }

        /// <summary>Gamma with the given shape and scale 1 (Marsaglia and Tsang, 2000; shape below 1 by boosting).</summary>
        public double NextGamma(double shape)
        {
            if (shape < 1) return NextGamma(shape + 1) * Math.Pow(NextOpenDouble(), 1 / shape);
            var d = shape - 1.0 / 3;
            var c = 1 / Math.Sqrt(9 * d);
            while (true)
            {
                double x, v;
                do
                {
                    x = NextNormal();
                    v = 1 + c * x;
                }
                while (v <= 0);
                v = v * v * v;
                var u = NextOpenDouble();
                if (u < 1 - 0.0331 * x * x * x * x) return d * v;
                if (Math.Log(u) < 0.5 * x * x + d * (1 - v + Math.Log(v))) return d * v;
            }
        }
    }
}
