using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using ConstraintTools.Notation;

namespace ConstraintTools.Queueing
{
    /// <summary>
    /// The elevations of one step of a constraint path, read from the ranking the whole path shares. Step k
    /// elevates the k busiest stages, so copying them into every step would hold k²/2 entries: 5 billion for a
    /// path through 100,000 stages. Each step keeps only how many stages it elevates and to what level.
    /// </summary>
    /// <remarks>
    /// Also a read-only non-generic <see cref="IDictionary"/>, so PowerShell serializes and indexes it as the
    /// dictionary it is.
    /// </remarks>
    internal sealed class StepElevations : IReadOnlyDictionary<string, double>, IDictionary
    {
        private readonly Ranking ranking;
        private readonly int count;
        private readonly double level;

        public StepElevations(Ranking ranking, int count, double level)
        {
            this.ranking = ranking;
            this.count = count;
            this.level = level;
        }

        /// <summary>Stages by load, busiest first, as the path meets them.</summary>
        internal sealed class Ranking
        {
            public Ranking(IReadOnlyList<string> names, IReadOnlyList<double> loads)
            {
                Names = names;
                Loads = loads;
                Position = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
                for (var i = 0; i < names.Count; i++) Position[names[i]] = i;
            }

            public IReadOnlyList<string> Names { get; }
            public IReadOnlyList<double> Loads { get; }
            public Dictionary<string, int> Position { get; }
        }

        public int Count => count;

        public double this[string key] => TryGetValue(key, out var factor) ? factor : throw new KeyNotFoundException($"No elevation of '{Display.Excerpt(key)}' in this step.");

        public IEnumerable<string> Keys => ranking.Names.Take(count);

        public IEnumerable<double> Values => ranking.Loads.Take(count).Select(load => load / level);

        public bool ContainsKey(string key) => TryGetValue(key, out _);

        public bool TryGetValue(string key, out double value)
        {
            if (key != null && ranking.Position.TryGetValue(key, out var at) && at < count)
            {
                value = ranking.Loads[at] / level;
                return true;
            }
            value = 0;
            return false;
        }

        public IEnumerator<KeyValuePair<string, double>> GetEnumerator()
        {
            for (var i = 0; i < count; i++) yield return new KeyValuePair<string, double>(ranking.Names[i], ranking.Loads[i] / level);
        }

        /// <summary>"Review x1.56, Code x1.25", and past five stages how many more there are.</summary>
        public override string ToString() => Display.NameElevations(this.Select(e => (e.Key, e.Value)), count);

        // A non-generic dictionary enumerates DictionaryEntry: ConvertTo-Json and Export-Csv cast to it.
        IEnumerator IEnumerable.GetEnumerator() => ((IDictionary)this).GetEnumerator();

        bool IDictionary.IsFixedSize => true;
        bool IDictionary.IsReadOnly => true;
        ICollection IDictionary.Keys => Keys.ToList();
        ICollection IDictionary.Values => Values.ToList();
        bool ICollection.IsSynchronized => false;
        object ICollection.SyncRoot => this;

        object? IDictionary.this[object key]
        {
            get => key is string name && TryGetValue(name, out var factor) ? factor : null;
            set => throw ReadOnly();
        }

        bool IDictionary.Contains(object key) => key is string name && ContainsKey(name);
        // Through IDictionary, so that Current is a DictionaryEntry, not the KeyValuePair of Dictionary's own enumerator.
        IDictionaryEnumerator IDictionary.GetEnumerator() => ((IDictionary)this.ToDictionary(e => e.Key, e => e.Value, StringComparer.OrdinalIgnoreCase)).GetEnumerator();
        void ICollection.CopyTo(Array array, int index) => ((ICollection)this.ToDictionary(e => e.Key, e => e.Value)).CopyTo(array, index);
        void IDictionary.Add(object key, object? value) => throw ReadOnly();
        void IDictionary.Clear() => throw ReadOnly();
        void IDictionary.Remove(object key) => throw ReadOnly();

        private static NotSupportedException ReadOnly() => new NotSupportedException("A step's elevations are read-only.");
    }
}
