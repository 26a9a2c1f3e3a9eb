using System;
using System.Management.Automation;
using System.Threading;

namespace ConstraintTools.PowerShell
{
    /// <summary>
    /// Shared by cmdlets that read work-item logs from the pipeline against a workflow's status mapping:
    /// each log is handled on its own, and a bad window or workflow is a non-terminating error for that log.
    /// </summary>
    public abstract class LogCommandBase : PSCmdlet
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

        private readonly CancellationTokenSource stopping = new CancellationTokenSource();

        /// <summary>Cancelled by Ctrl+C. The log measures poll it between items, so a stop need not wait for a log of millions of changes.</summary>
        protected CancellationToken StopToken => stopping.Token;

        protected override void StopProcessing() => stopping.Cancel();

        protected override void ProcessRecord()
        {
            foreach (var log in Log)
            {
                try
                {
                    Process(log);
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    throw new PipelineStoppedException();
                }
                catch (WorkflowException ex)
                {
                    WriteError(new ErrorRecord(ex, "InvalidWorkflow", ErrorCategory.InvalidData, Workflow));
                }
                catch (ArgumentException ex)
                {
                    WriteError(Errors.Record(ex, "InvalidWindow", ErrorCategory.InvalidArgument, log));
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
