using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ConstraintTools.Notation;

namespace ConstraintTools.PowerShell
{
    /// <summary>
    /// How the cmdlets that read files resolve -Path (wildcards) and -LiteralPath (PSPath from Get-ChildItem),
    /// with one non-terminating error per path that is missing, not a file or not on the file system, so the
    /// other files still load; and how they read on a worker thread that Ctrl+C can leave. A class of its own
    /// rather than a base class because Import-WorkItemLog inherits the log-reading parameters it shares with
    /// ConvertTo-WorkItemLog.
    /// </summary>
    internal sealed class FileInput
    {
        /// <summary>How often the pipeline thread, waiting for a read, does its own work (progress).</summary>
        private static readonly TimeSpan WaitEvery = TimeSpan.FromMilliseconds(200);

        private readonly PSCmdlet cmdlet;
        private readonly string fileKind;
        private readonly string errorIdPrefix;
        private readonly string[] filePatterns;
        private readonly CancellationTokenSource stopping = new CancellationTokenSource();

        /// <param name="fileKind">What the files hold, in messages: "workflow", "log".</param>
        /// <param name="errorIdPrefix">The start of every error id: "Workflow", "WorkItemLog".</param>
        /// <param name="filePatterns">Patterns to suggest when a folder is given: "*.yaml".</param>
        public FileInput(PSCmdlet cmdlet, string fileKind, string errorIdPrefix, params string[] filePatterns)
        {
            this.cmdlet = cmdlet;
            this.fileKind = fileKind;
            this.errorIdPrefix = errorIdPrefix;
            this.filePatterns = filePatterns;
        }

        /// <summary>Called from the cmdlet's StopProcessing (Ctrl+C).</summary>
        public void Stop() => stopping.Cancel();

        /// <summary>Calls <paramref name="read"/> for every existing file the paths name, writing an error for each path that names none.</summary>
        public void ReadAll(IEnumerable<string> paths, bool literal, Action<string> read)
        {
            foreach (var path in paths)
                foreach (var file in Resolve(path, literal))
                    ReadExisting(file, read);
        }

        /// <summary>
        /// Reads on a worker thread while the pipeline thread waits for it or for Ctrl+C, calling
        /// <paramref name="whileWaiting"/> now and then: opening a named pipe blocks until something writes to
        /// it, and reading one until the writer writes more, and a cmdlet blocked there itself could not be
        /// stopped. A worker so blocked is left to end when the pipe does, and what it reads is dropped.
        /// </summary>
        /// <param name="read">The read; it is given the token Ctrl+C cancels.</param>
        /// <param name="whileWaiting">Work for the pipeline thread, such as WriteProgress, which only it may call.</param>
        /// <exception cref="PipelineStoppedException">Ctrl+C.</exception>
        public T ReadStoppably<T>(Func<CancellationToken, T> read, Action? whileWaiting = null)
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

        private IEnumerable<string> Resolve(string path, bool literal)
        {
            var files = new List<string>();
            try
            {
                ProviderInfo provider;
                if (literal)
                {
                    files.Add(cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out _));
                }
                else
                {
                    files.AddRange(cmdlet.SessionState.Path.GetResolvedProviderPathFromPSPath(path, out provider));
                    if (files.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(path)) throw new ItemNotFoundException(path);
                }
                if (provider.Name != "FileSystem")
                {
                    cmdlet.WriteError(new ErrorRecord(new ArgumentException($"'{Display.FilePath(path)}' is not a file system path; {fileKind}s are read from files."),
                        errorIdPrefix + "PathNotFileSystem", ErrorCategory.InvalidArgument, path));
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
                cmdlet.WriteError(new ErrorRecord(ex, errorIdPrefix + "PathInvalid", ErrorCategory.InvalidArgument, path));
                return Array.Empty<string>();
            }
            return files;
        }

        private void ReadExisting(string file, Action<string> read)
        {
            if (Directory.Exists(file))
            {
                var patterns = string.Join(" or ", Array.ConvertAll(filePatterns, p => "'" + Display.FilePath(Path.Combine(file, p)) + "'"));
                cmdlet.WriteError(new ErrorRecord(new IOException($"'{Display.FilePath(file)}' is a directory; give the {fileKind} files in it, e.g. {patterns}."),
                    errorIdPrefix + "PathIsDirectory", ErrorCategory.InvalidArgument, file));
                return;
            }
            if (!File.Exists(file))
            {
                WriteNotFound(file, null);
                return;
            }
            read(file);
        }

        private void WriteNotFound(string path, Exception? inner) =>
            cmdlet.WriteError(new ErrorRecord(new FileNotFoundException($"Cannot find {fileKind} file '{Display.FilePath(path)}' because it does not exist.", path, inner),
                errorIdPrefix + "FileNotFound", ErrorCategory.ObjectNotFound, path));
    }
}
