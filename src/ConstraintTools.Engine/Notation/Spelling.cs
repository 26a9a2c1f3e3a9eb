using System;
using System.Collections.Generic;

namespace ConstraintTools.Notation
{
    /// <summary>Finds the word a user probably meant, for "did you mean" hints.</summary>
    public static class Spelling
    {
        /// <summary>
        /// The candidate closest to <paramref name="word"/>, or null when none is close. A word
        /// that is the candidate with letters left out (servce → serviceTime) ranks first, then
        /// edit distance decides.
        /// </summary>
        public static string? Nearest(string word, IEnumerable<string> candidates)
        {
            var lower = word.ToLowerInvariant();
            string? best = null;
            var bestScore = double.MaxValue;
            foreach (var candidate in candidates)
            {
                var other = candidate.ToLowerInvariant();
                var distance = Distance(lower, other);
                var close = distance <= Math.Max(2, Math.Min(lower.Length, other.Length) / 3);
                var score = lower.Length >= 3 && IsSubsequence(lower, other) ? 0.5 : close ? distance : double.MaxValue;
                if (score < bestScore)
                {
                    best = candidate;
                    bestScore = score;
                }
            }
            return best;
        }

        private static bool IsSubsequence(string shorter, string longer)
        {
            var at = 0;
            foreach (var letter in longer)
                if (at < shorter.Length && shorter[at] == letter) at++;
            return at == shorter.Length;
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
