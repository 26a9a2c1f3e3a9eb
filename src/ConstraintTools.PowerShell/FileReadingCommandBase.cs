using System;
using System.Management.Automation;
using System.Threading;

namespace ConstraintTools.PowerShell
{
    /// <summary>
    /// Shared by the cmdlets that read files: -Path (wildcards) and -LiteralPath (PSPath from
    /// Get-ChildItem); see <see cref="FileInput"/>.
    /// </summary>
    public abstract class FileReadingCommandBase : ConstraintCmdlet
    {
        protected const string PathSet = "Path";
        protected const string LiteralPathSet = "LiteralPath";

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

        /// <summary>What the files hold, in messages: "workflow", "log".</summary>
        protected abstract string FileKind { get; }

        /// <summary>The start of every error id: "Workflow", "WorkItemLog".</summary>
        protected abstract string ErrorIdPrefix { get; }

        /// <summary>A pattern to suggest when a folder is given: "*.yaml".</summary>
        protected abstract string FilePattern { get; }

        /// <summary>Reads one existing file and writes what it holds, or an error.</summary>
        protected abstract void Read(string file);

        private FileInput Input => input ??= new FileInput(this, FileKind, ErrorIdPrefix, FilePattern);

        protected override void StopProcessing()
        {
            base.StopProcessing();
            Input.Stop();
        }

        /// <inheritdoc cref="FileInput.ReadStoppably"/>
        protected T ReadStoppably<T>(Func<CancellationToken, T> read, Action? whileWaiting = null) => Input.ReadStoppably(read, whileWaiting);

        protected override void ProcessRecord()
        {
            var literal = ParameterSetName == LiteralPathSet;
            Input.ReadAll(literal ? LiteralPath : Path, literal, Read);
        }
    }
}
