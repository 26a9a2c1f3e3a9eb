using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using Xunit.Abstractions;

namespace ConstraintTools.Pester;

/// <summary>
/// Each Pester file of tests/Pester, run in real pwsh (the repo's tool manifest's) against the staged module: one
/// test case a file, failed when any of its Pester tests failed, with Pester's report of them as the message.
/// Each file writes its NUnit result to out/pester, where .ci/run counts the Pester tests. The files are dealt
/// between two classes, which xunit runs side by side: a file spends most of its time starting pwsh.
/// </summary>
public abstract class PesterSuite(ITestOutputHelper output)
{
    private static string Metadata(string key) =>
        typeof(PesterSuite).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    private static readonly string RepoRoot = Path.GetFullPath(Metadata("RepoRoot"));

    /// <summary>Every other file of tests/Pester, in name order, from the <paramref name="half"/>-th (0 or 1).</summary>
    public static TheoryData<string> Files(int half)
    {
        var data = new TheoryData<string>();
        var files = Directory.GetFiles(Path.Combine(RepoRoot, "tests", "Pester"), "*.Tests.ps1").OrderBy(f => f, StringComparer.Ordinal).ToList();
        for (var i = half; i < files.Count; i += 2) data.Add(Path.GetFileName(files[i]));
        return data;
    }

    protected async System.Threading.Tasks.Task Run(string file)
    {
        var results = Directory.CreateDirectory(Path.Combine(RepoRoot, "out", "pester")).FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "pwsh", "-NoLogo", "-NoProfile", "-NonInteractive", "-File", Path.Combine(RepoRoot, "tests", "Pester", "Invoke-TestFile.ps1"),
            "-Path", Path.Combine(RepoRoot, "tests", "Pester", file),
            "-PesterModule", Metadata("PesterModule"),
            "-ResultPath", Path.Combine(results, Path.ChangeExtension(file, ".xml")),
        })
            start.ArgumentList.Add(argument);
        // The same figures and messages on every machine: the tests read invariant output.
        start.Environment["NO_COLOR"] = "1";
        start.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
        start.Environment["POWERSHELL_UPDATECHECK"] = "Off";

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        output.WriteLine(text);
        output.WriteLine(await error);
        Assert.True(process.ExitCode == 0, $"{file}: exit code {process.ExitCode}\n{text}\n{await error}");
    }
}

public sealed class PesterFilesFirstHalf(ITestOutputHelper output) : PesterSuite(output)
{
    [Theory]
    [MemberData(nameof(Files), 0)]
    public System.Threading.Tasks.Task PassesInRealPwsh(string file) => Run(file);
}

public sealed class PesterFilesSecondHalf(ITestOutputHelper output) : PesterSuite(output)
{
    [Theory]
    [MemberData(nameof(Files), 1)]
    public System.Threading.Tasks.Task PassesInRealPwsh(string file) => Run(file);
}
