using System;
using System.Diagnostics;

namespace ConstraintTools.PowerShell.Tests;

/// <summary>A test of Unix file types and modes (links, named pipes, permission bits); skipped on Windows.</summary>
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows()) Skip = "Unix file types and modes only";
    }
}

/// <summary>A <see cref="UnixFactAttribute"/> theory.</summary>
public sealed class UnixTheoryAttribute : TheoryAttribute
{
    public UnixTheoryAttribute()
    {
        if (OperatingSystem.IsWindows()) Skip = "Unix file types and modes only";
    }
}

/// <summary>A Unix test that needs root: to make a device node, give a file away, or mark it immutable.</summary>
public sealed class UnixRootTheoryAttribute : TheoryAttribute
{
    public UnixRootTheoryAttribute()
    {
        if (OperatingSystem.IsWindows() || !Environment.IsPrivilegedProcess) Skip = "Unix, as root, only";
    }
}

/// <summary>The Unix commands the file tests make their files with, and stat to see what a path is.</summary>
public static class Unix
{
    /// <summary>Runs a command and returns what it printed; fails the test when it fails.</summary>
    public static string Run(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{command} {string.Join(" ", arguments)}: {error}");
        return output.TrimEnd('\n');
    }

    /// <summary>What the path itself is, a link not followed: "regular file", "symbolic link", "fifo", "character special file".</summary>
    public static string FileType(string path) => Run("stat", "-c", "%F", path);

    /// <summary>The owner and group as numbers: "65534:65534".</summary>
    public static string Owner(string path) => Run("stat", "-c", "%u:%g", path);
}
