using System;
using System.Collections.Generic;
using System.Management.Automation;
using ConstraintTools.Forecasting;
using ConstraintTools.Notation;

namespace ConstraintTools.PowerShell
{
    /// <summary>
    /// Get-Forecast: a Monte Carlo forecast from daily throughput history — from a work-item log's finished
    /// items per day, or from a list of daily counts. With -Items N, when the N items are done; with -By, how
    /// many items are done by then. Writes one Forecast per likelihood: 50, 85 and 95 %.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "Forecast", DefaultParameterSetName = LogSet)]
    [OutputType(typeof(Forecast))]
    public sealed class GetForecastCommand : ConstraintCmdlet
    {
        private const string LogSet = "Log";
        private const string ThroughputSet = "Throughput";
        private readonly List<int> dailyCounts = new List<int>();

        /// <summary>The work-item logs whose finished items per day make the history; each is forecast on its own.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = LogSet)]
        [ValidateNotNull]
        public WorkItemLog[] Log { get; set; } = Array.Empty<WorkItemLog>();

        /// <summary>The workflow whose doneStates say when an item of the log is finished.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LogSet)]
        [WorkflowFileTransformation]
        [ValidateNotNull]
        public Workflow Workflow { get; set; } = null!;

        /// <summary>Start of the log's history window, included; defaults to the log's first event. Only whole UTC days count.</summary>
        [Parameter(ParameterSetName = LogSet)]
        public DateTime? From { get; set; }

        /// <summary>End of the log's history window, excluded, and the measurement time; defaults to the log's last event, which is then included. Only whole UTC days count.</summary>
        [Parameter(ParameterSetName = LogSet)]
        public DateTime? To { get; set; }

        /// <summary>Items finished per day, oldest first, one number per calendar day (0 for a day without any); the numbers may come from the pipeline.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = ThroughputSet)]
        [ValidateNotNullOrEmpty]
        [ValidateRange(0, int.MaxValue)]
        public int[] Throughput { get; set; } = Array.Empty<int>();

        /// <summary>Forecast when this many items are done.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int? Items { get; set; }

        /// <summary>Forecast how many items are done by this date (UTC midnight; only whole days count).</summary>
        [Parameter]
        public DateTime? By { get; set; }

        /// <summary>The first day of the forecast; defaults to the day after a log's history window, or today (UTC) for -Throughput.</summary>
        [Parameter]
        public DateTime? Start { get; set; }

        /// <summary>The number of Monte Carlo trials.</summary>
        [Parameter]
        [ValidateRange(1, ThroughputForecast.MaxTrials)]
        public int Trials { get; set; } = 10_000;

        /// <summary>The seed of the random draws: the same seed gives the same forecast on any machine.</summary>
        [Parameter]
        public int Seed { get; set; } = 1;

        protected override void BeginProcessing()
        {
            if (Items is null && By is null)
                ThrowArgumentError("Give -Items N to forecast when N items are done, or -By <date> to forecast how many are done by then.", "MissingItemsOrBy", null);
            if (Items is int items && By is DateTime by)
                ThrowArgumentError($"Give -Items or -By, not both: -Items {items} asks when, -By {by:yyyy-MM-dd} asks how many.", "ItemsAndByTogether", null);
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ThroughputSet)
            {
                // The daily counts may arrive one pipeline object at a time; the forecast needs them all.
                dailyCounts.AddRange(Throughput);
                return;
            }
            foreach (var log in Log)
            {
                ThroughputHistory history;
                try
                {
                    history = ThroughputHistory.FromLog(log, Workflow, From, To);
                }
                catch (WindowException ex)
                {
                    WriteError(ErrorFor(ex, log));
                    continue;
                }
                Forecast(history, Start, log);
            }
        }

        protected override void EndProcessing()
        {
            if (ParameterSetName == ThroughputSet)
                Forecast(ThroughputHistory.FromCounts(dailyCounts), Start ?? DateTime.UtcNow.Date, dailyCounts.ToArray());
        }

        /// <param name="target">The log, or the daily counts, that an error is about.</param>
        private void Forecast(ThroughputHistory history, DateTime? start, object target)
        {
            var options = new ForecastOptions { Start = start, Trials = Trials, Seed = Seed };
            var question = Items is int n ? $"when {n} items are done" : $"how many items are done by {By:yyyy-MM-dd}";
            var progress = new ProgressRecord(1, $"Forecasting {question}", $"{Trials} trials from {history.Source}");
            WriteVerbose($"{Display.Excerpt(history.Source)}: forecasting {question} from {history.ItemsPerDay.Count:N0} days of throughput"
                + (history.From is DateTime first ? $" ({first:yyyy-MM-dd} to {history.To:yyyy-MM-dd})" : "") + $", {Trials:N0} trials");

            IReadOnlyList<Forecast> forecasts;
            try
            {
                forecasts = BackgroundWork.Run(this, progress, Trials, trials => $"{trials} of {Trials} trials from {history.Source}", report => Items is int items
                    ? ThroughputForecast.WhenDone(history, items, options, report, StopToken)
                    : ThroughputForecast.HowManyBy(history, By!.Value, options, report, StopToken));
            }
            catch (WorkLimitException ex)
            {
                Fail(ErrorFor(ex, target), terminating: ParameterSetName == ThroughputSet);
                return;
            }
            catch (WindowException ex) when (ex.Problem == WindowProblem.NoThroughput)
            {
                Fail(ErrorFor(ex, target), terminating: ParameterSetName == ThroughputSet);
                return;
            }
            catch (WindowException ex)
            {
                // A forecast that would run past the calendar's end, or a bad -By: from a given -Start, wrong for every
                // log; from a log's own start, for this one.
                var terminating = ParameterSetName == ThroughputSet || Start.HasValue;
                Fail(ErrorFor(ex, terminating ? (ex.Problem == WindowProblem.By ? By : Start) : target), terminating);
                return;
            }
            foreach (var forecast in forecasts) WriteObject(forecast);
        }

        private void Fail(ErrorRecord error, bool terminating)
        {
            if (terminating) ThrowTerminatingError(error);
            else WriteError(error);
        }
    }
}
