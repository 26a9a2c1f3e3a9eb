using System;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Threading;
using ConstraintTools.Logs;

namespace ConstraintTools.PowerShell
{
    /// <summary>Import-WorkItemLog: reads work-item status-change logs (CSV, JSON lines or XES event logs) into WorkItemLog objects.</summary>
    [Cmdlet(VerbsData.Import, "WorkItemLog", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(WorkItemLog))]
    public sealed class ImportWorkItemLogCommand : LogReadingCommandBase
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";

        private FileInput? input;

        /// <summary>Paths of the files to read; wildcards are expanded.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>Paths taken exactly as written; file objects from Get-ChildItem bind here through PSPath.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>Long (a row per status change), Changelog, Wide (a row per item, a date column per stage) or JsonLines; Auto decides from the file's name, first character and columns.</summary>
        [Parameter]
        public WorkItemLogFormat Format { get; set; } = WorkItemLogFormat.Auto;

        private FileInput Input => input ??= new FileInput(this, "log", "WorkItemLog", "*.csv", "*.xes");

        protected override void StopProcessing()
        {
            base.StopProcessing();
            Input.Stop();
        }

        protected override void ProcessRecord()
        {
            var literal = ParameterSetName == LiteralPathSet;
            Input.ReadAll(literal ? LiteralPath : Path, literal, Read);
        }

        private void Read(string file)
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
                var log = Input.ReadStoppably(stop => WorkItemLogReader.Read(file, Options(Format), (bytesRead, bytes) =>
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
                WriteLog(log, log.Source ?? file, "row", file);
            }
            catch (InputException ex)
            {
                WriteError(ErrorFor(ex, file));
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
    }
}
