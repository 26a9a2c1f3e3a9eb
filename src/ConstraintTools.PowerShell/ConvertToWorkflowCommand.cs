using System.Management.Automation;
using ConstraintTools.Flow;
using ConstraintTools.Notation;

namespace ConstraintTools.PowerShell
{
    /// <summary>
    /// ConvertTo-Workflow: fits a workflow to a work-item log — demand, each stage's service time and cv,
    /// routing with rework and current WIP from the log; stages, status mapping, calendars, availability,
    /// servers and cadences from the template workflow. What the fit could not take from the log is
    /// written as warnings.
    /// </summary>
    [Cmdlet(VerbsData.ConvertTo, "Workflow")]
    [OutputType(typeof(Workflow))]
    public sealed class ConvertToWorkflowCommand : WindowedLogCommandBase
    {
        /// <summary>The fitted workflow's name; defaults to the template's.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        protected override void Process(WorkItemLog log)
        {
            WriteVerbose($"{Display.Excerpt(log.Source)}: fitting '{Display.Excerpt(Workflow.Name)}' to {log.ItemCount:N0} items and {log.EventCount:N0} status changes" + VerboseText.Window(From, To));
            var fitted = WorkflowFit.Fit(log, Workflow, out var notes, From, To, Name, StopToken);
            foreach (var note in notes) WriteWarning(note);
            WriteObject(fitted);
        }
    }
}
