using System;
using System.Management.Automation;
using ConstraintTools.Notation;
using ConstraintTools.Simulation;

namespace ConstraintTools.PowerShell
{
    /// <summary>
    /// Invoke-FlowSimulation: a seeded discrete-event simulation of each workflow, replicated, written as
    /// one SimulatedStage per stage (the properties of Measure-Workflow's StageMetrics plus 95 %
    /// half-widths); with -Summary instead one SimulationSummary per workflow, with -TimeSeries each
    /// stage's WIP over time, with -AsLog the status-change log of each replication, as a tracker would
    /// hold it. One type per call, so that `| Export-Csv` of any of them gives one table.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "FlowSimulation", DefaultParameterSetName = StagesSet)]
    [OutputType(typeof(SimulatedStage), ParameterSetName = new[] { StagesSet })]
    [OutputType(typeof(SimulationSummary), ParameterSetName = new[] { SummarySet })]
    [OutputType(typeof(WipSample), ParameterSetName = new[] { TimeSeriesSet })]
    [OutputType(typeof(WorkItemLog), ParameterSetName = new[] { LogSet })]
    public sealed class InvokeFlowSimulationCommand : PositionalWorkflowCommandBase
    {
        private const string StagesSet = "Stages";
        private const string SummarySet = "Summary";
        private const string TimeSeriesSet = "TimeSeries";
        private const string LogSet = "Log";


        /// <summary>Simulated calendar time of each replication, warm-up included: '52w' (the default), '90d', a TimeSpan or hours.</summary>
        [Parameter]
        [CalendarDurationTransformation]
        [ArgumentCompleter(typeof(DurationCompleter))]
        public TimeSpan Duration { get; set; } = TimeSpan.FromDays(7 * 52);

        /// <summary>The first part of each replication left out of every figure; defaults to a tenth of the duration.</summary>
        [Parameter(ParameterSetName = StagesSet)]
        [Parameter(ParameterSetName = SummarySet)]
        [Parameter(ParameterSetName = TimeSeriesSet)]
        [CalendarDurationTransformation]
        [ArgumentCompleter(typeof(DurationCompleter))]
        public TimeSpan? WarmUp { get; set; }

        /// <summary>Independent replications; the half-widths come from their spread. At least 2 for confidence intervals. With -AsLog, one log each; 1 by default.</summary>
        [Parameter]
        [ValidateRange(1, 100_000)]
        public int Replications { get; set; } = 10;

        /// <summary>The seed of the random streams: the same seed gives the same figures on any machine.</summary>
        [Parameter]
        public int Seed { get; set; } = 1;

        /// <summary>Write each stage's WIP over time (WipSample objects, for charts) instead of the stages.</summary>
        [Parameter(Mandatory = true, ParameterSetName = TimeSeriesSet)]
        public SwitchParameter TimeSeries { get; set; }

        /// <summary>With -TimeSeries: how often to sample the WIP; defaults to a hundredth of the duration.</summary>
        [Parameter(ParameterSetName = TimeSeriesSet)]
        [CalendarDurationTransformation]
        [ArgumentCompleter(typeof(DurationCompleter))]
        public TimeSpan? SampleInterval { get; set; }

        /// <summary>Write the SimulationSummary of each workflow instead of the stages.</summary>
        [Parameter(Mandatory = true, ParameterSetName = SummarySet)]
        public SwitchParameter Summary { get; set; }

        /// <summary>Write the status-change log of each replication (a WorkItemLog) instead of figures: what a tracker would hold had the workflow run so.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LogSet)]
        public SwitchParameter AsLog { get; set; }

        /// <summary>With -AsLog: when the simulated log starts, empty; by default the duration before today's midnight (UTC), so the log ends today.</summary>
        [Parameter(ParameterSetName = LogSet)]
        public DateTimeOffset? Start { get; set; }

        protected override void BeginProcessing()
        {
            if (Duration <= TimeSpan.Zero)
                ThrowArgumentError($"-Duration must be positive; it is {Duration}.", "InvalidDuration", Duration);
            if (WarmUp is TimeSpan warmUp && (warmUp < TimeSpan.Zero || warmUp >= Duration))
                ThrowArgumentError($"-WarmUp must be at least 0 and shorter than -Duration ({Display.Duration(Duration)}); it is {Display.Duration(warmUp)}.", "InvalidWarmUp", warmUp);
            if (SampleInterval is TimeSpan every && every <= TimeSpan.Zero)
                ThrowArgumentError($"-SampleInterval must be positive; it is {every}.", "InvalidSampleInterval", every);
            // Too many samples for even a one-stage workflow is a mistaken interval, whatever the workflows.
            if (SampleEvery is TimeSpan interval)
            {
                try
                {
                    FlowSimulator.CheckWipSamples(Duration, interval, Replications, stages: 1);
                }
                catch (WorkLimitException ex)
                {
                    ThrowArgumentError(ex, "TooManyWipSamples", interval);
                }
            }
        }

        private TimeSpan? SampleEvery => TimeSeries ? SampleInterval ?? TimeSpan.FromTicks(Duration.Ticks / 100) : null;

        protected override void Process(Workflow workflow)
        {
            workflow.Validate();
            var options = new SimulationOptions
            {
                Duration = Duration,
                WarmUp = WarmUp ?? TimeSpan.FromTicks(Duration.Ticks / 10),
                Replications = AsLog && !MyInvocation.BoundParameters.ContainsKey(nameof(Replications)) ? 1 : Replications,
                Seed = Seed,
                SampleEvery = SampleEvery,
            };
            if (AsLog)
            {
                var start = Start ?? new DateTimeOffset(DateTime.UtcNow.Date - Duration, TimeSpan.Zero);
                var logs = Simulate(workflow, options, "the log of ", report => FlowSimulator.Logs(workflow, options, start, progress: report, cancel: StopToken));
                foreach (var log in logs ?? Array.Empty<WorkItemLog>()) WriteObject(log);
                return;
            }
            if (options.SampleEvery is TimeSpan interval)
            {
                try
                {
                    FlowSimulator.CheckWipSamples(Duration, interval, Replications, workflow.Stages.Count);
                }
                catch (WorkLimitException ex)
                {
                    WriteError(ErrorFor(ex, workflow));
                    return;
                }
            }
            var result = Simulate(workflow, options, "", report => FlowSimulator.Run(workflow, options, report, StopToken));
            if (result is null) return;
            if (Summary) WriteObject(result.Summary);
            else if (TimeSeries) foreach (var sample in result.TimeSeries) WriteObject(sample);
            else foreach (var stage in result.Stages) WriteObject(stage);
        }

        /// <summary>Runs the replications in the background with progress; a run too large to do is this workflow's error, and null.</summary>
        private T? Simulate<T>(Workflow workflow, SimulationOptions options, string what, Func<Action<int>, T> run) where T : class
        {
            var replications = options.Replications;
            WriteVerbose($"'{Display.Excerpt(workflow.Name)}': simulating {what}{Plural(replications, "replication")} of {Display.Duration(Duration)}, the first {Display.Duration(options.WarmUp)} of each left out as warm-up, seed {options.Seed}");
            var progress = new ProgressRecord(1, $"Simulating {what}{workflow.Name}", $"{replications} replications of {Display.Duration(Duration)}");
            try
            {
                return BackgroundWork.Run(this, progress, replications, done => $"{done} of {replications} replications of {Display.Duration(Duration)}", run);
            }
            catch (WorkLimitException ex)
            {
                WriteError(ErrorFor(ex, workflow));
            }
            return null;
        }

        private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count:N0} {noun}s";
    }
}
