namespace ConstraintTools
{
    /// <summary>What a piece of work would have exceeded: each limit is checked before the work, or as it runs out.</summary>
    public enum WorkLimit
    {
        /// <summary>Items in a simulated workflow at once (an overloaded workflow simulated for long).</summary>
        SimulatedItems,

        /// <summary>Stage visits a simulation would simulate.</summary>
        SimulatedVisits,

        /// <summary>Status changes the simulated logs would hold.</summary>
        SimulatedLogChanges,

        /// <summary>WIP samples a simulation would keep.</summary>
        WipSamples,

        /// <summary>Days a forecast's trials would draw, or a trial would need.</summary>
        ForecastDays,

        /// <summary>Stage analyses a what-if on every stage would run.</summary>
        StageAnalyses,

        /// <summary>Intervals or windows a log would be cut into.</summary>
        Intervals,
    }
}
