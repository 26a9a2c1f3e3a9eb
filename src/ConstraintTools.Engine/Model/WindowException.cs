using System;

namespace ConstraintTools
{
    /// <summary>A window of a log, or a forecast's start or end, that cannot be measured or forecast; the message says why.</summary>
    public sealed class WindowException : ArgumentException
    {
        public WindowException(WindowProblem problem, string message) : base(message) => Problem = problem;

        /// <summary>What is wrong with the window.</summary>
        public WindowProblem Problem { get; }
    }
}
