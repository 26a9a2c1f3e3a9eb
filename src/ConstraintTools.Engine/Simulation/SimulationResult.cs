using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace ConstraintTools.Simulation
{
    /// <summary>The simulation's figures: one <see cref="SimulatedStage"/> per stage, the <see cref="SimulationSummary"/>, and WIP samples when asked for.</summary>
    public sealed class SimulationResult
    {
        internal SimulationResult()
        {
        }

        /// <summary>A result put back together from Invoke-FlowSimulation's output objects, to hand to a report.</summary>
        public SimulationResult(IReadOnlyList<SimulatedStage> stages, SimulationSummary summary)
        {
            Stages = stages ?? throw new ArgumentNullException(nameof(stages));
            Summary = summary ?? throw new ArgumentNullException(nameof(summary));
        }

        public IReadOnlyList<SimulatedStage> Stages { get; internal set; } = Array.Empty<SimulatedStage>();
        public SimulationSummary Summary { get; internal set; } = new SimulationSummary();
        public IReadOnlyList<WipSample> TimeSeries { get; internal set; } = Array.Empty<WipSample>();
    }
}
