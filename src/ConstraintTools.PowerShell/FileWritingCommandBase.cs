using System;
using System.IO;
using System.Management.Automation;
using System.Text;

namespace ConstraintTools.PowerShell
{
    /// <summary>
    /// Shared by cmdlets that write one file: -Path or -LiteralPath resolved once, -Force to overwrite,
    /// -PassThru, ShouldProcess, and a write that never leaves a half-written file behind.
    /// </summary>
    public abstract class FileWritingCommandBase : PSCmdlet
    {
        protected const string PathSet = "Path";
        protected const string LiteralPathSet = "LiteralPath";
        private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

        /// <summary>The file to write; it need not exist yet. Not expanded as a wildcard.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        /// <summary>The file to write, taken exactly as written.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string LiteralPath { get; set; } = "";

        /// <summary>Overwrite the file if it exists; without it an existing file is left alone and an error says so.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Also return the file written.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>The resolved file system path of the file to write.</summary>
        protected string File { get; private set; } = "";

        /// <summary>What the file holds, for messages: "workflows", "reports".</summary>
        protected abstract string FileKind { get; }

        /// <summary>The start of every error id: "Workflow" gives WorkflowPathInvalid, WorkflowWriteFailed…</summary>
        protected abstract string ErrorIdPrefix { get; }

        /// <summary>A file name for the example in the error about a directory.</summary>
        protected abstract string ExampleFileName { get; }

        protected override void BeginProcessing()
        {
            var path = ParameterSetName == LiteralPathSet ? LiteralPath : Path;
            try
            {
                File = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
                if (provider.Name != "FileSystem")
                    ThrowTerminatingError(new ErrorRecord(new ArgumentException($"'{path}' is not a file system path; {FileKind} are written to files."),
                        ErrorIdPrefix + "PathNotFileSystem", ErrorCategory.InvalidArgument, path));
            }
            catch (Exception ex) when (ex is ProviderNotFoundException || ex is System.Management.Automation.DriveNotFoundException || ex is PSArgumentException)
            {
                ThrowTerminatingError(new ErrorRecord(ex, ErrorIdPrefix + "PathInvalid", ErrorCategory.InvalidArgument, path));
            }
            if (Directory.Exists(File))
                ThrowTerminatingError(new ErrorRecord(new IOException($"'{File}' is a directory; give the path of the file to write, e.g. '{System.IO.Path.Combine(File, ExampleFileName)}'."),
                    ErrorIdPrefix + "PathIsDirectory", ErrorCategory.InvalidArgument, File));
        }

        /// <summary>Writes <paramref name="text"/> to the file unless it exists without -Force or ShouldProcess declines; errors are non-terminating.</summary>
        /// <param name="what">What is written, for -WhatIf and -Confirm: "workflow 'Delivery'".</param>
        protected void WriteFile(string text, string what)
        {
            var exists = System.IO.File.Exists(File);
            if (exists && !Force)
            {
                WriteError(new ErrorRecord(new IOException($"The file '{File}' already exists; add -Force to overwrite it."), "FileExists", ErrorCategory.ResourceExists, File));
                return;
            }
            if (!ShouldProcess(File, exists ? $"Overwrite with {what}" : $"Write {what}")) return;
            try
            {
                WriteWhole(text, exists);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                var category = ex is UnauthorizedAccessException ? ErrorCategory.PermissionDenied
                    : ex is DirectoryNotFoundException ? ErrorCategory.ObjectNotFound
                    : ErrorCategory.WriteError;
                WriteError(new ErrorRecord(ex, ErrorIdPrefix + "WriteFailed", category, File));
                return;
            }
            if (PassThru) WriteObject(new FileInfo(File));
        }

        /// <summary>
        /// Writes a temporary file beside the target and then moves it into place, so a failure
        /// half-way (a full disk, a killed process) never leaves a truncated file behind.
        /// </summary>
        private void WriteWhole(string text, bool replace)
        {
            var folder = System.IO.Path.GetDirectoryName(File) ?? "";
            // Not named after the target: a target name near the file system's 255-byte limit would
            // make a longer temporary name impossible, and the write fail for no reason the user can see.
            var temporary = System.IO.Path.Combine(folder, ".ConstraintTools-" + Guid.NewGuid().ToString("N") + ".tmp");
            try
            {
                System.IO.File.WriteAllText(temporary, text, Utf8);
                if (replace) System.IO.File.Replace(temporary, File, null);
                else System.IO.File.Move(temporary, File);
            }
            catch
            {
                if (System.IO.File.Exists(temporary)) System.IO.File.Delete(temporary);
                throw;
            }
        }
    }
}
