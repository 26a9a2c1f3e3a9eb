using System;
using System.Globalization;

namespace ConstraintTools
{
    /// <summary>
    /// Timestamps as work-item logs write them, always read with the invariant culture: ISO 8601 with
    /// or without an offset (<c>2026-01-31T09:30:00+02:00</c>, <c>…Z</c>, <c>…+0200</c>, fractions of a
    /// second allowed), <c>yyyy-MM-dd HH:mm[:ss]</c>, a date alone <c>yyyy-MM-dd</c> (midnight), and
    /// Jira's <c>dd/MMM/yy h:mm tt</c>. An offset is applied; a timestamp without one is taken as UTC.
    /// </summary>
    public static class LogTimestamp
    {
        private static readonly string[] JiraFormats =
        {
            "dd/MMM/yy h:mm tt", "d/MMM/yy h:mm tt", "dd/MMM/yyyy h:mm tt", "d/MMM/yyyy h:mm tt",
            "dd/MMM/yy h:mm:ss tt", "dd/MMM/yyyy h:mm:ss tt",
        };

        /// <summary>The formats named in error messages.</summary>
        public const string Expected = "expected ISO 8601 (2026-01-31T09:30:00Z, with or without an offset), yyyy-MM-dd HH:mm[:ss], yyyy-MM-dd or dd/MMM/yy h:mm tt";

        public static bool TryParse(string? text, out DateTimeOffset value)
        {
            value = default;
            if (text is null) return false;
            var s = text.Trim();
            if (s.Length == 0) return false;
            if (TryParseIso(s, out value)) return true;
            if (DateTime.TryParseExact(s, JiraFormats, CultureInfo.InvariantCulture,
                    DateTimeStyles.AllowInnerWhite | DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var jira))
            {
                value = new DateTimeOffset(DateTime.SpecifyKind(jira, DateTimeKind.Utc));
                return true;
            }
            return false;
        }

        /// <summary>A local time converted to UTC; a time of unspecified kind taken as UTC already.</summary>
        public static DateTime AsUtc(DateTime time) =>
            time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc);

        /// <summary>A value from a pipeline object: a DateTime (local converted, unspecified taken as UTC), a DateTimeOffset, or text.</summary>
        public static bool TryConvert(object? value, out DateTimeOffset result)
        {
            switch (value)
            {
                case DateTimeOffset offset:
                    result = offset;
                    return true;
                case DateTime time:
                    result = new DateTimeOffset(AsUtc(time));
                    return true;
                case string text:
                    return TryParse(text, out result);
                default:
                    result = default;
                    return false;
            }
        }

        private static bool TryParseIso(string s, out DateTimeOffset value)
        {
            value = default;
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
                    }
                    else if (c == '+' || c == '-')
                    {
                        p++;
                        if (!Digits(s, ref p, 2, out var oh)) return false;
                        var om = 0;
                        if (p < s.Length && s[p] == ':') p++;
                        if (p < s.Length && !Digits(s, ref p, 2, out om)) return false;
                        if (oh > 14 || om > 59) return false;
                        offset = new TimeSpan(oh, om, 0);
                        if (c == '-') offset = -offset;
                    }
                    else return false;
                }
                if (p != s.Length) return false;
            }
            if (month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(1, year), month) || year < 1
                || hour > 24 || minute > 59 || second > 59) return false;
            if (hour == 24 && (minute != 0 || second != 0 || fraction != 0)) return false;
            var local = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified)
                .AddTicks(hour * TimeSpan.TicksPerHour + minute * TimeSpan.TicksPerMinute + second * TimeSpan.TicksPerSecond + fraction);
            value = new DateTimeOffset(local, offset);
            return true;
        }

        private static bool Digits(string s, ref int p, int count, out int value)
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

        private static bool Expect(string s, ref int p, char c)
        {
            if (p >= s.Length || s[p] != c) return false;
            p++;
            return true;
        }
    }
}
