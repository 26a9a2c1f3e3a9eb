namespace ConstraintTools
{
    /// <summary>What is wrong with the span of time a log is measured or forecast over.</summary>
    public enum WindowProblem
    {
        /// <summary>The window holds nothing to measure: To not after From, a log without changes, no whole day.</summary>
        Empty,

        /// <summary>Nothing finished in the window, so a forecast from it never ends.</summary>
        NoThroughput,

        /// <summary>The forecast's start leaves it no room before the calendar ends.</summary>
        Start,

        /// <summary>The forecast's By is not a whole day after its start, or too far after it.</summary>
        By,
    }
}
