using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;

namespace ConstraintTools.Host
{
    /// <summary>Runs PowerShell text in a fresh runspace that finds the staged ConstraintTools module first.</summary>
    public sealed class PipelineRunner : IDisposable
    {
        private readonly TextHost host;
        private readonly TextWriter errors;
        private readonly Runspace runspace;

        public PipelineRunner(TextWriter output, TextWriter errors, int width = 160, bool plainText = true)
        {
            this.errors = errors;
            host = new TextHost(output, errors, width, plainText);
            // The staged module's folder goes first on the module path, so autoloading and
            // Import-Module ConstraintTools find this build rather than an installed copy.
            var modules = Path.GetDirectoryName(StagedModuleDir.TrimEnd('/', '\\'))!;
            var inherited = Environment.GetEnvironmentVariable("PSModulePath");
            Environment.SetEnvironmentVariable("PSModulePath", string.IsNullOrEmpty(inherited) ? modules : modules + Path.PathSeparator + inherited);
            var state = InitialSessionState.CreateDefault2();
            if (OperatingSystem.IsWindows()) state.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Bypass;
            runspace = RunspaceFactory.CreateRunspace(host, state);
            runspace.Open();
        }

        /// <summary>Where the build staged the module (fixed when the host was built).</summary>
        public static string StagedModuleDir { get; } = typeof(PipelineRunner).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "StagedModuleDir").Value!;

        /// <summary>
        /// Runs the script text, formats its output through the module's views (Out-Default), and
        /// returns the process exit code: 1 when anything wrote an error, else the script's own exit code.
        /// </summary>
        public int Run(string script)
        {
            using var shell = PowerShell.Create();
            shell.Runspace = runspace;
            shell.AddScript(script).AddCommand("Out-Default");
            // Errors are written as they happen, so they stand next to the output around them.
            shell.Streams.Error.DataAdded += (_, e) => WriteError(shell.Streams.Error[e.Index]);
            try
            {
                shell.Invoke();
            }
            catch (RuntimeException ex)
            {
                WriteError(ex.ErrorRecord);
                return 1;
            }
            if (shell.Streams.Error.Count > 0) return 1;
            if (host.ExitCode is int code) return code;
            return runspace.SessionStateProxy.GetVariable("LASTEXITCODE") is int scriptExitCode ? scriptExitCode : 0;
        }

        private void WriteError(ErrorRecord record)
        {
            var command = record.InvocationInfo?.MyCommand?.Name;
            errors.WriteLine(string.IsNullOrEmpty(command) ? record.ToString() : command + ": " + record);
        }

        public void Dispose() => runspace.Dispose();
    }
}
