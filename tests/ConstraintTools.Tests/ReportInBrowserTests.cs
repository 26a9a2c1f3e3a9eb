using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using ConstraintTools.Logs;
using ConstraintTools.Reports;
using ConstraintTools.Yaml;

namespace ConstraintTools.Tests;

/// <summary>Runs only where Chromium is installed (Debian: apt-get install chromium; or set CHROMIUM to its path).</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Path is null) Skip = "Chromium is not installed (Debian: apt-get install chromium, or set CHROMIUM)";
    }
}

internal static class Chromium
{
    public static string? Path { get; } = Find();

    private static string? Find()
    {
        var given = Environment.GetEnvironmentVariable("CHROMIUM");
        if (!string.IsNullOrEmpty(given)) return File.Exists(given) ? given : null;
        return new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists);
    }

    /// <summary>Runs headless Chromium with the arguments; returns what it printed.</summary>
    public static string Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Path!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "--headless", "--no-sandbox", "--disable-gpu" }.Concat(arguments)) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return output.Result;
    }
}

/// <summary>The report as a real browser sees it: parsed, laid out and drawn.</summary>
public sealed class ReportInBrowserTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("ct-browser-").FullName;

    private static string Examples => System.IO.Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "examples");

    [ChromiumFact]
    public void ChromiumRendersTheReportWithEveryChart()
    {
        var workflow = WorkflowYaml.Load(System.IO.Path.Combine(Examples, "delivery-log.yaml"));
        var log = WorkItemLogReader.Read(System.IO.Path.Combine(Examples, "delivery-log.csv"));
        var html = System.IO.Path.Combine(folder, "report.html");
        File.WriteAllText(html, FlowReportHtml.Write(workflow, log));
        var png = System.IO.Path.Combine(folder, "report.png");

        var dom = Chromium.Run("--dump-dom", "file://" + html);
        Chromium.Run("--hide-scrollbars", "--window-size=1100,1500", "--screenshot=" + png, "file://" + html);

        // The browser's own DOM holds every chart and the highlighted constraint: it parsed what was written.
        foreach (var id in new[] { "flow", "utilization", "cumulative-flow", "lead-times", "ageing" })
            Assert.Contains($"id=\"{id}\"", dom);
        Assert.Contains("<span class=\"constraint-name\" id=\"constraint\">Code Review</span>", dom);
        Assert.True(new FileInfo(png).Length > 20_000, "the screenshot is empty");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
