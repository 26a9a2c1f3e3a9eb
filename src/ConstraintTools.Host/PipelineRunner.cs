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
            host = new TextHost(output, errors, width);
            // The staged module's folder goes first on the module path, so autoloading and
            // Import-Module ConstraintTools find this build rather than an installed copy.
            var modules = Path.GetDirectoryName(StagedModuleDir.TrimEnd('/', '\\'))!;
            var inherited = Environment.GetEnvironmentVariable("PSModulePath");
            Environment.SetEnvironmentVariable("PSModulePath", string.IsNullOrEmpty(inherited) ? modules : modules + Path.PathSeparator + inherited);
            var state = InitialSessionState.CreateDefault2();
            if (OperatingSystem.IsWindows()) state.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Bypass;
            runspace = RunspaceFactory.CreateRunspace(host, state);
            runspace.Open();
            if (plainText) Run("$PSStyle.OutputRendering = 'PlainText'");
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
            shell.Commands.Commands[0].MergeMyResults(PipelineResultTypes.Error, PipelineResultTypes.Output);
            var failed = false;
            try
            {
                shell.Invoke();
            }
            catch (RuntimeException ex)
            {
                errors.WriteLine(ex.ErrorRecord?.ToString() ?? ex.Message);
                failed = true;
            }
            failed |= shell.HadErrors;
            if (failed) return 1;
            if (host.ExitCode is int code) return code;
            var lastExitCode = runspace.SessionStateProxy.GetVariable("LASTEXITCODE");
            return lastExitCode is int native ? native : 0;
        }

        public void Dispose() => runspace.Dispose();
    }
}
