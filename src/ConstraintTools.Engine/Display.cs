using System;
using System.Globalization;

namespace ConstraintTools
{
    /// <summary>Short human text for figures, used by the module's format views.</summary>
    public static class Display
    {
        /// <summary>A calendar duration in the largest unit that keeps it readable: 45m, 5.2h, 3.5d, 2.1w.</summary>
        public static string Duration(TimeSpan? duration)
        {
            if (duration is not TimeSpan value) return "";
            var hours = value.TotalHours;
            if (hours < 1) return value.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture) + "m";
            if (hours < 48) return hours.ToString("0.#", CultureInfo.InvariantCulture) + "h";
            if (hours < 14 * 24) return value.TotalDays.ToString("0.#", CultureInfo.InvariantCulture) + "d";
            return (value.TotalDays / 7).ToString("0.#", CultureInfo.InvariantCulture) + "w";
        }

        /// <summary>A rate or count with as many decimals as it needs: 12, 9.14, 0.47.</summary>
        public static string Rate(double value) => Analysis.Evidence.Number(value);

        /// <summary>A change with its sign: +1.56, -0.2, or 0 when it rounds to nothing.</summary>
        public static string SignedRate(double value)
        {
            var text = Rate(Math.Abs(value));
            return text == "0" ? "0" : (value > 0 ? "+" : "-") + text;
        }

        /// <summary>A figure with its confidence half-width: "87.3% ±2.4%"; the figure alone without one.</summary>
        public static string WithHalfWidth(string value, string? halfWidth) =>
            string.IsNullOrEmpty(halfWidth) || string.IsNullOrEmpty(value) ? value : value + " ±" + halfWidth;

        /// <summary>A fraction as a percentage, e.g. 0.853 → 85.3%.</summary>
        public static string Percent(double? fraction) =>
            fraction is double value ? (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "";
    }
}
