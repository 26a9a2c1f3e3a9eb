using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using ConstraintTools.Yaml;

namespace ConstraintTools.PowerShell
{
    /// <summary>Import-Workflow: reads workflow YAML files into Workflow objects.</summary>
    [Cmdlet(VerbsData.Import, "Workflow", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(Workflow))]
    public sealed class ImportWorkflowCommand : PSCmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";

        /// <summary>Paths of workflow files; wildcards are expanded.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>Paths taken exactly as written; file objects from Get-ChildItem bind here through PSPath.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

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
                    WriteError(new ErrorRecord(new ArgumentException($"'{path}' is not a file system path; workflows are read from files."),
                        "WorkflowPathNotFileSystem", ErrorCategory.InvalidArgument, path));
                    return Array.Empty<string>();
                }
            }
            catch (ItemNotFoundException ex)
            {
                WriteError(new ErrorRecord(new FileNotFoundException($"Cannot find workflow file '{path}' because it does not exist.", path, ex),
                    "WorkflowFileNotFound", ErrorCategory.ObjectNotFound, path));
                return Array.Empty<string>();
            }
            catch (Exception ex) when (ex is ProviderNotFoundException || ex is System.Management.Automation.DriveNotFoundException || ex is PSArgumentException)
            {
                WriteError(new ErrorRecord(ex, "WorkflowPathInvalid", ErrorCategory.InvalidArgument, path));
                return Array.Empty<string>();
            }
            return files;
        }

        private void Load(string file)
        {
            if (Directory.Exists(file))
            {
                WriteError(new ErrorRecord(new IOException($"'{file}' is a directory; give the workflow files in it, e.g. '{System.IO.Path.Combine(file, "*.yaml")}'."),
                    "WorkflowPathIsDirectory", ErrorCategory.InvalidArgument, file));
                return;
            }
            if (!File.Exists(file))
            {
                WriteError(new ErrorRecord(new FileNotFoundException($"Cannot find workflow file '{file}' because it does not exist.", file),
                    "WorkflowFileNotFound", ErrorCategory.ObjectNotFound, file));
                return;
            }
            try
            {
                WriteObject(WorkflowYaml.Load(file));
            }
            catch (WorkflowException ex)
            {
                WriteError(new ErrorRecord(ex, "InvalidWorkflowFile", ErrorCategory.InvalidData, file));
            }
        }
    }
}
