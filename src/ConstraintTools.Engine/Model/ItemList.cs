using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Linq;

namespace ConstraintTools
{
    /// <summary>
    /// A read-only list whose text is its items joined by "; " (numbers in the invariant culture). Export-Csv writes a
    /// property's text, so a list property reads "Blocked; Waiting" in a CSV file instead of its type's name, while
    /// ConvertTo-Json still writes an array and the format views still show the items.
    /// </summary>
    public sealed class ItemList<T> : ReadOnlyCollection<T>
    {
        public static ItemList<T> Empty { get; } = new ItemList<T>(Array.Empty<T>());

        public ItemList(IList<T> items) : base(items) { }

        /// <summary>The items joined by "; ", numbers in the invariant culture.</summary>
        public override string ToString() =>
            string.Join("; ", this.Select(item => Convert.ToString(item, CultureInfo.InvariantCulture)));
    }

    internal static class ItemList
    {
        public static ItemList<T> Of<T>(IReadOnlyList<T>? items) => items switch
        {
            null => ItemList<T>.Empty,
            ItemList<T> list => list,
            IList<T> list => new ItemList<T>(list),
            _ => new ItemList<T>(items.ToArray()),
        };
    }
}
