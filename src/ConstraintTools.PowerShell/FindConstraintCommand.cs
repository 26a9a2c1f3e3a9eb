using System;
using System.Collections.Generic;
using System.Management.Automation;
using ConstraintTools.Flow;
using ConstraintTools.Notation;
using ConstraintTools.Queueing;

namespace ConstraintTools.PowerShell
{
    /// <summary>
    /// Find-Constraint: the stage that limits a workflow's throughput, with evidence — from the model
    /// (a ConstraintReport), or with -Log from a work-item log measured against the workflow (a
    /// FlowConstraintReport with a confidence level).
    /// </summary>
    [Cmdlet(VerbsCommon.Find, "Constraint", DefaultParameterSetName = ModelSet)]
    [OutputType(typeof(ConstraintReport), ParameterSetName = new[] { ModelSet })]
    [OutputType(typeof(FlowConstraintReport), typeof(ConstraintWindow), ParameterSetName = new[] { LogSet })]
    public sealed class FindConstraintCommand : WorkflowCommandBase
    {
        private const string ModelSet = "Model";
        private const string LogSet = "Log";

        /// <summary>The workflows to analyse, usually from Import-Workflow; with -Log, the workflow whose status mapping reads the log.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = ModelSet)]
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = LogSet)]
        [WorkflowFileTransformation]
        [ValidateNotNull]
        public Workflow[] Workflow { get; set; } = Array.Empty<Workflow>();

        /// <summary>Work-item logs to find the constraint in from data, each measured against the workflow.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = LogSet)]
        [ValidateNotNull]
        public WorkItemLog[] Log { get; set; } = Array.Empty<WorkItemLog>();

        /// <summary>With -Log: start of the window, included; defaults to the log's first event.</summary>
        [Parameter(ParameterSetName = LogSet)]
        public DateTime? From { get; set; }

        /// <summary>With -Log: end of the window, excluded, and the measurement time; defaults to the log's last event, which is then included.</summary>
        [Parameter(ParameterSetName = LogSet)]
        public DateTime? To { get; set; }

        /// <summary>With -Log: the verdict in consecutive windows of this length instead of one, to see when the constraint moved (ConstraintWindow objects): '4w', '30d', a TimeSpan or hours.</summary>
        [Parameter(ParameterSetName = LogSet)]
        [CalendarDurationTransformation]
        [ArgumentCompleter(typeof(DurationCompleter))]
        public TimeSpan? Interval { get; set; }

        protected override IEnumerable<Workflow> Workflows => Workflow;

        protected override void BeginProcessing()
        {
            if (Interval is TimeSpan interval) RequirePositiveInterval(interval);
            base.BeginProcessing();
        }

        protected override void Process(Workflow workflow)
        {
            if (ParameterSetName == ModelSet)
            {
                WriteObject(WorkflowAnalyzer.Analyze(workflow));
                return;
            }
            foreach (var log in Log)
            {
                WriteVerbose($"{Display.Excerpt(log.Source)}: measuring {log.EventCount:N0} status changes against '{Display.Excerpt(workflow.Name)}'"
                    + VerboseText.Window(From, To) + (Interval is TimeSpan every ? $", in windows of {Display.Duration(every)}" : ""));
                try
                {
                    if (Interval is TimeSpan interval)
                        foreach (var window in FlowConstraint.OverTime(log, workflow, interval, From, To, StopToken)) WriteObject(window);
                    else WriteObject(FlowConstraint.Find(log, workflow, From, To, StopToken));
                }
                catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
                {
                    throw new PipelineStoppedException();
                }
                catch (Exception ex) when (ex is WorkLimitException || ex is WindowException)
                {
                    WriteError(ErrorFor(ex, log));
                }
            }
        }
    }
}
