using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using ConstraintTools.Host;

namespace ConstraintTools.PowerShell.Tests;

/// <summary>A runspace of the real PowerShell engine with the staged module imported from its manifest.</summary>
public sealed class ModuleSession : IDisposable
{
    private readonly StringWriter screen = new();
    private readonly Runspace runspace;

    /// <param name="width">Characters per line of the screen tables are rendered to.</param>
    public ModuleSession(int width = 200)
    {
        runspace = RunspaceFactory.CreateRunspace(new TextHost(screen, screen, width, plainText: true), InitialSessionState.CreateDefault2());
        runspace.Open();
        runspace.SessionStateProxy.Path.SetLocation(RepoRoot);
        // pwsh loads Select-Object, Sort-Object, ConvertTo-Json, Export-Csv and the rest from this module; a hosted
        // engine has only what it is given.
        var utility = new Dictionary<string, object?> { ["utility"] = typeof(Microsoft.PowerShell.Commands.ConvertToJsonCommand).Assembly };
        var (_, errors) = Invoke($"Import-Module -Assembly $utility -ErrorAction Stop; Import-Module '{ManifestPath}' -ErrorAction Stop", utility);
        Assert.Empty(errors);
    }

    /// <summary>The runspace, for tests that drive a pipeline themselves (to stop it, say).</summary>
    public Runspace Runspace => runspace;

    public static string StagedModuleDir => PipelineRunner.StagedModuleDir;
    public static string ManifestPath => Path.Combine(StagedModuleDir, "ConstraintTools.psd1");
    public static string RepoRoot => Path.GetFullPath(Path.Combine(StagedModuleDir, "..", ".."));

    /// <summary>Runs a pipeline and returns its objects and the errors it wrote; a terminating error fails the test.</summary>
    public (Collection<PSObject> Output, IReadOnlyList<ErrorRecord> Errors) Invoke(string script, IDictionary<string, object?>? variables = null)
    {
        using var shell = System.Management.Automation.PowerShell.Create();
        shell.Runspace = runspace;
        foreach (var (name, value) in variables ?? new Dictionary<string, object?>())
            runspace.SessionStateProxy.SetVariable(name, value);
        shell.AddScript(script);
        var output = shell.Invoke();
        return (output, shell.Streams.Error.ToList());
    }

    /// <summary>What a person sees: the pipeline's output formatted by Out-Default through the module's views.</summary>
    public string Render(string script)
    {
        screen.GetStringBuilder().Clear();
        var (_, errors) = Invoke(script + " | Out-Default");
        Assert.Empty(errors);
        return screen.ToString();
    }

    public void Dispose()
    {
        runspace.Dispose();
        screen.Dispose();
    }
}
