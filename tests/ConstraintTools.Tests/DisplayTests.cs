using System;
using ConstraintTools.Notation;

namespace ConstraintTools.Tests;

/// <summary>Display.Duration, which every message and table showing a duration uses.</summary>
public sealed class DisplayTests
{
    [Theory]
    [InlineData(1L, "100ns")]
    [InlineData(9L, "900ns")]
    [InlineData(15L, "1.5µs")]
    [InlineData(200_000L, "20ms")]
    [InlineData(5_000_000L, "500ms")]
    [InlineData(15_000_000L, "1.5s")]
    [InlineData(29_000_000L, "2.9s")]
    [InlineData(30_000_000L, "0.1m")]
    [InlineData(300_000_000L, "0.5m")]
    [InlineData(600_000_000L, "1m")]
    [InlineData(27_000_000_000L, "45m")]
    [InlineData(0L, "0m")]
    public void ADurationThatMinutesWouldRoundToNoneShowsItsValueInSecondsOrFiner(long ticks, string shown)
    {
        Assert.Equal(shown, Display.Duration(TimeSpan.FromTicks(ticks)));
    }
}
