using System;
using System.IO;
using ConstraintTools.Host;

namespace ConstraintTools.PowerShell.Tests;

/// <summary>The console host a newcomer without pwsh runs: output through the views, exit codes.</summary>
public sealed class ConsoleHostTests
{
    private static (int Code, string Output, string Errors) Run(string script)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = ModuleSession.RepoRoot;
        try
        {
            using var runner = new PipelineRunner(output, errors);
            return (runner.Run(script), output.ToString(), errors.ToString());
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }

    [Fact]
    public void RunsThePipelineThroughTheModulesViews()
    {
        var (code, output, errors) = Run("Import-Workflow examples/*.yaml | Find-Constraint");

        Assert.Equal(0, code);
        Assert.Equal("", errors);
        Assert.Contains("Constraint", output);
        Assert.Contains("Util", output);
    }

    [Fact]
    public void ExitsNonZeroWhenThePipelineWroteAnError()
    {
        var (code, _, errors) = Run("Import-Workflow examples/no-such-file.yaml");

        Assert.Equal(1, code);
        Assert.Contains("no-such-file.yaml", errors);
    }

    [Fact]
    public void ReportsATerminatingError()
    {
        var (code, _, errors) = Run("throw 'stop here'");

        Assert.Equal(1, code);
        Assert.Contains("stop here", errors);
    }

    [Fact]
    public void PassesOnTheExitCodeOfAScript()
    {
        var script = Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".ps1");
        File.WriteAllText(script, "param($Code) 'ran'; exit $Code");
        try
        {
            var (code, output, _) = Run($"& '{script}' -Code 3");

            Assert.Equal(3, code);
            Assert.Contains("ran", output);
        }
        finally
        {
            File.Delete(script);
        }
    }
}
