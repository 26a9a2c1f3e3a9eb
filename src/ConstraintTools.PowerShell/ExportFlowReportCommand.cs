using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using ConstraintTools.Notation;
using ConstraintTools.Reports;
using ConstraintTools.Simulation;

namespace ConstraintTools.PowerShell
{
    /// <summary>
    /// Export-FlowReport: writes one self-contained HTML file about a workflow — flow diagram with the
    /// constraint highlighted, utilization bars, evidence and improvements. With -Log the log's own verdict
    /// leads (what Find-Constraint -Log says), with its measured stages, the constraint over -Interval windows,
    /// the cumulative flow, lead-time scatter and ageing work, and the model's figures follow, labelled, only
    /// when the workflow has service times. With -Simulation the simulated figures beside the model's.
    /// </summary>
    [Cmdlet(VerbsData.Export, "FlowReport", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportFlowReportCommand : FileWritingCommandBase
    {
        /// <summary>The workflow to report on, usually from Import-Workflow; one report a file.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
        [WorkflowFileTransformation]
        [ValidateNotNull]
        public Workflow Workflow { get; set; } = null!;

        /// <summary>A work-item log of the workflow, from Import-WorkItemLog: the report leads with the log's verdict and measured stages, and adds the constraint over time, the cumulative flow, the lead-time scatter and the ageing work.</summary>
        [Parameter]
        public WorkItemLog? Log { get; set; }

        /// <summary>With -Log: the windows of the constraint over time ('4w', '30d', a TimeSpan or hours); without it, 4 weeks for a log of 12 weeks or more (13 past two years), and none for a shorter log.</summary>
        [Parameter]
        [CalendarDurationTransformation]
        [ArgumentCompleter(typeof(DurationCompleter))]
        public TimeSpan? Interval { get; set; }

        /// <summary>The output of Invoke-FlowSimulation -Summary for the workflow (a SimulationSummary holds its stages), or its SimulatedStage objects with that summary: adds the simulated figures beside the model's.</summary>
        [Parameter]
        public PSObject[]? Simulation { get; set; }

        protected override string FileKind => "reports";
        protected override string ErrorIdPrefix => "Report";
        protected override string ExampleFileName => "report.html";
        protected override string OneWorkflowPerFileErrorId => "OneWorkflowPerReport";

        protected override void BeginProcessing()
        {
            if (Interval is TimeSpan interval)
            {
                RequirePositiveInterval(interval);
                if (Log is null)
                    ThrowArgumentError("-Interval sets the windows of the constraint over time, which is measured from a log: give one with -Log, or leave -Interval out.",
                        "IntervalWithoutLog", interval);
            }
            base.BeginProcessing();
            if (Simulation is null) return;
            var objects = Simulation.Select(o => o.BaseObject).ToList();
            if (!objects.OfType<SimulationSummary>().Any() || objects.Any(o => !(o is SimulatedStage || o is SimulationSummary || o is WipSample)))
                ThrowArgumentError("-Simulation takes what Invoke-FlowSimulation -Summary writes: a SimulationSummary, which holds its stages, alone or with SimulatedStage objects.",
                    "InvalidSimulation", Simulation);
        }

        protected override void ProcessRecord()
        {
            if (!TakeFileFor(Workflow)) return;
            string html;
            var interval = Interval ?? (Log is null ? null : FlowReportHtml.DefaultInterval(Log));
            WriteVerbose($"'{Display.Excerpt(Workflow.Name)}': " + (Log is null
                ? "the model's report"
                : $"the report from {Display.Excerpt(Log.Source)} ({Log.EventCount:N0} status changes), " + (interval is TimeSpan every
                    ? $"the constraint over time in windows of {Display.Duration(every)}"
                    : "no constraint over time (the log spans less than 12 weeks; give -Interval)"))
                + (Simulation is null ? "" : ", with the simulation"));
            try
            {
                html = FlowReportHtml.Write(Workflow, Log, SimulationOf(Workflow), interval, StopToken);
            }
            catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (InputException ex)
            {
                WriteError(ErrorFor(ex, Workflow));
                return;
            }
            catch (Exception ex) when (ex is WorkLimitException || ex is WindowException)
            {
                WriteError(ErrorFor(ex, Log));
                return;
            }
            WriteFile(html, $"the flow report of '{Display.Excerpt(Workflow.Name)}'");
        }

        private SimulationResult? SimulationOf(Workflow workflow)
        {
            if (Simulation is null) return null;
            var objects = Simulation.Select(o => o.BaseObject).ToList();
            var summary = objects.OfType<SimulationSummary>().FirstOrDefault(s => s.Workflow == workflow.Name);
            var given = objects.OfType<SimulatedStage>().Where(s => s.Workflow == workflow.Name).ToList();
            var stages = given.Count > 0 ? given : summary?.Stages;
            if (summary is null || stages is null || stages.Count == 0)
            {
                WriteWarning($"-Simulation holds no simulation of '{Display.Excerpt(workflow.Name)}'; the report leaves the simulation out.");
                return null;
            }
            return new SimulationResult(stages, summary);
        }
    }
}
