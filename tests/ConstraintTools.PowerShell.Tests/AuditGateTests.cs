using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Xml.Linq;

namespace ConstraintTools.PowerShell.Tests;

/// <summary>
/// Test-Workflow's help example 6, the documented CI gate, run as written against a folder of workflows: it passed
/// when a file could not be read, when the only file was broken and when the folder held no workflow.
/// </summary>
public sealed class AuditGateTests : IDisposable
{
    private readonly ModuleSession session = new();
    private readonly string flows = Directory.CreateTempSubdirectory("ct-gate-").FullName;

    private static string Gate()
    {
        XNamespace command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        XNamespace maml = "http://schemas.microsoft.com/maml/2004/10";
        XNamespace dev = "http://schemas.microsoft.com/maml/dev/2004/10";
        var help = XDocument.Load(Path.Combine(ModuleSession.StagedModuleDir, "en-US", "ConstraintTools.PowerShell.dll-Help.xml"));
        var example = help.Descendants(command + "command")
            .Single(c => c.Element(command + "details")!.Element(command + "name")!.Value == "Test-Workflow")
            .Descendants(command + "example")
            .Single(e => e.Element(maml + "title")!.Value.Contains("Example 6: Fail a build"));
        return example.Element(dev + "code")!.Value;
    }

    private void Copy(string example) => File.Copy(Path.Combine(ModuleSession.RepoRoot, "examples", example), Path.Combine(flows, example));

    private void Run()
    {
        session.Runspace.SessionStateProxy.Path.SetLocation(flows);
        var (_, errors) = session.Invoke(Gate().Replace("./flows/", "./"));
        Assert.Empty(errors);
    }

    [Fact]
    public void PassesWhenEveryWorkflowCanWork()
    {
        Copy("code-review.yaml");
        Copy("support-desk.yaml");

        Run();
    }

    [Fact]
    public void FailsWhenAWorkflowCannotWork()
    {
        Copy("code-review.yaml");
        Copy("ai-coding.yaml");

        var error = Assert.Throws<RuntimeException>(Run);

        Assert.Contains("A workflow cannot work as modelled", error.Message);
    }

    [Fact]
    public void FailsWhenAFileCannotBeReadBesideGoodOnes()
    {
        Copy("code-review.yaml");
        File.WriteAllText(Path.Combine(flows, "broken.yaml"), "name: Broken\nstages:\n  - name: A\n    serviceTim: 2h\n");

        var error = Assert.ThrowsAny<RuntimeException>(Run);

        Assert.Contains("broken.yaml:4:5", error.Message);
    }

    [Fact]
    public void FailsWhenTheOnlyFileIsBroken()
    {
        File.WriteAllText(Path.Combine(flows, "broken.yaml"), "name: [");

        Assert.ThrowsAny<RuntimeException>(Run);
    }

    [Fact]
    public void FailsWhenTheFolderHoldsNoWorkflow()
    {
        var error = Assert.Throws<RuntimeException>(Run);

        Assert.Contains("No workflow file was found", error.Message);
    }

    public void Dispose()
    {
        session.Dispose();
        Directory.Delete(flows, recursive: true);
    }
}
