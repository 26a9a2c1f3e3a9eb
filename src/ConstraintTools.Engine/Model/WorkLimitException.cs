using System;

namespace ConstraintTools
{
    /// <summary>Work refused because it would exceed a limit; the message gives the amount of work and what to change.</summary>
    public sealed class WorkLimitException : Exception
    {
        public WorkLimitException(WorkLimit limit, string message) : base(message) => Limit = limit;

        /// <summary>The limit the work would have exceeded.</summary>
        public WorkLimit Limit { get; }
    }
}
