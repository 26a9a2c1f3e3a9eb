using System;

namespace ConstraintTools.Simulation
{
    /// <summary>The run would need unbounded memory (an overloaded workflow simulated for long).</summary>
    public sealed class SimulationLimitException : Exception
    {
        public SimulationLimitException(string message) : base(message) { }
    }
}
