using System;
using System.Globalization;
using System.Management.Automation;
using ConstraintTools.Notation;

namespace ConstraintTools.PowerShell
{
    /// <summary>
    /// The parameters that say how a work-item log's rows are read, shared by Import-WorkItemLog (files) and
    /// ConvertTo-WorkItemLog (pipeline objects) so that both read the same columns the same way.
    /// </summary>
    public abstract class LogReadingCommandBase : ConstraintCmdlet
    {
        protected override string InvalidInputErrorId => "InvalidWorkItemLog";

        /// <summary>The column holding the work item's id; without it one of the usual names is used.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? IdColumn { get; set; }

        /// <summary>The column holding when the status changed; without it one of the usual names is used.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? TimestampColumn { get; set; }

        /// <summary>The column holding the status entered; without it one of the usual names is used.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? StatusColumn { get; set; }

        /// <summary>Wide form only: the columns that are stages holding entry dates, in order; without it the columns holding dates are.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? StageColumn { get; set; }

        /// <summary>Exact formats of the timestamps (invariant culture), tried in order before the usual ones; a format without an offset is read in -TimeZone.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? TimestampFormat { get; set; }

        /// <summary>The zone a timestamp without an offset, or a date alone, was written in; without it such timestamps are UTC.</summary>
        [Parameter]
        [TimeZoneTransformation]
        [ValidateNotNull]
        public TimeZoneInfo? TimeZone { get; set; }

        /// <summary>Discarded outcomes: items whose final status is one of these (Won't Do, Duplicate) count in no throughput or lead time.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? ExcludeStatus { get; set; }

        /// <summary>Discarded outcomes: items whose resolution is one of these count in no throughput or lead time.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? ExcludeResolution { get; set; }

        /// <summary>The column holding the resolution -ExcludeResolution matches; without it one of the usual names is used.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ResolutionColumn { get; set; }

        /// <summary>A resolution column given without resolutions to exclude would be read for nothing: most likely -ExcludeResolution was forgotten.</summary>
        protected override void BeginProcessing()
        {
            if (ResolutionColumn != null && ExcludeResolution is null)
                ThrowArgumentError($"-ResolutionColumn '{Display.Excerpt(ResolutionColumn)}' names the column -ExcludeResolution matches; give the resolutions to exclude too, e.g. -ExcludeResolution \"Won't Do\", Duplicate.",
                    "ResolutionColumnWithoutExcludeResolution", ResolutionColumn);
        }

        /// <summary>How to read the rows, with the form the cmdlet's own -Format gives.</summary>
        protected LogReadOptions Options(WorkItemLogFormat format) => new LogReadOptions
        {
            TimestampFormats = TimestampFormat,
            IdColumn = IdColumn,
            TimestampColumn = TimestampColumn,
            StatusColumn = StatusColumn,
            Format = format,
            StageColumns = StageColumn,
            TimeZone = TimeZone,
            ExcludeStatuses = ExcludeStatus,
            ExcludeResolutions = ExcludeResolution,
            ResolutionColumn = ResolutionColumn,
        };

        /// <summary>
        /// Writes the log, with a warning when rows were skipped. A log with rows none of which could be read is an
        /// error instead (InvalidData, on <paramref name="target"/>): an empty log would only mislead the next command,
        /// and a warning does not stop a script run with -ErrorAction Stop.
        /// </summary>
        /// <param name="row">What a row is called: "row" of a file, "object" of the pipeline.</param>
        protected void WriteLog(WorkItemLog log, string source, string row, object target)
        {
            var first = log.Problems.Count > 0 ? log.Problems[0] : "";
            if (log.EventCount == 0 && log.SkippedRows > 0)
            {
                var reason = log.SkippedRows == 1
                    ? $"its one {row} could not be read: {first}"
                    : string.Format(CultureInfo.InvariantCulture, "none of the {0:N0} {1}s could be read; the first: {2}", log.SkippedRows, row, first);
                WriteError(new ErrorRecord(new InputException(reason, file: source), "WorkItemLogHasNoUsableRow", ErrorCategory.InvalidData, target));
                return;
            }
            if (log.SkippedRows > 0)
            {
                var rows = log.SkippedRows == 1 ? "1 row" : $"{log.SkippedRows} rows";
                WriteWarning($"{(log.Source is null ? "log" : Display.FilePath(log.Source))}: skipped {rows} that could not be read (see the log's Problems); the first: {first}");
            }
            WriteObject(log);
        }
    }
}
