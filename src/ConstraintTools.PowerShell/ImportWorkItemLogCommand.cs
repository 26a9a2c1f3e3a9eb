using System;
using System.IO;
using System.Management.Automation;
using System.Threading;
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
            long read = 0, length = 0;
            try
            {
                var log = ReadStoppably(stop => WorkItemLogReader.Read(file, Options, (bytesRead, bytes) =>
                {
                    // Called every megabyte read: how a stopped read ends before the file does.
                    stop.ThrowIfCancellationRequested();
                    Interlocked.Exchange(ref read, bytesRead);
                    Interlocked.Exchange(ref length, bytes);
                }), () =>
                {
                    var (bytesRead, bytes) = (Interlocked.Read(ref read), Interlocked.Read(ref length));
                    // A pipe states no length (-1): its progress is the megabytes read so far.
                    if (Math.Max(bytes, bytesRead) < ProgressThresholdBytes) return;
                    shown = true;
                    WriteProgress(new ProgressRecord(ActivityId, activity, bytes < 0 ? $"{bytesRead / 1048576.0:0.#} MB read" : $"{bytesRead / 1048576.0:0.#} of {bytes / 1048576.0:0.#} MB")
                    {
                        PercentComplete = bytes <= 0 ? -1 : (int)Math.Min(100, bytesRead * 100 / bytes),
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
            cmdlet.WriteWarning($"{(log.Source is null ? "log" : Display.FilePath(log.Source))}: skipped {rows} that could not be read (see the log's Problems); the first: {first}");
        }
    }
}
