using System;
using System.Globalization;
using ConstraintTools.Notation;

namespace ConstraintTools.Tests;

/// <summary>
/// Timestamps in logs: the values each accepted format gives, what is rejected, and that parsing from
/// a reader's character buffer gives exactly what parsing the same text as a string gives.
/// </summary>
public class LogTimestampTests
{
    [Theory]
    [InlineData("2026-03-01T12:00:00Z", "2026-03-01T12:00:00.0000000")]
    [InlineData("2026-03-01t12:00:00z", "2026-03-01T12:00:00.0000000")]
    [InlineData("2026-03-01T12:00:00+02:00", "2026-03-01T10:00:00.0000000")]
    [InlineData("2026-03-01T06:30:00-05:00", "2026-03-01T11:30:00.0000000")]
    [InlineData("2026-03-01T17:30:00+0530", "2026-03-01T12:00:00.0000000")]
    [InlineData("2026-03-01T14:00:00+02", "2026-03-01T12:00:00.0000000")]
    [InlineData("2026-03-01T12:00:00 +02:00", "2026-03-01T10:00:00.0000000")]
    [InlineData("2026-03-01T00:30:00+14:00", "2026-02-28T10:30:00.0000000")]
    [InlineData("2026-02-28T22:00:00-12:00", "2026-03-01T10:00:00.0000000")]
    [InlineData("2026-03-01T12:00:00.5Z", "2026-03-01T12:00:00.5000000")]
    [InlineData("2026-03-01T12:00:00.25Z", "2026-03-01T12:00:00.2500000")]
    [InlineData("2026-03-01T12:00:00.125Z", "2026-03-01T12:00:00.1250000")]
    [InlineData("2026-03-01T12:00:00.1234Z", "2026-03-01T12:00:00.1234000")]
    [InlineData("2026-03-01T12:00:00.12345Z", "2026-03-01T12:00:00.1234500")]
    [InlineData("2026-03-01T12:00:00.123456Z", "2026-03-01T12:00:00.1234560")]
    [InlineData("2026-03-01T12:00:00.1234567Z", "2026-03-01T12:00:00.1234567")]
    [InlineData("2026-03-01T12:00:00.123456789Z", "2026-03-01T12:00:00.1234567")]
    [InlineData("2026-03-01T12:00:00,5+01:00", "2026-03-01T11:00:00.5000000")]
    [InlineData("2026-03-01T13:00:00", "2026-03-01T13:00:00.0000000")]
    [InlineData("2026-03-01T13:00", "2026-03-01T13:00:00.0000000")]
    [InlineData("2026-03-02 08:15", "2026-03-02T08:15:00.0000000")]
    [InlineData("2026-03-02 08:15:30", "2026-03-02T08:15:30.0000000")]
    [InlineData("2026-03-03", "2026-03-03T00:00:00.0000000")]
    [InlineData("  2026-03-03T01:02:03Z\t", "2026-03-03T01:02:03.0000000")]
    [InlineData("2026-03-01T24:00:00", "2026-03-02T00:00:00.0000000")]
    [InlineData("2024-02-29T10:00:00Z", "2024-02-29T10:00:00.0000000")]
    [InlineData("2000-02-29", "2000-02-29T00:00:00.0000000")]
    [InlineData("2026-12-31T23:59:59.9999999Z", "2026-12-31T23:59:59.9999999")]
    [InlineData("0001-01-01T00:00:00Z", "0001-01-01T00:00:00.0000000")]
    [InlineData("9999-12-31T23:59:59Z", "9999-12-31T23:59:59.0000000")]
    [InlineData("05/Mar/26 3:07 PM", "2026-03-05T15:07:00.0000000")]
    [InlineData("6/Mar/2026 11:00 AM", "2026-03-06T11:00:00.0000000")]
    [InlineData("05/Mar/26 3:07:09 PM", "2026-03-05T15:07:09.0000000")]
    [InlineData("100000000", "1973-03-03T09:46:40.0000000")]
    [InlineData("1780300800", "2026-06-01T08:00:00.0000000")]
    [InlineData("9999999999", "2286-11-20T17:46:39.0000000")]
    [InlineData("100000000000", "1973-03-03T09:46:40.0000000")]
    [InlineData("1780300800123", "2026-06-01T08:00:00.1230000")]
    [InlineData(" 1780300800123 ", "2026-06-01T08:00:00.1230000")]
    public void ReadsEachFormatToTheRightInstant(string text, string expectedUtc)
    {
        var expected = DateTime.ParseExact(expectedUtc, "yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture);

        Assert.True(LogTimestamp.TryParse(text, out var fromString));
        Assert.True(FromBuffer(text, out var fromBuffer));

        Assert.Equal(expected.Ticks, fromString.UtcTicks);
        Assert.Equal(fromString, fromBuffer);
        Assert.Equal(fromString.Offset, fromBuffer.Offset);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not a date")]
    [InlineData("2026-13-01")]
    [InlineData("2026-00-10")]
    [InlineData("2026-01-32")]
    [InlineData("2026-02-29")]
    [InlineData("1900-02-29")]
    [InlineData("0000-01-01")]
    [InlineData("2026-1-01")]
    [InlineData("26-01-01")]
    [InlineData("2026/01/01")]
    [InlineData("2026-01-01T")]
    [InlineData("2026-01-01T12")]
    [InlineData("2026-01-01T12:60")]
    [InlineData("2026-01-01T12:00:60")]
    [InlineData("2026-01-01T25:00")]
    [InlineData("2026-01-01T24:00:01")]
    [InlineData("2026-01-01T12:00:00.")]
    [InlineData("2026-01-01T12:00:00.5.5")]
    [InlineData("2026-01-01T12:00:00Zjunk")]
    [InlineData("2026-01-01T12:00:00Z Z")]
    [InlineData("2026-01-01T12:00:00+15:00")]
    [InlineData("2026-01-01T12:00:00+14:30")]
    [InlineData("2026-01-01T12:00:00+01:60")]
    [InlineData("2026-01-01T12:00:00+1")]
    [InlineData("2026-01-01T12:00:00 x")]
    [InlineData("2026-01-01x")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    [InlineData("9999-12-31T23:59:59-01:00")]
    [InlineData("9999-12-31T24:00:00")]
    [InlineData("32/Mar/26 3:07 PM")]
    [InlineData("12345678")]
    [InlineData("17803008001")]
    [InlineData("17803008001234")]
    [InlineData("-1780300800")]
    [InlineData("1780300800.5")]
    public void RejectsWhatIsNotADateTheSameWayFromAStringOrABuffer(string text)
    {
        Assert.False(LogTimestamp.TryParse(text, out _));
        Assert.False(FromBuffer(text, out _));
    }

    [Fact]
    public void AgreesWithTheFrameworkOnRandomInstantsOffsetsAndPrecisions()
    {
        // Fixed seed: a failure names the text it failed on and happens again on the next run.
        var random = new Random(20260601);
        string[] fractions = { "", ".f", ".ff", ".fff", ".ffff", ".fffff", ".ffffff", ".fffffff" };
        for (var i = 0; i < 5000; i++)
        {
            var utc = new DateTime(2000, 1, 1).AddTicks((long)(random.NextDouble() * TimeSpan.FromDays(365.25 * 40).Ticks));
            var offset = TimeSpan.FromMinutes(random.Next(-14 * 60, 14 * 60 + 1));
            var instant = new DateTimeOffset(utc.Add(offset), offset);
            var fraction = fractions[random.Next(fractions.Length)];
            var pattern = "yyyy-MM-ddTHH:mm:ss" + fraction + (random.Next(3) == 0 && offset == TimeSpan.Zero ? "Z" : random.Next(2) == 0 ? "zzz" : "");
            var text = instant.ToString(pattern, CultureInfo.InvariantCulture);
            var expected = DateTimeOffset.ParseExact(text, pattern, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

            Assert.True(LogTimestamp.TryParse(text, out var fromString), text);
            Assert.True(FromBuffer(text, out var fromBuffer), text);
            Assert.Equal(expected.UtcTicks, fromString.UtcTicks);
            Assert.Equal(fromString, fromBuffer);
        }
    }

    [Theory]
    [InlineData("6/1/2026 8:00 AM", "M/d/yyyy h:mm tt")]
    [InlineData("12/31/2026 11:59:59 PM", "M/d/yyyy h:mm:ss tt")]
    [InlineData("13/1/2026 20:00", "d/M/yyyy H:mm")]
    [InlineData("31/12/2026", "d/M/yyyy")]
    [InlineData("01.06.2026", "d.M.yyyy")]
    [InlineData("1.6.2026 14:30", "d.M.yyyy H:mm")]
    [InlineData("20260601", "yyyyMMdd")]
    [InlineData("yesterday", null)]
    public void SuggestsAFormatThatReadsTheValue(string text, string? format)
    {
        Assert.Equal(format, LogTimestamp.Suggest(text));
    }

    [Fact]
    public void GivenFormatsComeFirstAndTheUsualFormsStillRead()
    {
        var formats = new[] { "yyyy-dd-MM", "dd.MM.yyyy HH:mm zzz" };
        foreach (var (text, expected) in new[]
        {
            ("2026-01-02", "2026-02-01T00:00:00Z"),
            ("02.06.2026 14:30 +02:00", "2026-06-02T12:30:00Z"),
            ("2026-06-01T08:00:00Z", "2026-06-01T08:00:00Z"),
            ("1780300800", "2026-06-01T08:00:00Z"),
        })
        {
            var buffer = ("x," + text + ",y").ToCharArray();
            Assert.True(LogTimestamp.TryParse(text, formats, out var fromString), text);
            Assert.True(LogTimestamp.TryParse(buffer, 2, text.Length, formats, out var fromBuffer), text);
            Assert.Equal(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture).UtcTicks, fromString.UtcTicks);
            Assert.Equal(fromString, fromBuffer);
        }
    }

    /// <summary>The text in the middle of a larger buffer, as a CSV reader holds a field.</summary>
    private static bool FromBuffer(string text, out DateTimeOffset value)
    {
        var buffer = ("2026-01-01T00:00:00Z," + text + ",9").ToCharArray();
        return LogTimestamp.TryParse(buffer, 21, text.Length, out value);
    }
}
