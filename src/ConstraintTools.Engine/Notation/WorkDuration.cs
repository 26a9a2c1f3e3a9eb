using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ConstraintTools.Notation
{
    /// <summary>
    /// A duration as written (<c>30m</c>, <c>4h</c>, <c>1.5d</c>, <c>2w</c>, <c>2h15m</c>, or a bare number of hours), read once:
    /// its days and weeks become hours only against a calendar, working time for effort and
    /// <see cref="WorkCalendar.AllHours"/> for calendar periods, since 1d of a team's effort is 8 hours and 1d of a
    /// release train 24.
    /// </summary>
    public sealed class WorkDuration
    {
        // [0-9], not \d: \d matches every Unicode digit ("１h", "٥/week"), which double.Parse then refuses with a
        // FormatException that names no file or line.
        private static readonly Regex Single = new Regex(
            @"^\s*(?<n>[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?)\s*(?<u>" + Unit + @")?\s*$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        private const string Unit = @"m|min|mins|minutes?|h|hr|hrs|hours?|d|days?|w|wk|wks|weeks?";

        // "2h15m", "1d 4h": two or more unsigned parts, each with its unit.
        private static readonly Regex Compound = new Regex(
            @"^\s*(?:([0-9]+(\.[0-9]*)?|\.[0-9]+)\s*(" + Unit + @")\s*){2,}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        private static readonly Regex CompoundPart = new Regex(
            @"(?<n>[0-9]+(\.[0-9]*)?|\.[0-9]+)\s*(?<u>" + Unit + ")", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        private readonly (double Number, char Unit)[] parts;

        private WorkDuration(string text, (double, char)[] parts)
        {
            Text = text;
            this.parts = parts;
        }

        /// <summary>The duration as it was written.</summary>
        public string Text { get; }

        /// <summary>Reads a duration; false for text that is not one.</summary>
        public static bool TryParse(string? text, out WorkDuration duration)
        {
            duration = null!;
            if (text is null) return false;
            var read = new List<(double, char)>();
            if (Compound.IsMatch(text))
                foreach (Match part in CompoundPart.Matches(text)) read.Add(PartOf(part));
            else if (Single.Match(text) is { Success: true } match) read.Add(PartOf(match));
            else return false;
            duration = new WorkDuration(text, read.ToArray());
            return true;
        }

        /// <summary>Reads a duration, as PowerShell converts text to one; a <see cref="FormatException"/> says how to write it.</summary>
        public static WorkDuration Parse(string text) =>
            TryParse(text, out var duration) ? duration : throw new FormatException(Quantity.DurationRefusal(text, Hints.Duration));

        /// <summary>Whether the text is a duration whose number or numbers are written in the notation (say, too large a one).</summary>
        internal static bool LooksLikeOne(string text) => Compound.IsMatch(text) || Single.IsMatch(text);

        /// <summary>The hours it is in <paramref name="calendar"/>: 1d is its hours per day, 1w its hours per week; infinite when too large.</summary>
        public double HoursIn(WorkCalendar calendar)
        {
            var hours = 0.0;
            foreach (var (number, unit) in parts)
                hours += unit switch
                {
                    'm' => number / 60,
                    'd' => number * calendar.HoursPerDay,
                    'w' => number * calendar.HoursPerWeek,
                    _ => number,
                };
            return hours;
        }

        public override string ToString() => Text;

        private static (double, char) PartOf(Match match) =>
            (double.Parse(match.Groups["n"].Value, NumberStyles.Float, CultureInfo.InvariantCulture),
             match.Groups["u"].Success ? char.ToLowerInvariant(match.Groups["u"].Value[0]) : 'h');
    }
}
