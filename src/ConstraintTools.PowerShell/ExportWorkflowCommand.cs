using System;
using System.IO;
using System.Management.Automation;
using System.Text;
using ConstraintTools.Yaml;

namespace ConstraintTools.PowerShell
{
    /// <summary>Export-Workflow: writes each workflow to a YAML file that Import-Workflow reads back to the same figures.</summary>
    [Cmdlet(VerbsData.Export, "Workflow", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportWorkflowCommand : PSCmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";
        private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

        private string file = "";

        /// <summary>The file to write; it need not exist yet. Not expanded as a wildcard.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        /// <summary>The file to write, taken exactly as written.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string LiteralPath { get; set; } = "";

        /// <summary>The workflows to write, usually from New-Workflow or Import-Workflow.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
        [ValidateNotNull]
        public Workflow[] Workflow { get; set; } = Array.Empty<Workflow>();

        /// <summary>Overwrite the file if it exists; without it an existing file is left alone and an error says so.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Also return the file written.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void BeginProcessing()
        {
            var path = ParameterSetName == LiteralPathSet ? LiteralPath : Path;
            try
            {
                file = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
                if (provider.Name != "FileSystem")
                    ThrowTerminatingError(new ErrorRecord(new ArgumentException($"'{path}' is not a file system path; workflows are written to files."),
                        "WorkflowPathNotFileSystem", ErrorCategory.InvalidArgument, path));
            }
            catch (Exception ex) when (ex is ProviderNotFoundException || ex is System.Management.Automation.DriveNotFoundException || ex is PSArgumentException)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "WorkflowPathInvalid", ErrorCategory.InvalidArgument, path));
            }
            if (Directory.Exists(file))
                ThrowTerminatingError(new ErrorRecord(new IOException($"'{file}' is a directory; give the path of the file to write, e.g. '{System.IO.Path.Combine(file, "workflow.yaml")}'."),
                    "WorkflowPathIsDirectory", ErrorCategory.InvalidArgument, file));
        }

        protected override void ProcessRecord()
        {
            foreach (var workflow in Workflow) Export(workflow);
        }

        private void Export(Workflow workflow)
        {
            string yaml;
            try
            {
                yaml = WorkflowYaml.Write(workflow);
            }
            catch (WorkflowException ex)
            {
                WriteError(new ErrorRecord(ex, "InvalidWorkflow", ErrorCategory.InvalidData, workflow));
                return;
            }
            var exists = File.Exists(file);
            if (exists && !Force)
            {
                WriteError(new ErrorRecord(new IOException($"The file '{file}' already exists; add -Force to overwrite it."), "FileExists", ErrorCategory.ResourceExists, file));
                return;
            }
            if (!ShouldProcess(file, exists ? $"Overwrite with workflow '{workflow.Name}'" : $"Write workflow '{workflow.Name}'")) return;
            try
            {
                WriteWhole(yaml, exists);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                var category = ex is UnauthorizedAccessException ? ErrorCategory.PermissionDenied
                    : ex is DirectoryNotFoundException ? ErrorCategory.ObjectNotFound
                    : ErrorCategory.WriteError;
                WriteError(new ErrorRecord(ex, "WorkflowWriteFailed", category, file));
                return;
            }
            if (PassThru) WriteObject(new FileInfo(file));
        }

        /// <summary>
        /// Writes a temporary file beside the target and then moves it into place, so a failure
        /// half-way (a full disk, a killed process) never leaves a truncated workflow behind.
        /// </summary>
        private void WriteWhole(string yaml, bool replace)
        {
            var folder = System.IO.Path.GetDirectoryName(file) ?? "";
            var temporary = System.IO.Path.Combine(folder, "." + System.IO.Path.GetFileName(file) + "." + Guid.NewGuid().ToString("N") + ".tmp");
            try
            {
                File.WriteAllText(temporary, yaml, Utf8);
                if (replace) File.Replace(temporary, file, null);
                else File.Move(temporary, file);
            }
            catch
            {
                if (File.Exists(temporary)) File.Delete(temporary);
                throw;
            }
        }
    }
}
