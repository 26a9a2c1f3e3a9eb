using System;
using System.Globalization;
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

        /// <summary>Exact formats of the timestamps, such as 'M/d/yyyy h:mm tt' or 'dd.MM.yyyy' (invariant culture), tried in order before the usual ones; a format without an offset is read as UTC.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? TimestampFormat { get; set; }

        /// <summary>The zone a timestamp without an offset, or a date alone, was written in: a zone id such as 'Europe/Berlin' or an offset such as '+01:00'; without it such timestamps are UTC. The log keeps it, and day and week buckets (Get-CumulativeFlow, Get-Forecast) are that zone's days.</summary>
        [Parameter]
        [TimeZoneTransformation]
        [ValidateNotNull]
        public TimeZoneInfo? TimeZone { get; set; }

        internal LogReadOptions Options => new LogReadOptions
        {
            TimestampFormats = TimestampFormat,
            IdColumn = IdColumn,
            TimestampColumn = TimestampColumn,
            StatusColumn = StatusColumn,
            Format = Format,
            StageColumns = StageColumn,
            TimeZone = TimeZone,
        };

        protected override string FileKind => "log";
        protected override string ErrorIdPrefix => "WorkItemLog";
        protected override string FilePattern => "*.csv";

        protected override void Read(string file)
        {
            var activity = $"Reading {System.IO.Path.GetFileName(file)}";
            var shown = false;
            long read = 0, length = 0;
            // Found on the reading thread, said on the pipeline thread, the only one that may write.
            string? detected = null, said = null;
            void SayDetected()
            {
                var now = Volatile.Read(ref detected);
                if (now is null || now == said) return;
                said = now;
                WriteVerbose($"{file}: {now}");
            }
            try
            {
                var log = ReadStoppably(stop => WorkItemLogReader.Read(file, Options, (bytesRead, bytes) =>
                {
                    // Called every megabyte read: how a stopped read ends before the file does.
                    stop.ThrowIfCancellationRequested();
                    Interlocked.Exchange(ref read, bytesRead);
                    Interlocked.Exchange(ref length, bytes);
                }, columns => Volatile.Write(ref detected, columns.Describe())), () =>
                {
                    SayDetected();
                    var (bytesRead, bytes) = (Interlocked.Read(ref read), Interlocked.Read(ref length));
                    // A pipe states no length (-1): its progress is the megabytes read so far.
                    if (Math.Max(bytes, bytesRead) < ProgressThresholdBytes) return;
                    shown = true;
                    WriteProgress(new ProgressRecord(ActivityId, activity, bytes < 0 ? $"{bytesRead / 1048576.0:0.#} MB read" : $"{bytesRead / 1048576.0:0.#} of {bytes / 1048576.0:0.#} MB")
                    {
                        PercentComplete = bytes <= 0 ? -1 : (int)Math.Min(100, bytesRead * 100 / bytes),
                    });
                });
                // The whole file may show more than its header did: which wide-form columns held dates.
                Volatile.Write(ref detected, log.Detected);
                SayDetected();
                WriteLog(this, log, log.Source ?? file, "row", file);
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

        /// <summary>
        /// Writes the log, with a warning when rows were skipped. A log with rows none of which could be read is an
        /// error instead (InvalidData, on <paramref name="target"/>): an empty log would only mislead the next command,
        /// and a warning does not stop a script run with -ErrorAction Stop.
        /// </summary>
        /// <param name="row">What a row is called: "row" of a file, "object" of the pipeline.</param>
        internal static void WriteLog(Cmdlet cmdlet, WorkItemLog log, string source, string row, object target)
        {
            var first = log.Problems.Count > 0 ? log.Problems[0] : "";
            if (log.EventCount == 0 && log.SkippedRows > 0)
            {
                var reason = log.SkippedRows == 1
                    ? $"its one {row} could not be read: {first}"
                    : string.Format(CultureInfo.InvariantCulture, "none of the {0:N0} {1}s could be read; the first: {2}", log.SkippedRows, row, first);
                cmdlet.WriteError(new ErrorRecord(new WorkflowException(reason, file: source), "WorkItemLogHasNoUsableRow", ErrorCategory.InvalidData, target));
                return;
            }
            if (log.SkippedRows > 0)
            {
                var rows = log.SkippedRows == 1 ? "1 row" : $"{log.SkippedRows} rows";
                cmdlet.WriteWarning($"{(log.Source is null ? "log" : Display.FilePath(log.Source))}: skipped {rows} that could not be read (see the log's Problems); the first: {first}");
            }
            cmdlet.WriteObject(log);
        }
    }
}
