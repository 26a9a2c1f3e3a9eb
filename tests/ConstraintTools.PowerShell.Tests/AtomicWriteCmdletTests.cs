using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;

namespace ConstraintTools.PowerShell.Tests;

/// <summary>
/// Export-Workflow and Export-FlowReport never leave a partial file: a write that fails, a workflow that
/// cannot be written or a stopped pipeline leaves the target as it was (absent, or its old content
/// under -Force) and no temporary file beside it. -WhatIf is in WorkflowBuildingCmdletTests and
/// FlowReportCmdletTests.
/// </summary>
public sealed class AtomicWriteCmdletTests : IDisposable
{
    private const string OldContent = "keep me";
    private readonly ModuleSession session = new();
    private readonly string folder = Directory.CreateTempSubdirectory("ct-atomic-").FullName;

    public static TheoryData<string, string> Exports => new()
    {
        { "Export-Workflow", "workflow.yaml" },
        { "Export-FlowReport", "report.html" },
    };

    private string Target(string name)
    {
        var target = Path.Combine(folder, name);
        session.Runspace.SessionStateProxy.SetVariable("target", target);
        return target;
    }

    private string[] Entries() => Directory.GetFileSystemEntries(folder).Select(Path.GetFileName).ToArray()!;

    [UnixRootTheory]
    [MemberData(nameof(Exports))]
    public void AWriteThatFailsAfterTheTextIsWrittenLeavesNoTemporaryFile(string export, string name)
    {
        var target = Target(name);
        File.WriteAllText(target, OldContent);
        // Immutable, the file passes every check but cannot be replaced, even by root: the write fails at the
        // rename, once the temporary file holds the text.
        Unix.Run("chattr", "+i", target);
        try
        {
            var (output, errors) = session.Invoke($"Import-Workflow examples/code-review.yaml | {export} -LiteralPath $target -Force -PassThru");

            Assert.Empty(output);
            Assert.Matches($@"^(Workflow|Report)WriteFailed,ConstraintTools\.PowerShell\.{export.Replace("-", "", StringComparison.Ordinal)}Command$", Assert.Single(errors).FullyQualifiedErrorId);
            Assert.DoesNotContain(".ConstraintTools-", errors[0].Exception.Message, StringComparison.Ordinal);
        }
        finally
        {
            Unix.Run("chattr", "-i", target);
        }
        Assert.Equal(new[] { name }, Entries());
        Assert.Equal(OldContent, File.ReadAllText(target));
    }

    [Theory]
    [MemberData(nameof(Exports))]
    public void AWorkflowThatCannotBeWrittenLeavesTheOldFileUnderForce(string export, string name)
    {
        var target = Target(name);
        File.WriteAllText(target, OldContent);

        var (_, errors) = session.Invoke($"[ConstraintTools.Workflow]::new('Empty') | {export} -LiteralPath $target -Force");

        Assert.StartsWith("InvalidWorkflow,", Assert.Single(errors).FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(OldContent, File.ReadAllText(target));
        Assert.Equal(new[] { name }, Entries());
    }

    [Theory]
    [InlineData("Export-Workflow", "workflow.yaml", false)]
    [InlineData("Export-Workflow", "workflow.yaml", true)]
    [InlineData("Export-FlowReport", "report.html", false)]
    [InlineData("Export-FlowReport", "report.html", true)]
    public void AStoppedPipelineLeavesTheTargetAsItWas(string export, string name, bool exists)
    {
        var target = Target(name);
        if (exists) File.WriteAllText(target, OldContent);
        using var running = new ManualResetEventSlim();
        session.Runspace.SessionStateProxy.SetVariable("running", running);
        using var shell = System.Management.Automation.PowerShell.Create();
        shell.Runspace = session.Runspace;
        // The export has checked its path and waits for the workflow, which comes only once the loop ends: never.
        shell.AddScript($"$w = Import-Workflow examples/code-review.yaml; & {{ $running.Set(); while ($true) {{ }}; $w }} | {export} -LiteralPath $target -Force -PassThru");

        var invocation = shell.BeginInvoke();
        Assert.True(running.Wait(TimeSpan.FromSeconds(60)), "the pipeline did not start");
        shell.Stop();

        Assert.True(invocation.IsCompleted);
        Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
        Assert.Equal(exists ? new[] { name } : Array.Empty<string>(), Entries());
        if (exists) Assert.Equal(OldContent, File.ReadAllText(target));
    }

    [Theory]
    [MemberData(nameof(Exports))]
    public void ATargetNameOfAnyLengthTheFileSystemTakesIsWritten(string export, string name)
    {
        // File systems take names of up to 255 bytes; a temporary name longer than the target's once made this fail.
        var target = Target(new string('n', 255 - name.Length) + name);

        var (output, errors) = session.Invoke($"Import-Workflow examples/code-review.yaml | {export} -LiteralPath $target -PassThru");

        Assert.Empty(errors);
        Assert.Equal(target, ((FileInfo)Assert.Single(output).BaseObject).FullName);
        Assert.Equal(new[] { Path.GetFileName(target) }, Entries());
    }

    public void Dispose()
    {
        session.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
