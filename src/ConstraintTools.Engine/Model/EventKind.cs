namespace ConstraintTools
{
    /// <summary>What an event of an event log does to its activity.</summary>
    public enum EventKind
    {
        /// <summary>Changes no status (schedule, assign).</summary>
        None,

        /// <summary>The activity starts (or resumes): the case is in it from now.</summary>
        Start,

        /// <summary>The activity completes (or is suspended): the case waits for what comes next.</summary>
        Complete,
    }
}
