namespace ConstraintTools.Notation
{
    /// <summary>
    /// How to write a quantity, as every refusal of one ends: the YAML reader, the cmdlets' parameter
    /// transformations and the engine say it in these words. Where a cmdlet also takes a [TimeSpan], its hint says so.
    /// </summary>
    public static class Hints
    {
        /// <summary>A duration in working time, as a file writes it.</summary>
        public const string Duration = "write 30m, 4h, 1.5d, 2w or a number of hours";

        /// <summary>A duration given to a cmdlet row by row, where a [TimeSpan] arrives as its text.</summary>
        public const string DurationOrTimeSpan = "write 30m, 4h, 1.5d, 2w, a TimeSpan or a number of hours";

        /// <summary>A duration parameter, which also takes compound durations such as 2h15m.</summary>
        public const string DurationParameter = "write 30m, 4h, 1.5d, 2w, 2h15m, a TimeSpan or a number of hours";

        /// <summary>A calendar period, such as a release train's cadence.</summary>
        public const string CalendarPeriod = "write a calendar period such as 2w, 10d or 36h";

        /// <summary>A rate: items per calendar time.</summary>
        public const string Rate = "write N/hour, N/day, N/week, N/month or a number per week";

        /// <summary>A calendar of working time.</summary>
        public const string Calendar = "write hours per day x days per week, e.g. 24x7 or 8x5";
    }
}
