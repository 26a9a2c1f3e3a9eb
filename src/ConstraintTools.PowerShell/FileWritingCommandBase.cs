using System;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using ConstraintTools.Notation;
using Microsoft.PowerShell.Commands;

namespace ConstraintTools.PowerShell
{
    /// <summary>
    /// Shared by cmdlets that write one file: -Path or -LiteralPath resolved once, -Force to overwrite,
    /// -PassThru, ShouldProcess, and a write that never leaves a half-written file behind.
    /// </summary>
    public abstract class FileWritingCommandBase : ConstraintCmdlet
    {
        protected const string PathSet = "Path";
        protected const string LiteralPathSet = "LiteralPath";
        private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

        /// <summary>The file to write; it need not exist yet. A wildcard must match exactly one existing file.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
        [SupportsWildcards]
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

        /// <summary>The error id of a second workflow for the one file: "OneWorkflowPerFile".</summary>
        protected virtual string OneWorkflowPerFileErrorId => "OneWorkflowPerFile";

        private string? fileTakenBy;

        protected override void BeginProcessing()
        {
            var literal = ParameterSetName == LiteralPathSet;
            var path = literal ? LiteralPath : Path;
            try
            {
                ProviderInfo provider;
                if (!literal && WildcardPattern.ContainsWildcardCharacters(path)) File = ResolveWildcard(path, out provider);
                else File = SessionState.Path.GetUnresolvedProviderPathFromPSPath(literal ? path : WildcardPattern.Unescape(path), out provider, out _);
                if (provider.Name != "FileSystem")
                    ThrowArgumentError($"'{Display.FilePath(path)}' is not a file system path; {FileKind} are written to files.", ErrorIdPrefix + "PathNotFileSystem", path);
            }
            catch (Exception ex) when (ex is ProviderNotFoundException || ex is System.Management.Automation.DriveNotFoundException || ex is PSArgumentException)
            {
                ThrowArgumentError(ex, ErrorIdPrefix + "PathInvalid", path);
            }
        }

        /// <summary>
        /// A wildcard names files that exist, as in Out-File and Set-Content: it must match exactly one, which is
        /// then written; a file named with a literal '*' is what -LiteralPath is for.
        /// </summary>
        private string ResolveWildcard(string path, out ProviderInfo provider)
        {
            Collection<string> matches;
            try
            {
                matches = SessionState.Path.GetResolvedProviderPathFromPSPath(path, out provider);
            }
            catch (ItemNotFoundException)
            {
                matches = new Collection<string>();
                provider = SessionState.Path.CurrentFileSystemLocation.Provider;
            }
            if (matches.Count == 1) return matches[0];
            var message = matches.Count == 0
                ? $"'{Display.FilePath(path)}' matches no file; a wildcard names files that exist. Give the new file's name without * ? [ ], or use -LiteralPath to take '{Display.FilePath(path)}' as the name."
                : FormattableString.Invariant($"'{Display.FilePath(path)}' matches {matches.Count} files ({string.Join(", ", matches.Take(3).Select(m => Display.FilePath(System.IO.Path.GetFileName(m))))}{(matches.Count > 3 ? ", ..." : "")}); {FileKind} are written to one file, so give one.");
            ThrowTerminatingError(new ErrorRecord(new ArgumentException(message),
                ErrorIdPrefix + (matches.Count == 0 ? "PathMatchesNoFile" : "PathMatchesManyFiles"), matches.Count == 0 ? ErrorCategory.ObjectNotFound : ErrorCategory.InvalidArgument, path));
            return "";
        }

        /// <summary>
        /// Takes the file for <paramref name="workflow"/>, or writes an error when an earlier workflow in this
        /// command took it: a file holds one workflow, and with -Force each would silently replace the one before.
        /// </summary>
        protected bool TakeFileFor(Workflow workflow)
        {
            if (fileTakenBy is null)
            {
                fileTakenBy = workflow.Name;
                return true;
            }
            WriteError(new ErrorRecord(new InvalidOperationException($"'{Display.FilePath(File)}' holds one workflow, and it is taken by the first of this command, '{Display.Excerpt(fileTakenBy)}'; the next, '{Display.Excerpt(workflow.Name)}', was not written. Write each workflow to its own file."),
                OneWorkflowPerFileErrorId, ErrorCategory.InvalidArgument, workflow));
            return false;
        }

        /// <summary>
        /// Writes <paramref name="text"/> to the file unless it exists without -Force, is not a regular file, or
        /// ShouldProcess declines; errors are non-terminating. A symbolic link is written through: the link stays
        /// and the file it points to gets the text.
        /// </summary>
        /// <param name="what">What is written, for -WhatIf and -Confirm: "workflow 'Delivery'".</param>
        protected void WriteFile(string text, string what)
        {
            string target;
            UnixFileStatus? status;
            try
            {
                (target, status) = UnixFile.IsUnix ? UnixFile.FollowLinks(File) : (File, null);
            }
            catch (IOException ex)
            {
                WriteError(new ErrorRecord(ex, ErrorIdPrefix + "WriteFailed", ErrorCategory.InvalidArgument, File));
                return;
            }
            var named = target == File ? $"'{Display.FilePath(File)}'" : $"'{Display.FilePath(File)}' (a link to '{Display.FilePath(target)}')";
            if (Directory.Exists(target))
            {
                WriteError(new ErrorRecord(new IOException($"{named} is a directory; give the path of the file to write, e.g. '{Display.FilePath(System.IO.Path.Combine(File, ExampleFileName))}'."),
                    ErrorIdPrefix + "PathIsDirectory", ErrorCategory.InvalidArgument, File));
                return;
            }
            if (status is { IsRegularFile: false } other)
            {
                WriteError(new ErrorRecord(new IOException($"{named} is {other.TypeName}, not a regular file; {FileKind} are written to regular files, and it was left as it is."),
                    ErrorIdPrefix + "PathNotRegularFile", ErrorCategory.InvalidArgument, File));
                return;
            }
            var exists = System.IO.File.Exists(target);
            if (exists && !Force)
            {
                WriteError(new ErrorRecord(new IOException($"The file {named} already exists; add -Force to overwrite it."), "FileExists", ErrorCategory.ResourceExists, File));
                return;
            }
            if (exists && HasOtherNames(target))
            {
                WriteError(new ErrorRecord(new IOException($"The file {named} has other names (hard links); replacing it would leave them holding the old content, and writing it in place could leave it half-written. It was left as it is: write to another file, or remove the other names first."),
                    ErrorIdPrefix + "PathHasHardLinks", ErrorCategory.InvalidArgument, File));
                return;
            }
            var folder = System.IO.Path.GetDirectoryName(target) ?? "";
            if (!exists && !Directory.Exists(folder))
            {
                WriteError(new ErrorRecord(new DirectoryNotFoundException($"Could not write {named}: the folder '{Display.FilePath(folder)}' does not exist."),
                    ErrorIdPrefix + "WriteFailed", ErrorCategory.ObjectNotFound, File));
                return;
            }
            if (!ShouldProcess(File, exists ? $"Overwrite with {what}" : $"Write {what}")) return;
            try
            {
                WriteWhole(text, target, exists ? status : null, exists);
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

        /// <summary>Whether the file has hard links besides this name, by PowerShell's own test behind Get-Item's LinkType.</summary>
        private static bool HasOtherNames(string file) =>
            InternalSymbolicLinkLinkCodeMethods.GetLinkType(PSObject.AsPSObject(new FileInfo(file))) == "HardLink";

        /// <summary>
        /// Writes a temporary file beside the target and then moves it into place, so a failure half-way (a full
        /// disk, a killed process) never leaves a truncated file behind. On Unix the new file first takes the old
        /// one's permissions and, where this process may give them, its owner and group, before any text is in it;
        /// on Windows File.Replace keeps the old file's ACL and attributes.
        /// </summary>
        private static void WriteWhole(string text, string target, UnixFileStatus? replaced, bool replace)
        {
            var folder = System.IO.Path.GetDirectoryName(target) ?? "";
            // Not named after the target: a target name near the file system's 255-byte limit would
            // make a longer temporary name impossible, and the write fail for no reason the user can see.
            var temporary = System.IO.Path.Combine(folder, ".ConstraintTools-" + Guid.NewGuid().ToString("N") + ".tmp");
            try
            {
                using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    if (replaced is { } old) UnixFile.KeepOwnerAndMode(stream.SafeFileHandle, old);
                    var bytes = Utf8.GetBytes(text);
                    stream.Write(bytes, 0, bytes.Length);
                }
                if (replace) System.IO.File.Replace(temporary, target, null);
                else System.IO.File.Move(temporary, target);
            }
            catch (Exception ex)
            {
                if (System.IO.File.Exists(temporary)) System.IO.File.Delete(temporary);
                // The temporary name means nothing to the user; the file they asked for does.
                if (!(ex is IOException || ex is UnauthorizedAccessException) || ex.Message.IndexOf(temporary, StringComparison.Ordinal) < 0) throw;
                var message = ex.Message.Replace(temporary, target);
                throw ex is UnauthorizedAccessException ? new UnauthorizedAccessException(message, ex) : new IOException(message, ex);
            }
        }
    }
}
