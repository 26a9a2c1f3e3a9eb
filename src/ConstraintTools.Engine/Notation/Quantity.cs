using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ConstraintTools.Notation
{
    /// <summary>Parses the duration and rate notation of workflow files: <c>30m</c>, <c>1.5d</c>, <c>10/week</c>.</summary>
    public static class Quantity
    {
        public const double HoursPerCalendarWeek = 168;

        /// <summary>Calendar weeks in a month: a twelfth of a Julian year.</summary>
        public const double WeeksPerMonth = 365.25 / 12 / 7;

        private static readonly Regex RatePattern = new Regex(
            @"^\s*(?<n>[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?)\s*(/|\s+per\s+)\s*(?<u>h|hr|hour|d|day|w|wk|week|mo|month|y|yr|year)s?\s*$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        /// <summary>
        /// Reads a duration in hours (see <see cref="WorkDuration"/>). Days and weeks count in the given calendar: working
        /// time (1d = hoursPerDay, 1w = daysPerWeek days) for effort, <see cref="WorkCalendar.AllHours"/> for calendar
        /// periods. A bare number is hours; parts add up: <c>2h15m</c>, <c>1d 4h</c>.
        /// </summary>
        public static bool TryParseDurationHours(string? text, WorkCalendar calendar, out double hours)
        {
            hours = 0;
            if (!WorkDuration.TryParse(text, out var duration)) return false;
            hours = duration.HoursIn(calendar);
            return !double.IsInfinity(hours);
        }

        /// <summary>A finite number in invariant notation, where a trailing % divides by 100: '10%' is 0.1.</summary>
        public static bool TryParseNumber(string text, out double number)
        {
            text = text.Trim();
            var percent = text.EndsWith("%", StringComparison.Ordinal);
            if (percent) text = text.Substring(0, text.Length - 1);
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number) || double.IsNaN(number) || double.IsInfinity(number))
                return false;
            if (percent) number /= 100;
            return true;
        }

        /// <summary>Reads a calendar rate such as <c>10/week</c>, <c>2/day</c> or a bare number per week.</summary>
        public static bool TryParseRatePerWeek(string? text, out double perWeek)
        {
            perWeek = 0;
            if (text is null) return false;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out perWeek))
                return !double.IsNaN(perWeek) && !double.IsInfinity(perWeek);
            var match = RatePattern.Match(text);
            if (!match.Success) return false;
            var number = double.Parse(match.Groups["n"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (double.IsInfinity(number)) return false;
            perWeek = char.ToLowerInvariant(match.Groups["u"].Value[0]) switch
            {
                'h' => number * HoursPerCalendarWeek,
                'd' => number * 7,
                'm' => number / WeeksPerMonth,
                'y' => number / (12 * WeeksPerMonth),
                _ => number,
            };
            return !double.IsInfinity(perWeek);
        }

        /// <summary>
        /// Why <see cref="TryParseDurationHours"/> refused text, for a message: it is not a duration, and
        /// <paramref name="write"/> says how to write one; or it is one whose hours overflow a number ('1e308w'),
        /// which "must be positive" would misdescribe.
        /// </summary>
        public static string DurationRefusal(string text, string write) =>
            WorkDuration.LooksLikeOne(text)
                ? $"'{Display.Excerpt(text)}' is too large a duration: in hours it is more than a number holds"
                : $"'{Display.Excerpt(text)}' is not a duration; {write}";

        /// <summary>
        /// Why <see cref="TryParseRatePerWeek"/> refused text, for a message: it is not a rate, and <paramref name="write"/>
        /// says how to write one; or it is one whose count a week overflows a number ('1e308/day'), which "must be zero
        /// or more" would misdescribe.
        /// </summary>
        public static string RateRefusal(string text, string write) =>
            (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsInfinity(number)) || RatePattern.IsMatch(text)
                ? $"'{Display.Excerpt(text)}' is too large a rate: a week of it is more than a number holds"
                : $"'{Display.Excerpt(text)}' is not a rate; {write}";

        /// <summary>A TimeSpan of the given hours, rounded to the tick rather than to the millisecond as older frameworks do.</summary>
        public static TimeSpan HoursToTimeSpan(double hours) =>
            TimeSpan.FromTicks((long)Math.Round(hours * TimeSpan.TicksPerHour));
    }
}
