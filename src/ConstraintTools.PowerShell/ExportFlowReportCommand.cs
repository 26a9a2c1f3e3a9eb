using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using ConstraintTools.Reports;
using ConstraintTools.Simulation;

namespace ConstraintTools.PowerShell
{
    /// <summary>
    /// Export-FlowReport: writes one self-contained HTML file about a workflow — flow diagram with the
    /// constraint highlighted, utilization bars, evidence and improvements; with -Log the cumulative flow,
    /// lead-time scatter and ageing work; with -Simulation the simulated figures beside the model's.
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

        /// <summary>A work-item log of the workflow, from Import-WorkItemLog: adds the cumulative flow, the lead-time scatter and the ageing work.</summary>
        [Parameter]
        public WorkItemLog? Log { get; set; }

        /// <summary>The output of Invoke-FlowSimulation for the workflow (its SimulatedStage objects and SimulationSummary): adds the simulated figures beside the model's.</summary>
        [Parameter]
        public PSObject[]? Simulation { get; set; }

        protected override string FileKind => "reports";
        protected override string ErrorIdPrefix => "Report";
        protected override string ExampleFileName => "report.html";
        protected override string OneWorkflowPerFileErrorId => "OneWorkflowPerReport";

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            if (Simulation is null) return;
            var objects = Simulation.Select(o => o.BaseObject).ToList();
            if (!objects.OfType<SimulationSummary>().Any() || objects.Any(o => !(o is SimulatedStage || o is SimulationSummary || o is WipSample)))
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("-Simulation takes what Invoke-FlowSimulation writes: its SimulatedStage objects and its SimulationSummary (run it without -Summary)."),
                    "InvalidSimulation", ErrorCategory.InvalidArgument, Simulation));
        }

        protected override void ProcessRecord()
        {
            if (!TakeFileFor(Workflow)) return;
            string html;
            try
            {
                html = FlowReportHtml.Write(Workflow, Log, SimulationOf(Workflow));
            }
            catch (WorkflowException ex)
            {
                WriteError(new ErrorRecord(ex, "InvalidWorkflow", ErrorCategory.InvalidData, Workflow));
                return;
            }
            WriteFile(html, $"the flow report of '{Display.Excerpt(Workflow.Name)}'");
        }

        private SimulationResult? SimulationOf(Workflow workflow)
        {
            if (Simulation is null) return null;
            var objects = Simulation.Select(o => o.BaseObject).ToList();
            var stages = objects.OfType<SimulatedStage>().Where(s => s.Workflow == workflow.Name).ToList();
            var summary = objects.OfType<SimulationSummary>().FirstOrDefault(s => s.Workflow == workflow.Name);
            if (summary is null || stages.Count == 0)
            {
                WriteWarning($"-Simulation holds no simulation of '{Display.Excerpt(workflow.Name)}'; the report leaves the simulation out.");
                return null;
            }
            return new SimulationResult(stages, summary);
        }
    }
}
