using System;
using System.Management.Automation;
using System.Threading;
using ConstraintTools.Simulation;

namespace ConstraintTools.PowerShell
{
    /// <summary>
    /// Invoke-FlowSimulation: a seeded discrete-event simulation of each workflow, replicated, written as
    /// one SimulatedStage per stage (the properties of Measure-Workflow's StageMetrics plus 95 %
    /// half-widths) and a SimulationSummary; with -TimeSeries also each stage's WIP over time.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "FlowSimulation")]
    [OutputType(typeof(SimulatedStage), typeof(SimulationSummary), typeof(WipSample))]
    public sealed class InvokeFlowSimulationCommand : PositionalWorkflowCommandBase
    {
        private readonly CancellationTokenSource stopping = new CancellationTokenSource();

        /// <summary>Simulated calendar time of each replication, warm-up included: '52w' (the default), '90d', a TimeSpan or hours.</summary>
        [Parameter]
        [CalendarDurationTransformation]
        public TimeSpan Duration { get; set; } = TimeSpan.FromDays(7 * 52);

        /// <summary>The first part of each replication left out of every figure; defaults to a tenth of the duration.</summary>
        [Parameter]
        [CalendarDurationTransformation]
        public TimeSpan? WarmUp { get; set; }

        /// <summary>Independent replications; the half-widths come from their spread. At least 2 for confidence intervals.</summary>
        [Parameter]
        [ValidateRange(1, 100_000)]
        public int Replications { get; set; } = 10;

        /// <summary>The seed of the random streams: the same seed gives the same figures on any machine.</summary>
        [Parameter]
        public int Seed { get; set; } = 1;

        /// <summary>Also write each stage's WIP over time (WipSample objects), for charts.</summary>
        [Parameter]
        public SwitchParameter TimeSeries { get; set; }

        /// <summary>With -TimeSeries: how often to sample the WIP; defaults to a hundredth of the duration.</summary>
        [Parameter]
        [CalendarDurationTransformation]
        public TimeSpan? SampleInterval { get; set; }

        /// <summary>Write only the SimulationSummary (and the samples with -TimeSeries), not the stages.</summary>
        [Parameter]
        public SwitchParameter Summary { get; set; }

        protected override void BeginProcessing()
        {
            if (Duration <= TimeSpan.Zero)
                Stop(new ArgumentException($"-Duration must be positive; it is {Duration}."), "InvalidDuration", Duration);
            if (WarmUp is TimeSpan warmUp && (warmUp < TimeSpan.Zero || warmUp >= Duration))
                Stop(new ArgumentException($"-WarmUp must be at least 0 and shorter than -Duration ({Display.Duration(Duration)}); it is {Display.Duration(warmUp)}."), "InvalidWarmUp", warmUp);
            if (SampleInterval is TimeSpan every && every <= TimeSpan.Zero)
                Stop(new ArgumentException($"-SampleInterval must be positive; it is {every}."), "InvalidSampleInterval", every);
            // Too many samples for even a one-stage workflow is a mistaken interval, whatever the workflows.
            if (SampleEvery is TimeSpan interval)
            {
                try
                {
                    FlowSimulator.CheckWipSamples(Duration, interval, Replications, stages: 1);
                }
                catch (ArgumentException ex)
                {
                    Stop(ex, "TooManyWipSamples", interval);
                }
            }
        }

        private TimeSpan? SampleEvery => TimeSeries ? SampleInterval ?? TimeSpan.FromTicks(Duration.Ticks / 100) : null;

        private void Stop(Exception exception, string errorId, object target) =>
            ThrowTerminatingError(Errors.Record(exception, errorId, ErrorCategory.InvalidArgument, target));

        protected override void Process(Workflow workflow)
        {
            workflow.Validate();
            var options = new SimulationOptions
            {
                Duration = Duration,
                WarmUp = WarmUp ?? TimeSpan.FromTicks(Duration.Ticks / 10),
                Replications = Replications,
                Seed = Seed,
                SampleEvery = SampleEvery,
            };
            if (options.SampleEvery is TimeSpan interval)
            {
                try
                {
                    FlowSimulator.CheckWipSamples(Duration, interval, Replications, workflow.Stages.Count);
                }
                catch (ArgumentException ex)
                {
                    WriteError(Errors.Record(ex, "TooManyWipSamples", ErrorCategory.LimitsExceeded, workflow));
                    return;
                }
            }
            var progress = new ProgressRecord(1, $"Simulating {workflow.Name}", $"{Replications} replications of {Display.Duration(Duration)}");

            SimulationResult result;
            try
            {
                result = BackgroundWork.Run(this, progress, Replications, done => $"{done} of {Replications} replications of {Display.Duration(Duration)}",
                    report => FlowSimulator.Run(workflow, options, report, stopping.Token));
            }
            catch (SimulationLimitException ex)
            {
                WriteError(new ErrorRecord(ex, "SimulationLimit", ErrorCategory.LimitsExceeded, workflow));
                return;
            }
            catch (ArgumentException ex)
            {
                WriteError(Errors.Record(ex, "SimulationTooLong", ErrorCategory.LimitsExceeded, workflow));
                return;
            }
            if (!Summary)
                foreach (var stage in result.Stages) WriteObject(stage);
            WriteObject(result.Summary);
            foreach (var sample in result.TimeSeries) WriteObject(sample);
        }

        protected override void StopProcessing() => stopping.Cancel();
    }
}
