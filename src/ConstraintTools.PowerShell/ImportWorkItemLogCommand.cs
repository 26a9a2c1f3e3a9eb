using System;
using System.IO;
using System.Management.Automation;
using ConstraintTools.Logs;

namespace ConstraintTools.PowerShell
{
    /// <summary>Import-WorkItemLog: reads work-item status-change logs (CSV or JSON lines) into WorkItemLog objects.</summary>
    [Cmdlet(VerbsData.Import, "WorkItemLog", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(WorkItemLog))]
    public sealed class ImportWorkItemLogCommand : FileReadingCommandBase
    {
        /// <summary>The column holding the work item's id; without it one named id, key, issue, issue key, item or work item id is used.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? IdColumn { get; set; }

        /// <summary>The column holding when the status changed; without it one named timestamp, date, changed, changed date, created, time or updated is used.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? TimestampColumn { get; set; }

        /// <summary>The column holding the status entered; without it one named status, state, to, to status or new status is used.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? StatusColumn { get; set; }

        /// <summary>Wide form only: the columns that are stages holding entry dates, in order; without it every column but the id (and descriptive ones such as Title) is a stage.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? StageColumn { get; set; }

        /// <summary>Long (a row per status change), Wide (a row per item, a date column per stage) or JsonLines; Auto decides from the file's name, first character and columns.</summary>
        [Parameter]
        public WorkItemLogFormat Format { get; set; } = WorkItemLogFormat.Auto;

        internal LogReadOptions Options => new LogReadOptions
        {
            IdColumn = IdColumn,
            TimestampColumn = TimestampColumn,
            StatusColumn = StatusColumn,
            Format = Format,
            StageColumns = StageColumn,
        };

        protected override string FileKind => "log";
        protected override string ErrorIdPrefix => "WorkItemLog";
        protected override string FilePattern => "*.csv";

        protected override void Read(string file)
        {
            var activity = $"Reading {System.IO.Path.GetFileName(file)}";
            var shown = false;
            try
            {
                // WriteProgress throws PipelineStoppedException once the pipeline stops: that, every megabyte
                // read, is how Ctrl+C ends a long read. A file below the threshold is read in a few milliseconds.
                var log = WorkItemLogReader.Read(file, Options, (read, length) =>
                {
                    if (length < ProgressThresholdBytes) return;
                    shown = true;
                    WriteProgress(new ProgressRecord(ActivityId, activity, $"{read / 1048576.0:0.#} of {length / 1048576.0:0.#} MB")
                    {
                        PercentComplete = length == 0 ? 100 : (int)Math.Min(100, read * 100 / length),
                    });
                });
                WarnAboutSkippedRows(this, log);
                WriteObject(log);
            }
            catch (WorkflowException ex)
            {
                WriteError(new ErrorRecord(ex, "InvalidWorkItemLog", ErrorCategory.InvalidData, file));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                WriteError(new ErrorRecord(ex, "WorkItemLogUnreadable", ErrorCategory.ReadError, file));
            }
            finally
            {
                if (shown) WriteProgress(new ProgressRecord(ActivityId, activity, "Done") { RecordType = ProgressRecordType.Completed });
            }
        }

        private const int ActivityId = 4;

        /// <summary>Files smaller than this are read too quickly to be worth a progress bar.</summary>
        private const long ProgressThresholdBytes = 4L << 20;

        internal static void WarnAboutSkippedRows(Cmdlet cmdlet, WorkItemLog log)
        {
            if (log.SkippedRows == 0) return;
            var first = log.Problems.Count > 0 ? log.Problems[0] : "";
            var rows = log.SkippedRows == 1 ? "1 row" : $"{log.SkippedRows} rows";
            cmdlet.WriteWarning($"{log.Source ?? "log"}: skipped {rows} that could not be read (see the log's Problems); the first: {first}");
        }
    }
}
