using System;
using System.Globalization;

namespace ConstraintTools.Notation
{
    /// <summary>Time zones as users name them: a zone id (IANA such as Europe/Berlin, or Windows), UTC, or a fixed offset.</summary>
    public static class LogTimeZone
    {
        /// <summary>
        /// 'Europe/Berlin', 'W. Europe Standard Time', 'UTC', or an offset '+01:00', '-0500', 'UTC+2', '+05:30'.
        /// Throws <see cref="ArgumentException"/> saying what is accepted.
        /// </summary>
        public static TimeZoneInfo Parse(string name)
        {
            if (name is null) throw new ArgumentNullException(nameof(name));
            var text = name.Trim();
            if (TryOffset(text, out var offset))
                return offset == TimeSpan.Zero ? TimeZoneInfo.Utc
                    : TimeZoneInfo.CreateCustomTimeZone("UTC" + Format(offset), offset, "UTC" + Format(offset), "UTC" + Format(offset));
            try
            {
                return TimeZoneInfo.FindSystemTimeZoneById(text);
            }
            catch (Exception ex) when (ex is TimeZoneNotFoundException || ex is InvalidTimeZoneException)
            {
                throw new ArgumentException($"there is no time zone '{Display.Excerpt(name)}'; give a zone id such as 'Europe/Berlin' or 'America/New_York', or an offset such as '+01:00' or '-05:00'", nameof(name), ex);
            }
        }

        /// <summary>The clock time in <paramref name="zone"/> (UTC when null) of an instant given in UTC ticks, kept within the calendar.</summary>
        public static long ClockTicks(long utcTicks, TimeZoneInfo? zone)
        {
            if (zone is null) return utcTicks;
            var clock = utcTicks + zone.GetUtcOffset(new DateTime(utcTicks, DateTimeKind.Utc)).Ticks;
            return Math.Min(DateTime.MaxValue.Ticks, Math.Max(0, clock));
        }

        private static string Format(TimeSpan offset) =>
            (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);

        private static bool TryOffset(string text, out TimeSpan offset)
        {
            offset = TimeSpan.Zero;
            var s = text;
            if (s.StartsWith("UTC", StringComparison.OrdinalIgnoreCase) || s.StartsWith("GMT", StringComparison.OrdinalIgnoreCase)) s = s.Substring(3);
            if (s.Length == 0) return text.Length > 0;
            if (s == "Z" || s == "z") return true;
            if (s[0] != '+' && s[0] != '-') return false;
            var sign = s[0] == '-' ? -1 : 1;
            var digits = s.Substring(1).Replace(":", "");
            if (digits.Length == 0 || digits.Length > 4 || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number)) return false;
            var (hours, minutes) = digits.Length <= 2 ? (number, 0) : (number / 100, number % 100);
            if (hours > 14 || minutes > 59 || (hours == 14 && minutes > 0)) return false;
            offset = TimeSpan.FromMinutes(sign * (hours * 60 + minutes));
            return true;
        }
    }
}
