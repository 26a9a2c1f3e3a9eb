using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using ConstraintTools.Queueing;

namespace ConstraintTools.Notation
{
    /// <summary>Short human text for figures, used by the module's format views.</summary>
    public static class Display
    {
        /// <summary>A calendar duration in the largest unit that keeps it readable: 45m, 5.2h, 3.5d, 2.1w; under 3 seconds 2.5s, 20ms, 1.5µs, 100ns.</summary>
        public static string Duration(TimeSpan? duration)
        {
            if (duration is not TimeSpan value) return "";
            // In minutes to a tenth, anything under 3 seconds (one tick, say) would read "0m", as if it were none.
            if (value > TimeSpan.Zero && value < MinutesShowIt) return Short(value.Ticks);
            var hours = value.TotalHours;
            if (hours < 1) return value.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture) + "m";
            if (hours < 48) return hours.ToString("0.#", CultureInfo.InvariantCulture) + "h";
            if (hours < 14 * 24) return value.TotalDays.ToString("0.#", CultureInfo.InvariantCulture) + "d";
            return (value.TotalDays / 7).ToString("0.#", CultureInfo.InvariantCulture) + "w";
        }

        private static string Short(long ticks)
        {
            if (ticks < TicksPerMicrosecond) return (ticks * 100).ToString(CultureInfo.InvariantCulture) + "ns";
            if (ticks < TimeSpan.TicksPerMillisecond) return ((double)ticks / TicksPerMicrosecond).ToString("0.#", CultureInfo.InvariantCulture) + "µs";
            if (ticks < TimeSpan.TicksPerSecond) return ((double)ticks / TimeSpan.TicksPerMillisecond).ToString("0.#", CultureInfo.InvariantCulture) + "ms";
            return ((double)ticks / TimeSpan.TicksPerSecond).ToString("0.#", CultureInfo.InvariantCulture) + "s";
        }

        private const long TicksPerMicrosecond = 10;

        private static readonly TimeSpan MinutesShowIt = TimeSpan.FromSeconds(3);

        /// <summary>A rate or count with as many decimals as it needs: 12, 9.14, 0.47.</summary>
        public static string Rate(double value) => Number(value);

        /// <summary>A number as sentences write it: whole from 100 up, else at most two decimals (9.14, 0.4, 12).</summary>
        public static string Number(double value) => value.ToString(value >= 100 ? "0" : "0.##", CultureInfo.InvariantCulture);

        /// <summary>A fraction as sentences write it, at most one decimal: 0.3 → 30%, 0.875 → 87.5% (tables use <see cref="Percent"/>).</summary>
        public static string PercentInText(double fraction) => (fraction * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

        /// <summary>"1 server", "2 servers".</summary>
        public static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

        /// <summary>A change with its sign: +1.56, -0.2, or 0 when it rounds to nothing.</summary>
        public static string SignedRate(double value)
        {
            var text = Rate(Math.Abs(value));
            return text == "0" ? "0" : (value > 0 ? "+" : "-") + text;
        }

        /// <summary>A figure with its confidence half-width: "87.3% ±2.4%"; the figure alone without one.</summary>
        public static string WithHalfWidth(string value, string? halfWidth) =>
            string.IsNullOrEmpty(halfWidth) || string.IsNullOrEmpty(value) ? value : value + " ±" + halfWidth;

        /// <summary>A fraction as a table prints it, one decimal always so that a column aligns: 0.853 → 85.3%, 0.3 → 30.0%.</summary>
        public static string Percent(double? fraction) =>
            fraction is double value ? (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "";

        /// <summary>Characters of a file's text an error message quotes before it cuts the rest.</summary>
        private const int ExcerptLength = 80;

        /// <summary>
        /// Text from a file as a message quotes it: control characters written as escapes, so that a binary file's
        /// bytes cannot reach the terminal as commands, and invisible format characters too (a byte-order mark, a
        /// zero-width space, a right-to-left override), so that a key that differs from 'name' only by one reads
        /// differently; and at most 80 characters, so that a 100 MB field does not become a 100 MB message.
        /// </summary>
        public static string Excerpt(string? text)
        {
            if (string.IsNullOrEmpty(text)) return "";
            if (text!.Length <= ExcerptLength) return Escaped(text, 0, text.Length).ToString();
            return Escaped(text, 0, ExcerptLength - 3).Append("...").ToString();
        }

        /// <summary>Characters of a path a message names: a file name is at most 255, so the name itself is always whole.</summary>
        private const int PathLength = 255;

        /// <summary>
        /// A file's path as a message names it: escaped as <see cref="Excerpt"/> escapes, since a file name may hold
        /// any character but / and NUL, and cut at the front when long, so that the file name stays.
        /// </summary>
        public static string FilePath(string? path)
        {
            if (string.IsNullOrEmpty(path)) return "";
            if (path!.Length <= PathLength) return Escaped(path, 0, path.Length).ToString();
            return Escaped(path, path.Length - (PathLength - 3), path.Length).Insert(0, "...").ToString();
        }

        /// <summary>How many names <see cref="Names"/> lists unless told otherwise.</summary>
        private const int NamesListed = 12;

        /// <summary>
        /// Names from input as a message lists them, each quoted as <see cref="Excerpt"/> quotes it, and past
        /// <paramref name="listed"/> only how many more: "'A', 'B' and 3 more", so that a loop through 100,000 stages
        /// is not a message of 100,000 names.
        /// </summary>
        public static string Names(IReadOnlyCollection<string> names, string separator = ", ", int listed = NamesListed) =>
            string.Join(separator, names.Take(listed).Select(n => "'" + Excerpt(n) + "'"))
            + (names.Count > listed ? " and " + (names.Count - listed).ToString("N0", CultureInfo.InvariantCulture) + " more" : "");

        private static StringBuilder Escaped(string text, int start, int end)
        {
            var shown = new StringBuilder(end - start + 8);
            for (var i = start; i < end; i++)
            {
                var c = text[i];
                switch (c)
                {
                    case '\r': shown.Append("\\r"); break;
                    case '\n': shown.Append("\\n"); break;
                    case '\t': shown.Append("\\t"); break;
                    default:
                        if (char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format) AppendCodeEscape(shown, c);
                        else shown.Append(c);
                        break;
                }
            }
            return shown;
        }

        /// <summary>A character as its escape, \u001b.</summary>
        internal static void AppendCodeEscape(StringBuilder text, char c) =>
            text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));

        /// <summary>How many elevations <see cref="Elevations"/> names before it only counts the rest.</summary>
        private const int ElevationsNamed = 5;

        /// <summary>
        /// The elevations of a constraint step, largest first: "Review x1.56, Code x1.25", and past five stages only
        /// how many more. Takes any dictionary, so a step that crossed a remoting boundary (its elevations then a
        /// hashtable, in no order) prints the same.
        /// </summary>
        public static string Elevations(IDictionary? elevations) => elevations switch
        {
            null => "",
            Queueing.StepElevations step => step.ToString(),
            _ => NameElevations(
                elevations.Cast<DictionaryEntry>()
                    .Select(e => (Convert.ToString(e.Key, CultureInfo.InvariantCulture) ?? "", Convert.ToDouble(e.Value, CultureInfo.InvariantCulture)))
                    .OrderByDescending(e => e.Item2),
                elevations.Count),
        };

        internal static string NameElevations(IEnumerable<(string Stage, double Factor)> largestFirst, int count)
        {
            var named = string.Join(", ", largestFirst.Take(ElevationsNamed).Select(e => e.Stage + " x" + Rate(e.Factor)));
            return count > ElevationsNamed ? $"{named} and {Rate(count - ElevationsNamed)} more" : named;
        }
    }
}
