using System;
using System.IO;
using System.Linq;
using System.Management.Automation;

namespace ConstraintTools.PowerShell.Tests;

/// <summary>
/// What Export-Workflow and Export-FlowReport do with what is at their path: a symbolic link is written
/// through, a file keeps its mode and owner, anything but a regular file is refused and left as it is, and
/// -Path resolves wildcards as Out-File does.
/// </summary>
public sealed class ExportTargetCmdletTests : IDisposable
{
    private const string OldContent = "keep me";
    private readonly ModuleSession session = new();
    private readonly string folder = Directory.CreateTempSubdirectory("ct-target-").FullName;

    public static TheoryData<string> Exports => new() { "Export-Workflow", "Export-FlowReport" };

    private (PSObject[] Output, string[] ErrorIds, string[] Messages) Export(string export, string target, string parameters = "-LiteralPath $target -Force")
    {
        session.Runspace.SessionStateProxy.SetVariable("target", target);
        var (output, errors) = session.Invoke($"Import-Workflow examples/code-review.yaml | {export} {parameters}");
        return (output.ToArray(), errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]).ToArray(), errors.Select(e => e.Exception.Message).ToArray());
    }

    private string Existing(string name)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, OldContent);
        return path;
    }

    private string[] Entries() => Directory.GetFileSystemEntries(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    [UnixTheory]
    [MemberData(nameof(Exports))]
    public void ASymbolicLinkIsWrittenThroughAndStaysALink(string export)
    {
        var file = Existing("real.txt");
        var link = Path.Combine(folder, "link.txt");
        File.CreateSymbolicLink(link, "real.txt");

        var (_, errors, _) = Export(export, link);

        Assert.Empty(errors);
        Assert.Equal("symbolic link", Unix.FileType(link));
        Assert.Equal("real.txt", new FileInfo(link).LinkTarget);
        Assert.Contains("Feature delivery", File.ReadAllText(file), StringComparison.Ordinal);
        Assert.Equal(new[] { "link.txt", "real.txt" }, Entries());
    }

    [UnixTheory]
    [MemberData(nameof(Exports))]
    public void ANamedPipeIsRefusedAndLeftAsItIs(string export)
    {
        var pipe = Path.Combine(folder, "pipe");
        Unix.Run("mkfifo", pipe);

        var (_, errors, messages) = Export(export, pipe);

        Assert.Equal(new[] { (export == "Export-Workflow" ? "Workflow" : "Report") + "PathNotRegularFile" }, errors);
        Assert.Equal($"'{pipe}' is a named pipe, not a regular file; {(export == "Export-Workflow" ? "workflows" : "reports")} are written to regular files, and it was left as it is.", messages.Single());
        Assert.Equal("fifo", Unix.FileType(pipe));
        Assert.Equal(new[] { "pipe" }, Entries());
    }

    [UnixRootTheory]
    [MemberData(nameof(Exports))]
    public void ADeviceNodeIsRefusedAndLeftAsItIs(string export)
    {
        // A node of its own, the same device as /dev/null: a mistake here cannot harm the machine's.
        var device = Path.Combine(folder, "null");
        Unix.Run("mknod", device, "c", "1", "3");
        var link = Path.Combine(folder, "to-null");
        File.CreateSymbolicLink(link, device);

        var (_, errors, messages) = Export(export, link);

        Assert.EndsWith("PathNotRegularFile", Assert.Single(errors), StringComparison.Ordinal);
        Assert.StartsWith($"'{link}' (a link to '{device}') is a character device, not a regular file;", messages.Single(), StringComparison.Ordinal);
        Assert.Equal("character special file", Unix.FileType(device));
        Assert.Equal(new[] { "null", "to-null" }, Entries());
    }

    [UnixTheory]
    [InlineData("Export-Workflow", "600")]
    [InlineData("Export-Workflow", "444")]
    [InlineData("Export-FlowReport", "640")]
    public void AnOverwrittenFileKeepsItsMode(string export, string mode)
    {
        var file = Existing("kept.txt");
        Unix.Run("chmod", mode, file);

        var (_, errors, _) = Export(export, file);

        Assert.Empty(errors);
        Assert.Equal(mode, Unix.Run("stat", "-c", "%a", file));
        Assert.NotEqual(OldContent, File.ReadAllText(file));
    }

    [UnixRootTheory]
    [MemberData(nameof(Exports))]
    public void AnOverwrittenFileKeepsItsOwnerWhenRootWritesIt(string export)
    {
        var file = Existing("theirs.txt");
        Unix.Run("chown", "65534:65534", file);

        var (_, errors, _) = Export(export, file);

        Assert.Empty(errors);
        Assert.Equal("65534:65534", Unix.Owner(file));
        Assert.NotEqual(OldContent, File.ReadAllText(file));
    }

    [UnixTheory]
    [MemberData(nameof(Exports))]
    public void AFileWithHardLinksIsRefusedAndLeftAsItIs(string export)
    {
        var file = Existing("one.txt");
        var other = Path.Combine(folder, "other.txt");
        Unix.Run("ln", file, other);

        var (_, errors, messages) = Export(export, file);

        Assert.EndsWith("PathHasHardLinks", Assert.Single(errors), StringComparison.Ordinal);
        Assert.StartsWith($"The file '{file}' has other names (hard links);", messages.Single(), StringComparison.Ordinal);
        Assert.Equal(OldContent, File.ReadAllText(file));
        Assert.Equal(OldContent, File.ReadAllText(other));
    }

    [Theory]
    [MemberData(nameof(Exports))]
    public void AMissingFolderIsNamedNotTheTemporaryFile(string export)
    {
        var target = Path.Combine(folder, "nofolder", "out.txt");

        var (_, errors, messages) = Export(export, target);

        Assert.EndsWith("WriteFailed", Assert.Single(errors), StringComparison.Ordinal);
        Assert.Equal($"Could not write '{target}': the folder '{Path.Combine(folder, "nofolder")}' does not exist.", messages.Single());
    }

    [Theory]
    [MemberData(nameof(Exports))]
    public void ADirectoryIsANonTerminatingError(string export)
    {
        session.Runspace.SessionStateProxy.SetVariable("target", folder);
        var (output, shown) = session.Invoke($"$Error.Clear(); Import-Workflow examples/code-review.yaml | {export} -LiteralPath $target -ErrorAction SilentlyContinue; 'went on'; $Error[0].FullyQualifiedErrorId");

        // A terminating error would be shown whatever -ErrorAction says.
        Assert.Empty(shown);
        Assert.Equal("went on", output[0].BaseObject);
        Assert.EndsWith($"PathIsDirectory,ConstraintTools.PowerShell.{export.Replace("-", "", StringComparison.Ordinal)}Command", (string)output[1].BaseObject, StringComparison.Ordinal);
    }

    [Fact]
    public void ASecondWorkflowForTheSameFileIsAnErrorAndTheFirstIsKept()
    {
        var target = Path.Combine(folder, "two.yaml");
        session.Runspace.SessionStateProxy.SetVariable("target", target);

        var (_, errors) = session.Invoke("Import-Workflow examples/code-review.yaml, examples/support-desk.yaml | Export-Workflow -LiteralPath $target -Force");

        Assert.Equal("OneWorkflowPerFile,ConstraintTools.PowerShell.ExportWorkflowCommand", Assert.Single(errors).FullyQualifiedErrorId);
        Assert.Equal($"'{target}' holds one workflow, and it is taken by the first of this command, 'Feature delivery'; the next, 'Support desk', was not written. Write each workflow to its own file.", errors[0].Exception.Message);
        Assert.Contains("name: Feature delivery", File.ReadAllText(target), StringComparison.Ordinal);
    }

    [Fact]
    public void AWildcardPathMustMatchOneExistingFile()
    {
        var existing = Existing("only.yaml");
        Existing("a.txt");
        Existing("b.txt");

        var (_, errors, _) = Export("Export-Workflow", Path.Combine(folder, "on*.yaml"), "-Path $target -Force");
        Assert.Empty(errors);
        Assert.Contains("Feature delivery", File.ReadAllText(existing), StringComparison.Ordinal);

        var (_, none, _) = Export("Export-Workflow", Path.Combine(folder, "out*.yaml"), "-Path $target");
        Assert.Equal(new[] { "WorkflowPathMatchesNoFile" }, none);
        var (_, many, messages) = Export("Export-Workflow", Path.Combine(folder, "*.txt"), "-Path $target -Force");
        Assert.Equal(new[] { "WorkflowPathMatchesManyFiles" }, many);
        Assert.Equal($"'{Path.Combine(folder, "*.txt")}' matches 2 files (a.txt, b.txt); workflows are written to one file, so give one.", messages.Single());
        Assert.Equal(new[] { "a.txt", "b.txt", "only.yaml" }, Entries());
    }

    [Fact]
    public void ALiteralPathTakesAWildcardCharacterAsPartOfTheName()
    {
        var (_, errors, _) = Export("Export-Workflow", Path.Combine(folder, "out*.yaml"), "-LiteralPath $target");

        Assert.Empty(errors);
        Assert.Equal(new[] { "out*.yaml" }, Entries());
    }

    public void Dispose()
    {
        session.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
