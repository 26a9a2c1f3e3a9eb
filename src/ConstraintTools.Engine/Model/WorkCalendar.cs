using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ConstraintTools
{
    /// <summary>Working time of a team or a stage: the hours in which effort is spent.</summary>
    public sealed class WorkCalendar
    {
        // [0-9], not \d, which matches every Unicode digit and would pass "２４x７" on to double.Parse to throw.
        private static readonly Regex Shorthand = new Regex(
            @"^\s*(?<h>[0-9]+(\.[0-9]+)?)\s*h?\s*x\s*(?<d>[0-9]+(\.[0-9]+)?)\s*d?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        public WorkCalendar(double hoursPerDay, double daysPerWeek)
        {
            HoursPerDay = hoursPerDay;
            DaysPerWeek = daysPerWeek;
        }

        public static WorkCalendar Default { get; } = new WorkCalendar(8, 5);

        /// <summary>An automated stage that works every calendar hour.</summary>
        public static WorkCalendar AllHours { get; } = new WorkCalendar(24, 7);

        public double HoursPerDay { get; }
        public double DaysPerWeek { get; }
        public double HoursPerWeek => HoursPerDay * DaysPerWeek;

        /// <summary>Reads the shorthand hours per day x days per week: '24x7', '8x5', '6h x 4d'.</summary>
        public static bool TryParse(string? text, out WorkCalendar calendar)
        {
            calendar = Default;
            var match = Shorthand.Match(text ?? "");
            if (!match.Success) return false;
            calendar = new WorkCalendar(double.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture), double.Parse(match.Groups["d"].Value, CultureInfo.InvariantCulture));
            return true;
        }

        public override string ToString() =>
            HoursPerDay == 24 && DaysPerWeek == 7
                ? "24x7"
                : string.Format(CultureInfo.InvariantCulture, "{0}h x {1}d", HoursPerDay, DaysPerWeek);
    }
}
