using System;
using System.Globalization;

namespace ConstraintTools.Notation
{
    /// <summary>
    /// Timestamps as work-item logs write them, always read with the invariant culture: ISO 8601 with
    /// or without an offset (<c>2026-01-31T09:30:00+02:00</c>, <c>…Z</c>, <c>…+0200</c>, fractions of a
    /// second allowed), <c>yyyy-MM-dd HH:mm[:ss]</c>, a date alone <c>yyyy-MM-dd</c> (midnight), and
    /// Jira's <c>dd/MMM/yy h:mm tt</c>, and Unix epoch time: a value of 9 or 10 digits is seconds, of 12 or 13
    /// digits milliseconds, since 1970-01-01 UTC (between them they cover 1973 to 2286 without overlapping;
    /// 11 digits could be either and is neither). Formats given by the caller are tried first. An offset is
    /// applied; a timestamp without one is taken as UTC.
    /// </summary>
    public static class LogTimestamp
    {
        private static readonly string[] JiraFormats =
        {
            "dd/MMM/yy h:mm tt", "d/MMM/yy h:mm tt", "dd/MMM/yyyy h:mm tt", "d/MMM/yyyy h:mm tt",
            "dd/MMM/yy h:mm:ss tt", "dd/MMM/yyyy h:mm:ss tt",
        };

        private static readonly int[] DaysBeforeMonth = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365 };
        private static readonly int[] DaysBeforeMonthInLeapYear = { 0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366 };

        /// <summary>
        /// Formats of timestamps logs are often written in that are none of the above; one that reads a rejected
        /// value is suggested in the message. Day before month (d/M/yyyy) is tried only after month before day,
        /// so a date both read is suggested as US.
        /// </summary>
        private static readonly string[] Suggested =
        {
            "M/d/yyyy h:mm tt", "M/d/yyyy h:mm:ss tt", "M/d/yyyy H:mm", "M/d/yyyy H:mm:ss", "M/d/yyyy",
            "d/M/yyyy H:mm", "d/M/yyyy H:mm:ss", "d/M/yyyy",
            "d.M.yyyy H:mm", "d.M.yyyy H:mm:ss", "d.M.yyyy",
            "yyyy/M/d H:mm:ss", "yyyy/M/d", "yyyyMMdd", "yyyyMMddHHmmss",
        };

        private const long UnixEpochTicks = 621_355_968_000_000_000;

        /// <summary>The formats named in error messages.</summary>
        public const string Expected = "expected ISO 8601 (2026-01-31T09:30:00Z, with or without an offset), yyyy-MM-dd HH:mm[:ss], yyyy-MM-dd, dd/MMM/yy h:mm tt or Unix seconds or milliseconds";

        public static bool TryParse(string? text, out DateTimeOffset value) => TryParse(text, null, out value);

        /// <summary>Tries <paramref name="formats"/> (exact, invariant culture, UTC unless the format has an offset), then the usual forms.</summary>
        public static bool TryParse(string? text, string[]? formats, out DateTimeOffset value) => TryParse(text, formats, null, out value);

        /// <summary>
        /// As <see cref="TryParse(string, string[], out DateTimeOffset)"/>, with a timestamp without an offset (a date
        /// alone too) read as the clock time of <paramref name="zone"/> rather than UTC; epoch times are UTC always.
        /// </summary>
        public static bool TryParse(string? text, string[]? formats, TimeZoneInfo? zone, out DateTimeOffset value)
        {
            value = default;
            if (text is null) return false;
            var s = text.Trim();
            if (s.Length == 0) return false;
            if (formats != null && TryParseExact(s, formats, zone, out value)) return true;
            if (TryParseIso(new StringCharacters(s), out value, out var hasOffset))
            {
                if (!hasOffset) value = InZone(value, zone);
                return true;
            }
            if (TryParseEpoch(new StringCharacters(s), out value)) return true;
            if (!TryParseJira(s, out value)) return false;
            value = InZone(value, zone);
            return true;
        }

        /// <summary>A clock time read as UTC (its offset zero) taken instead as the clock time of <paramref name="zone"/>.</summary>
        private static DateTimeOffset InZone(DateTimeOffset clock, TimeZoneInfo? zone)
        {
            if (zone is null) return clock;
            var local = new DateTime(clock.Ticks, DateTimeKind.Unspecified);
            var offset = zone.GetUtcOffset(local);
            var utc = local.Ticks - offset.Ticks;
            // A clock time so near either end of the calendar that the zone takes it past it stays UTC.
            return utc < 0 || utc > DateTime.MaxValue.Ticks ? clock : new DateTimeOffset(local, offset);
        }

        /// <summary>A format of <see cref="Suggested"/> that reads <paramref name="text"/>, or null.</summary>
        public static string? Suggest(string? text)
        {
            var s = text?.Trim();
            if (string.IsNullOrEmpty(s)) return null;
            foreach (var format in Suggested)
                if (TryParseExact(s!, new[] { format }, out _)) return format;
            return null;
        }

        private static bool TryParseExact(string s, string[] formats, out DateTimeOffset value) => TryParseExact(s, formats, null, out value);

        private static bool TryParseExact(string s, string[] formats, TimeZoneInfo? zone, out DateTimeOffset value)
        {
            foreach (var format in formats)
            {
                if (!DateTimeOffset.TryParseExact(s, format, CultureInfo.InvariantCulture, DateTimeStyles.AllowInnerWhite | DateTimeStyles.AssumeUniversal, out value)) continue;
                // A format with an offset specifier (z, zz, zzz, K) says where; one without is the zone's clock.
                if (format.IndexOf('z') < 0 && format.IndexOf('K') < 0) value = InZone(value, zone);
                return true;
            }
            value = default;
            return false;
        }

        /// <summary>
        /// <see cref="TryParse(string, out DateTimeOffset)"/> on <paramref name="length"/> characters of
        /// <paramref name="chars"/> from <paramref name="start"/>. A reader parsing straight from its buffer
        /// makes no string for an ISO 8601 timestamp, the usual case; only the other formats need one.
        /// </summary>
        public static bool TryParse(char[] chars, int start, int length, out DateTimeOffset value) => TryParse(chars, start, length, null, out value);

        /// <summary>
        /// <see cref="TryParse(string, string[], out DateTimeOffset)"/> on characters of a buffer. With no
        /// <paramref name="formats"/>, ISO 8601 and epoch times are read without making a string.
        /// </summary>
        public static bool TryParse(char[] chars, int start, int length, string[]? formats, out DateTimeOffset value) => TryParse(chars, start, length, formats, null, out value);

        /// <summary>As <see cref="TryParse(char[], int, int, string[], out DateTimeOffset)"/>, with a timestamp without an offset read in <paramref name="zone"/>.</summary>
        public static bool TryParse(char[] chars, int start, int length, string[]? formats, TimeZoneInfo? zone, out DateTimeOffset value)
        {
            if (chars is null) throw new ArgumentNullException(nameof(chars));
            if (start < 0 || length < 0 || start > chars.Length - length) throw new ArgumentOutOfRangeException(nameof(length));
            value = default;
            var end = start + length;
            while (start < end && char.IsWhiteSpace(chars[start])) start++;
            while (end > start && char.IsWhiteSpace(chars[end - 1])) end--;
            if (start == end) return false;
            // Given formats come first, so that one such as yyyy-dd-MM is not read as ISO 8601.
            if (formats != null) return TryParse(new string(chars, start, end - start), formats, zone, out value);
            var characters = new ArrayCharacters(chars, start, end - start);
            if (TryParseIso(characters, out value, out var hasOffset))
            {
                if (!hasOffset && zone != null) value = InZone(value, zone);
                return true;
            }
            if (TryParseEpoch(characters, out value)) return true;
            if (!TryParseJira(new string(chars, start, end - start), out value)) return false;
            value = InZone(value, zone);
            return true;
        }

        private static bool TryParseJira(string s, out DateTimeOffset value)
        {
            if (DateTime.TryParseExact(s, JiraFormats, CultureInfo.InvariantCulture,
                    DateTimeStyles.AllowInnerWhite | DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var jira))
            {
                value = new DateTimeOffset(DateTime.SpecifyKind(jira, DateTimeKind.Utc));
                return true;
            }
            value = default;
            return false;
        }

        /// <summary>A local time converted to UTC; a time of unspecified kind taken as UTC already.</summary>
        public static DateTime AsUtc(DateTime time) =>
            time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc);

        /// <summary>A value from a pipeline object: a DateTime (local converted, unspecified taken as UTC), a DateTimeOffset, or text.</summary>
        public static bool TryConvert(object? value, out DateTimeOffset result) => TryConvert(value, null, out result);

        /// <summary>A value from a pipeline object: a DateTime (local converted, unspecified taken as UTC), a DateTimeOffset, an epoch time as an integer, or text read with <paramref name="formats"/> first.</summary>
        public static bool TryConvert(object? value, string[]? formats, out DateTimeOffset result) => TryConvert(value, formats, null, out result);

        /// <summary>As <see cref="TryConvert(object, string[], out DateTimeOffset)"/>, with text without an offset, and a DateTime of unspecified kind, read in <paramref name="zone"/>.</summary>
        public static bool TryConvert(object? value, string[]? formats, TimeZoneInfo? zone, out DateTimeOffset result)
        {
            switch (value)
            {
                case long or int or ulong or uint:
                    return TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), formats, zone, out result);
                case DateTimeOffset offset:
                    result = offset;
                    return true;
                case DateTime time when time.Kind == DateTimeKind.Unspecified && zone != null:
                    result = InZone(new DateTimeOffset(time.Ticks, TimeSpan.Zero), zone);
                    return true;
                case DateTime time:
                    result = new DateTimeOffset(AsUtc(time));
                    return true;
                case string text:
                    return TryParse(text, formats, zone, out result);
                default:
                    result = default;
                    return false;
            }
        }

        /// <summary>Characters without a string: a struct, so the parser is compiled once for each source and reads them directly.</summary>
        private interface ICharacters
        {
            int Length { get; }
            char this[int index] { get; }
        }

        private readonly struct StringCharacters : ICharacters
        {
            private readonly string text;

            public StringCharacters(string text) => this.text = text;

            public int Length => text.Length;
            public char this[int index] => text[index];
        }

        private readonly struct ArrayCharacters : ICharacters
        {
            private readonly char[] chars;
            private readonly int start;

            public ArrayCharacters(char[] chars, int start, int length)
            {
                this.chars = chars;
                this.start = start;
                Length = length;
            }

            public int Length { get; }
            public char this[int index] => chars[start + index];
        }

        private static bool TryParseIso<TChars>(TChars s, out DateTimeOffset value, out bool hasOffset) where TChars : struct, ICharacters
        {
            value = default;
            hasOffset = false;
            var p = 0;
            if (!Digits(s, ref p, 4, out var year) || !Expect(s, ref p, '-') || !Digits(s, ref p, 2, out var month)
                || !Expect(s, ref p, '-') || !Digits(s, ref p, 2, out var day)) return false;
            int hour = 0, minute = 0, second = 0;
            long fraction = 0;
            var offset = TimeSpan.Zero;
            if (p < s.Length)
            {
                if (s[p] != 'T' && s[p] != 't' && s[p] != ' ') return false;
                p++;
                while (p < s.Length && s[p] == ' ') p++;
                if (!Digits(s, ref p, 2, out hour) || !Expect(s, ref p, ':') || !Digits(s, ref p, 2, out minute)) return false;
                if (p < s.Length && s[p] == ':')
                {
                    p++;
                    if (!Digits(s, ref p, 2, out second)) return false;
                    if (p < s.Length && (s[p] == '.' || s[p] == ','))
                    {
                        p++;
                        var start = p;
                        long scale = 1_000_000;
                        while (p < s.Length && s[p] >= '0' && s[p] <= '9')
                        {
                            if (scale > 0) { fraction += (s[p] - '0') * scale; scale /= 10; }
                            p++;
                        }
                        if (p == start) return false;
                    }
                }
                while (p < s.Length && s[p] == ' ') p++;
                if (p < s.Length)
                {
                    var c = s[p];
                    if ((c == 'Z' || c == 'z') && p == s.Length - 1)
                    {
                        p++;
                        hasOffset = true;
                    }
                    else if (c == '+' || c == '-')
                    {
                        p++;
                        hasOffset = true;
                        if (!Digits(s, ref p, 2, out var oh)) return false;
                        var om = 0;
                        if (p < s.Length && s[p] == ':') p++;
                        if (p < s.Length && !Digits(s, ref p, 2, out om)) return false;
                        if (oh > 14 || om > 59 || (oh == 14 && om > 0)) return false;
                        offset = new TimeSpan(oh, om, 0);
                        if (c == '-') offset = -offset;
                    }
                    else return false;
                }
                if (p != s.Length) return false;
            }
            if (year < 1 || month < 1 || month > 12 || hour > 24 || minute > 59 || second > 59) return false;
            if (hour == 24 && (minute != 0 || second != 0 || fraction != 0)) return false;
            var daysBefore = IsLeapYear(year) ? DaysBeforeMonthInLeapYear : DaysBeforeMonth;
            if (day < 1 || day > daysBefore[month] - daysBefore[month - 1]) return false;
            // Ticks counted directly: this runs for every row of a log, and DateTime's constructors check
            // again what is checked above. Out of range (24:00 on the last day, or an offset taking the
            // instant past either end of time) is not a date rather than an exception.
            var y = year - 1;
            var days = y * 365L + y / 4 - y / 100 + y / 400 + daysBefore[month - 1] + day - 1;
            var ticks = days * TimeSpan.TicksPerDay + hour * TimeSpan.TicksPerHour + minute * TimeSpan.TicksPerMinute
                + second * TimeSpan.TicksPerSecond + fraction;
            var utcTicks = ticks - offset.Ticks;
            if (ticks > DateTime.MaxValue.Ticks || utcTicks < 0 || utcTicks > DateTime.MaxValue.Ticks) return false;
            value = new DateTimeOffset(ticks, offset);
            return true;
        }

        /// <summary>Unix time: 9–10 digits are seconds, 12–13 milliseconds (see the class).</summary>
        private static bool TryParseEpoch<TChars>(TChars s, out DateTimeOffset value) where TChars : struct, ICharacters
        {
            value = default;
            var digits = s.Length;
            if (digits < 9 || digits > 13 || digits == 11) return false;
            long number = 0;
            for (var i = 0; i < digits; i++)
            {
                var c = s[i];
                if (c < '0' || c > '9') return false;
                number = number * 10 + (c - '0');
            }
            var ticks = digits <= 10 ? number * TimeSpan.TicksPerSecond : number * TimeSpan.TicksPerMillisecond;
            value = new DateTimeOffset(UnixEpochTicks + ticks, TimeSpan.Zero);
            return true;
        }

        private static bool IsLeapYear(int year) => year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);

        private static bool Digits<TChars>(TChars s, ref int p, int count, out int value) where TChars : struct, ICharacters
        {
            value = 0;
            if (p + count > s.Length) return false;
            for (var i = 0; i < count; i++)
            {
                var c = s[p + i];
                if (c < '0' || c > '9') return false;
                value = value * 10 + (c - '0');
            }
            p += count;
            return true;
        }

        private static bool Expect<TChars>(TChars s, ref int p, char c) where TChars : struct, ICharacters
        {
            if (p >= s.Length || s[p] != c) return false;
            p++;
            return true;
        }
    }
}
