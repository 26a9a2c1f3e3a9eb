using System;
using System.Collections.Generic;
using System.Management.Automation;
using ConstraintTools.Notation;
using ConstraintTools.Queueing;

namespace ConstraintTools.PowerShell
{
    /// <summary>Measure-Improvement: what a change to a stage really does to throughput, lead time and WIP.</summary>
    [Cmdlet(VerbsDiagnostic.Measure, "Improvement")]
    [OutputType(typeof(ImprovementResult))]
    public sealed class MeasureImprovementCommand : WorkflowCommandBase
    {
        private StageChange change = new StageChange();

        /// <summary>The workflows to analyse, usually from Import-Workflow; by name or from the pipeline.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [WorkflowFileTransformation]
        [ValidateNotNull]
        public Workflow[] Workflow { get; set; } = Array.Empty<Workflow>();

        protected override IEnumerable<Workflow> Workflows => Workflow;

        /// <summary>The stages to change; without it the change is tried on every stage, one row each.</summary>
        [Parameter(Position = 0)]
        [ArgumentCompleter(typeof(StageNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? Stage { get; set; }

        /// <summary>Multiplies the stage's capacity (2 = twice as fast).</summary>
        [Parameter]
        public double CapacityFactor { get; set; }

        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Servers { get; set; }

        /// <summary>New effort per item: 30m, 4h, 1.5d (working time of the stage's calendar).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ServiceTime { get; set; }

        /// <summary>New share of working time the servers are available, above 0 and at most 1.</summary>
        [Parameter]
        public double Availability { get; set; }

        protected override void BeginProcessing()
        {
            var bound = MyInvocation.BoundParameters;
            if (bound.ContainsKey(nameof(CapacityFactor)) && !(CapacityFactor > 0 && !double.IsInfinity(CapacityFactor)))
                ThrowArgumentError("-CapacityFactor must be a positive number (2 doubles the capacity).", "InvalidCapacityFactor", CapacityFactor);
            if (bound.ContainsKey(nameof(Availability)) && !(Availability > 0 && Availability <= 1))
                ThrowArgumentError("-Availability must be above 0 and at most 1 (a share of working time).", "InvalidAvailability", Availability);
            WorkDuration? serviceTime = null;
            if (ServiceTime != null)
            {
                // Read once; the engine turns it into hours in each stage's calendar. A duration positive in one calendar
                // is positive in every one.
                var hours = WorkDuration.TryParse(ServiceTime, out var parsed) ? parsed.HoursIn(WorkCalendar.Default) : 0;
                if (!(hours > 0) || double.IsInfinity(hours))
                    ThrowArgumentError($"-ServiceTime '{Display.Excerpt(ServiceTime)}' is not a positive duration; {Hints.Duration}.", "InvalidServiceTime", ServiceTime);
                serviceTime = parsed;
            }
            change = new StageChange
            {
                CapacityFactor = bound.ContainsKey(nameof(CapacityFactor)) ? CapacityFactor : null,
                Servers = bound.ContainsKey(nameof(Servers)) ? Servers : null,
                ServiceTime = serviceTime,
                Availability = bound.ContainsKey(nameof(Availability)) ? Availability : null,
            };
            if (change.IsEmpty)
                ThrowArgumentError("Give at least one change: -CapacityFactor, -Servers, -ServiceTime or -Availability.", "NoChangeGiven", null);
        }

        protected override void Process(Workflow workflow)
        {
            if (Stage is null)
            {
                IEnumerable<ImprovementResult> results;
                try
                {
                    results = Improvement.CompareEach(workflow, change);
                }
                catch (WorkLimitException ex)
                {
                    WriteError(ErrorFor(ex, workflow));
                    return;
                }
                var activity = $"Trying {change} on each stage of {workflow.Name}";
                WriteVerbose($"'{Display.Excerpt(workflow.Name)}': trying {change} on each of its {workflow.Stages.Count:N0} stages");
                var every = Math.Max(1, workflow.Stages.Count / 100);
                var tried = 0;
                foreach (var result in results)
                {
                    WriteObject(result);
                    // A large workflow takes minutes; a record per 1 % keeps the host's work small.
                    if (++tried % every == 0)
                        WriteProgress(new ProgressRecord(1, activity, $"{tried} of {workflow.Stages.Count} stages") { PercentComplete = (int)(100L * tried / workflow.Stages.Count) });
                }
                if (tried >= every) WriteProgress(new ProgressRecord(1, activity, "Done") { RecordType = ProgressRecordType.Completed });
                return;
            }
            var before = WorkflowAnalyzer.Analyze(workflow);
            foreach (var stage in Stage)
            {
                try
                {
                    WriteObject(Improvement.Compare(workflow, stage, change, before));
                }
                catch (InputException ex) when (ex.Field == "stage")
                {
                    WriteError(new ErrorRecord(ex, "StageNotFound", ErrorCategory.ObjectNotFound, stage));
                }
                catch (InputException ex)
                {
                    WriteError(new ErrorRecord(ex, "ChangeNotApplicable", ErrorCategory.InvalidOperation, stage));
                }
            }
        }
    }
}
