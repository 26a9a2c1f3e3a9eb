using System;
using System.Collections.Generic;

namespace ConstraintTools
{
    /// <summary>Finds the word a user probably meant, for "did you mean" hints.</summary>
    public static class Spelling
    {
        /// <summary>The candidate closest to <paramref name="word"/> by edit distance, or null when none is close.</summary>
        public static string? Nearest(string word, IEnumerable<string> candidates)
        {
            string? best = null;
            var bestDistance = int.MaxValue;
            foreach (var candidate in candidates)
            {
                var distance = Distance(word.ToLowerInvariant(), candidate.ToLowerInvariant());
                if (distance < bestDistance)
                {
                    best = candidate;
                    bestDistance = distance;
                }
            }
            return best != null && bestDistance <= Math.Max(2, Math.Min(word.Length, best.Length) / 3) ? best : null;
        }

        private static int Distance(string a, string b)
        {
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (var j = 0; j <= b.Length; j++) previous[j] = j;
            for (var i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (var j = 1; j <= b.Length; j++)
                {
                    var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                    current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
                }
                (previous, current) = (current, previous);
            }
            return previous[b.Length];
        }
    }
}
