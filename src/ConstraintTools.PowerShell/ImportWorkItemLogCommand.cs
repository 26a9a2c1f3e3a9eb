using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using ConstraintTools.Logs;

namespace ConstraintTools.PowerShell
{
    /// <summary>Import-WorkItemLog: reads work-item status-change logs (CSV or JSON lines) into WorkItemLog objects.</summary>
    [Cmdlet(VerbsData.Import, "WorkItemLog", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(WorkItemLog))]
    public sealed class ImportWorkItemLogCommand : PSCmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";

        /// <summary>Paths of log files (CSV or JSON lines); wildcards are expanded.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>Paths taken exactly as written; file objects from Get-ChildItem bind here through PSPath.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

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

        protected override void ProcessRecord()
        {
            var literal = ParameterSetName == LiteralPathSet;
            foreach (var path in literal ? LiteralPath : Path)
                foreach (var file in Resolve(path, literal))
                    Load(file);
        }

        private IEnumerable<string> Resolve(string path, bool literal)
        {
            var files = new List<string>();
            try
            {
                ProviderInfo provider;
                if (literal)
                {
                    files.Add(SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out _));
                }
                else
                {
                    files.AddRange(SessionState.Path.GetResolvedProviderPathFromPSPath(path, out provider));
                    if (files.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(path)) throw new ItemNotFoundException(path);
                }
                if (provider.Name != "FileSystem")
                {
                    WriteError(new ErrorRecord(new ArgumentException($"'{path}' is not a file system path; logs are read from files."),
                        "WorkItemLogPathNotFileSystem", ErrorCategory.InvalidArgument, path));
                    return Array.Empty<string>();
                }
            }
            catch (ItemNotFoundException ex)
            {
                WriteError(new ErrorRecord(new FileNotFoundException($"Cannot find log file '{path}' because it does not exist.", path, ex),
                    "WorkItemLogFileNotFound", ErrorCategory.ObjectNotFound, path));
                return Array.Empty<string>();
            }
            catch (Exception ex) when (ex is ProviderNotFoundException || ex is System.Management.Automation.DriveNotFoundException || ex is PSArgumentException)
            {
                WriteError(new ErrorRecord(ex, "WorkItemLogPathInvalid", ErrorCategory.InvalidArgument, path));
                return Array.Empty<string>();
            }
            return files;
        }

        private void Load(string file)
        {
            if (Directory.Exists(file))
            {
                WriteError(new ErrorRecord(new IOException($"'{file}' is a directory; give the log files in it, e.g. '{System.IO.Path.Combine(file, "*.csv")}'."),
                    "WorkItemLogPathIsDirectory", ErrorCategory.InvalidArgument, file));
                return;
            }
            if (!File.Exists(file))
            {
                WriteError(new ErrorRecord(new FileNotFoundException($"Cannot find log file '{file}' because it does not exist.", file),
                    "WorkItemLogFileNotFound", ErrorCategory.ObjectNotFound, file));
                return;
            }
            var activity = $"Reading {System.IO.Path.GetFileName(file)}";
            var shown = false;
            try
            {
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
