using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace ConstraintTools.PowerShell
{
    /// <summary>
    /// Shared by the cmdlets that read files: -Path (wildcards) and -LiteralPath (PSPath from
    /// Get-ChildItem), and one non-terminating error per path that is missing, not a file or not
    /// on the file system, so the other files still load.
    /// </summary>
    public abstract class FileReadingCommandBase : PSCmdlet
    {
        protected const string PathSet = "Path";
        protected const string LiteralPathSet = "LiteralPath";

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

        /// <summary>What the files hold, in messages: "workflow", "log".</summary>
        protected abstract string FileKind { get; }

        /// <summary>The start of every error id: "Workflow", "WorkItemLog".</summary>
        protected abstract string ErrorIdPrefix { get; }

        /// <summary>A pattern to suggest when a folder is given: "*.yaml".</summary>
        protected abstract string FilePattern { get; }

        /// <summary>Reads one existing file and writes what it holds, or an error.</summary>
        protected abstract void Read(string file);

        /// <summary>How often the pipeline thread, waiting for a read, does its own work (progress).</summary>
        private static readonly TimeSpan WaitEvery = TimeSpan.FromMilliseconds(200);

        private readonly CancellationTokenSource stopping = new CancellationTokenSource();

        protected override void StopProcessing() => stopping.Cancel();

        /// <summary>
        /// Reads on a worker thread while the pipeline thread waits for it or for Ctrl+C, calling
        /// <paramref name="whileWaiting"/> now and then: opening a named pipe blocks until something writes to
        /// it, and reading one until the writer writes more, and a cmdlet blocked there itself could not be
        /// stopped. A worker so blocked is left to end when the pipe does, and what it reads is dropped.
        /// </summary>
        /// <param name="read">The read; it is given the token Ctrl+C cancels.</param>
        /// <param name="whileWaiting">Work for the pipeline thread, such as WriteProgress, which only it may call.</param>
        /// <exception cref="PipelineStoppedException">Ctrl+C.</exception>
        protected T ReadStoppably<T>(Func<CancellationToken, T> read, Action? whileWaiting = null)
        {
            var work = Task.Factory.StartNew(() => read(stopping.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            var signals = new[] { ((IAsyncResult)work).AsyncWaitHandle, stopping.Token.WaitHandle };
            int signalled;
            while ((signalled = WaitHandle.WaitAny(signals, WaitEvery)) != 0)
            {
                if (signalled == 1) throw new PipelineStoppedException();
                whileWaiting?.Invoke();
            }
            try
            {
                return work.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        protected override void ProcessRecord()
        {
            var literal = ParameterSetName == LiteralPathSet;
            foreach (var path in literal ? LiteralPath : Path)
                foreach (var file in Resolve(path, literal))
                    ReadExisting(file);
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
                    WriteError(new ErrorRecord(new ArgumentException($"'{Display.FilePath(path)}' is not a file system path; {FileKind}s are read from files."),
                        ErrorIdPrefix + "PathNotFileSystem", ErrorCategory.InvalidArgument, path));
                    return Array.Empty<string>();
                }
            }
            catch (ItemNotFoundException ex)
            {
                WriteNotFound(path, ex);
                return Array.Empty<string>();
            }
            catch (Exception ex) when (ex is ProviderNotFoundException || ex is System.Management.Automation.DriveNotFoundException || ex is PSArgumentException)
            {
                WriteError(new ErrorRecord(ex, ErrorIdPrefix + "PathInvalid", ErrorCategory.InvalidArgument, path));
                return Array.Empty<string>();
            }
            return files;
        }

        private void ReadExisting(string file)
        {
            if (Directory.Exists(file))
            {
                WriteError(new ErrorRecord(new IOException($"'{Display.FilePath(file)}' is a directory; give the {FileKind} files in it, e.g. '{Display.FilePath(System.IO.Path.Combine(file, FilePattern))}'."),
                    ErrorIdPrefix + "PathIsDirectory", ErrorCategory.InvalidArgument, file));
                return;
            }
            if (!File.Exists(file))
            {
                WriteNotFound(file, null);
                return;
            }
            Read(file);
        }

        private void WriteNotFound(string path, Exception? inner) =>
            WriteError(new ErrorRecord(new FileNotFoundException($"Cannot find {FileKind} file '{Display.FilePath(path)}' because it does not exist.", path, inner),
                ErrorIdPrefix + "FileNotFound", ErrorCategory.ObjectNotFound, path));
    }
}
