using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Text;
using System.Threading;

namespace ConstraintTools.PowerShell.Tests;

/// <summary>A generated log, as CSV and as JSON lines, big enough that reading it or measuring it again and again takes a while.</summary>
public sealed class LargeLogFixture : IDisposable
{
    /// <summary>About 430,000 status changes: 17 MB of CSV, well past the 4 MB from which Import-WorkItemLog shows progress.</summary>
    public const int Items = 40_000;

    /// <summary>The statuses of examples/delivery-log.yaml, in the order an item passes them.</summary>
    private static readonly string[] Statuses =
    {
        "To Do", "Analysis", "Ready for Dev", "In Progress", "Ready for Review", "In Review", "Ready for Test", "Testing", "Ready to Deploy", "Deploying", "Done",
    };

    private readonly string folder = Directory.CreateTempSubdirectory("ct-stop-").FullName;

    public LargeLogFixture()
    {
        Csv = Path.Combine(folder, "large.csv");
        JsonLines = Path.Combine(folder, "large.jsonl");
        var start = new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc);
        using var csv = new StreamWriter(Csv, false, new UTF8Encoding(false), 1 << 16);
        using var json = new StreamWriter(JsonLines, false, new UTF8Encoding(false), 1 << 16);
        csv.Write("Key,Changed,To\n");
        for (var item = 0; item < Items; item++)
        {
            // One item in ten is still in Testing when the log ends, so that Get-WorkItemAge has open items.
            var steps = item % 10 == 9 ? Statuses.Length - 3 : Statuses.Length;
            for (var step = 0; step < steps; step++)
            {
                var changed = start.AddMinutes(item * 10 + step * 90).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
                csv.Write($"D-{item},{changed},{Statuses[step]}\n");
                json.Write($"{{\"key\":\"D-{item}\",\"changed\":\"{changed}\",\"to\":\"{Statuses[step]}\"}}\n");
            }
        }
    }

    public string Csv { get; }

    public string JsonLines { get; }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}

/// <summary>
/// Ctrl+C: a long cmdlet stops once the pipeline is stopped. Each test stops the pipeline on the
/// cmdlet's first progress record or first output and waits, with a generous limit, for it to end
/// Stopped. The log cmdlets get the same large log a hundred thousand times in one argument: hours of
/// work if a cmdlet went on after the stop.
/// </summary>
public sealed class StoppingCmdletTests : IClassFixture<LargeLogFixture>, IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);
    private readonly ModuleSession session = new();
    private readonly LargeLogFixture logs;
    private bool runaway;

    public StoppingCmdletTests(LargeLogFixture logs) => this.logs = logs;

    /// <summary>Runs the script, stops the pipeline once the command has written what it is to be stopped on, and checks that it ended stopped.</summary>
    /// <param name="begin">Starts the shell and sets the event it is given when the command has written what it is to be stopped on.</param>
    private void RunAndStop(string script, Func<System.Management.Automation.PowerShell, ManualResetEventSlim, IAsyncResult> begin)
    {
        var shell = System.Management.Automation.PowerShell.Create();
        shell.Runspace = session.Runspace;
        shell.AddScript(script);
        using var started = new ManualResetEventSlim();
        var invocation = begin(shell, started);

        Assert.True(started.Wait(Generous), "the command wrote nothing to stop it on");
        var stop = shell.BeginStop(null, null);

        // Disposing of a pipeline that is still running waits for it to end: leave it to the end of the
        // process, so that a command that does not stop fails its test instead of hanging the whole run.
        runaway = !stop.AsyncWaitHandle.WaitOne(Generous);
        Assert.False(runaway, $"the pipeline did not stop within {Generous.TotalSeconds} s");
        using (shell)
        {
            Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
            Assert.Throws<PipelineStoppedException>(() => shell.EndInvoke(invocation));
            Assert.Empty(shell.Streams.Error);
        }
    }

    /// <summary>Sets $logs to the large log a hundred thousand times and $w to its workflow, a hundred thousand times in $ws.</summary>
    private void ReadLargeLog()
    {
        var (_, errors) = session.Invoke("""
            $logs = @(Import-WorkItemLog -LiteralPath $path) * 100000
            $w = Import-Workflow examples/delivery-log.yaml
            $ws = @($w) * 100000
            """, new Dictionary<string, object?> { ["path"] = logs.Csv });
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("jsonl")]
    public void ImportWorkItemLogStopsWhileReading(string format)
    {
        session.Runspace.SessionStateProxy.SetVariable("path", format == "csv" ? logs.Csv : logs.JsonLines);
        var output = new PSDataCollection<PSObject>();

        RunAndStop("Import-WorkItemLog -LiteralPath $path", (shell, started) =>
        {
            shell.Streams.Progress.DataAdded += (_, _) => started.Set();
            return shell.BeginInvoke<PSObject, PSObject>(null, output);
        });

        Assert.Empty(output);
    }

    // The logs, or workflows, are one argument, so that the cmdlet itself, not the pipeline feeding it,
    // must stop going through them.
    [Theory]
    [InlineData("Measure-Flow -Log $logs -Workflow $w")]
    [InlineData("Find-Constraint -Log $logs -Workflow $w")]
    [InlineData("Get-CumulativeFlow -Log $logs -Workflow $w")]
    [InlineData("Get-WorkItemAge -Log $logs -Workflow $w")]
    [InlineData("ConvertTo-Workflow -Log $logs -Workflow $w")]
    [InlineData("Get-Forecast -Log $logs -Workflow $w -Items 1000")]
    [InlineData("Invoke-FlowSimulation -Workflow $ws -Duration 12w -Replications 2")]
    public void CmdletsGivenManyInputsStopAfterTheFirstOutput(string command)
    {
        ReadLargeLog();
        var output = new PSDataCollection<PSObject>();

        RunAndStop(command, (shell, started) =>
        {
            output.DataAdded += (_, _) => started.Set();
            return shell.BeginInvoke<PSObject, PSObject>(null, output);
        });
    }

    public void Dispose()
    {
        if (!runaway) session.Dispose();
    }
}
