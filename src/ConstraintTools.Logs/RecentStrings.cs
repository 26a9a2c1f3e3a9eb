using System;

namespace ConstraintTools.Logs
{
    /// <summary>
    /// The strings last made from characters, found again by their characters: a log repeats each item
    /// id and status on many rows, so most rows need no new string. A fixed number of slots, each
    /// holding the last string whose characters hash to it, keeps memory bounded whatever the file
    /// holds; a string pushed out costs only a new string the next time, which the builder then interns.
    /// </summary>
    internal sealed class RecentStrings
    {
        // Enough for the ids of many thousands of items in flight at once and every status.
        private const int Slots = 1 << 16;

        private readonly string?[] strings = new string?[Slots];

        public string Get(char[] chars, int start, int length)
        {
            ref var slot = ref strings[Hash(chars, start, length) & (Slots - 1)];
            var known = slot;
            if (known != null && known.AsSpan().SequenceEqual(new ReadOnlySpan<char>(chars, start, length))) return known;
            return slot = new string(chars, start, length);
        }

        /// <summary>Two characters a step: the hash is on every row's path, and a step is a multiply that waits for the last.</summary>
        private static int Hash(char[] chars, int start, int length)
        {
            var hash = (uint)length;
            var end = start + length;
            var i = start;
            for (; i + 1 < end; i += 2) hash = (hash ^ (chars[i] | ((uint)chars[i + 1] << 16))) * 0x9E3779B1u;
            if (i < end) hash = (hash ^ chars[i]) * 0x9E3779B1u;
            return (int)(hash ^ (hash >> 15));
        }
    }
}
