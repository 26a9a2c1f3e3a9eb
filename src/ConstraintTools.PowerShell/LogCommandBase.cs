using System;
using System.Management.Automation;

namespace ConstraintTools.PowerShell
{
    /// <summary>
    /// Shared by cmdlets that read work-item logs from the pipeline against a workflow's status mapping:
    /// each log is handled on its own, and a bad window, too many intervals or a bad workflow is a non-terminating error
    /// for that log.
    /// </summary>
    public abstract class LogCommandBase : ConstraintCmdlet
    {
        /// <summary>The work-item logs, usually from Import-WorkItemLog or ConvertTo-WorkItemLog; each is handled on its own.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ValidateNotNull]
        public WorkItemLog[] Log { get; set; } = Array.Empty<WorkItemLog>();

        /// <summary>The workflow whose stages' states and queue statuses, and whose doneStates, map the log's statuses onto stages.</summary>
        [Parameter(Mandatory = true)]
        [WorkflowFileTransformation]
        [ValidateNotNull]
        public Workflow Workflow { get; set; } = null!;

        protected override void ProcessRecord()
        {
            foreach (var log in Log)
            {
                try
                {
                    Process(log);
                }
                catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
                {
                    throw new PipelineStoppedException();
                }
                catch (InputException ex)
                {
                    WriteError(ErrorFor(ex, Workflow));
                }
                catch (Exception ex) when (ex is WorkLimitException || ex is WindowException)
                {
                    WriteError(ErrorFor(ex, log));
                }
            }
        }

        protected abstract void Process(WorkItemLog log);
    }

    /// <summary>A log cmdlet measured over a window [-From, -To).</summary>
    public abstract class WindowedLogCommandBase : LogCommandBase
    {
        /// <summary>Start of the window, included; defaults to the log's first event. A local time is converted to UTC, a time without a kind is taken as UTC.</summary>
        [Parameter]
        public DateTime? From { get; set; }

        /// <summary>End of the window, excluded, and the measurement time (later events are ignored); defaults to the log's last event, which is then included.</summary>
        [Parameter]
        public DateTime? To { get; set; }
    }
}
