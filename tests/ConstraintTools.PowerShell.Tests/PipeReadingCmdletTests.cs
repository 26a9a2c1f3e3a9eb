using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Threading.Tasks;

namespace ConstraintTools.PowerShell.Tests;

/// <summary>
/// Import-Workflow and Import-WorkItemLog read named pipes (as `<(cat x.yaml)` gives them) and devices,
/// bounded by the bytes read, and stop on Ctrl+C while a pipe's writer is silent.
/// </summary>
public sealed class PipeReadingCmdletTests : IDisposable
{
    private readonly ModuleSession session = new();
    private readonly string folder = Directory.CreateTempSubdirectory("ct-pipe-").FullName;

    private string Pipe()
    {
        var pipe = Path.Combine(folder, "pipe");
        Unix.Run("mkfifo", pipe);
        session.Runspace.SessionStateProxy.SetVariable("pipe", pipe);
        return pipe;
    }

    [UnixFact]
    public void AWorkflowIsReadFromANamedPipe()
    {
        var pipe = Pipe();
        var writer = Task.Run(() => File.WriteAllText(pipe, File.ReadAllText(Path.Combine(ModuleSession.RepoRoot, "examples", "code-review.yaml"))));

        var (output, errors) = session.Invoke("Import-Workflow -LiteralPath $pipe");

        writer.Wait();
        Assert.Empty(errors);
        Assert.Equal("Feature delivery", Assert.Single(output).Properties["Name"].Value);
    }

    [UnixFact]
    public void AnEndlessDeviceStopsAt64MBRead()
    {
        var (output, errors) = session.Invoke("Import-Workflow -LiteralPath /dev/zero");

        Assert.Empty(output);
        Assert.Equal("InvalidWorkflowFile", Assert.Single(errors).FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal("/dev/zero: the file holds more than 64 MB (reading stopped there); a workflow file may be at most 64 MB", errors[0].Exception.Message);
    }

    [UnixFact]
    public void APipeFedEndlesslyStopsAt64MBRead()
    {
        var pipe = Pipe();
        var writer = Task.Run(() =>
        {
            using var stream = new FileStream(pipe, FileMode.Open, FileAccess.Write);
            var comment = Encoding.ASCII.GetBytes("# " + new string('x', 1 << 16) + "\n");
            // Until the reader closes its end, when the write fails.
            try
            {
                while (true) stream.Write(comment);
            }
            catch (IOException)
            {
            }
        });

        var (_, errors) = session.Invoke("Import-Workflow -LiteralPath $pipe");

        Assert.True(writer.Wait(TimeSpan.FromSeconds(60)), "the writer was never stopped");
        Assert.EndsWith(": the file holds more than 64 MB (reading stopped there); a workflow file may be at most 64 MB", Assert.Single(errors).Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void YamlTextOver64MBIsRefused()
    {
        var (output, errors) = session.Invoke("ConvertFrom-WorkflowYaml ('# ' + ('x' * 64MB))");

        Assert.Empty(output);
        Assert.Equal("InvalidWorkflowYaml", Assert.Single(errors).FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal("the YAML text is 67,108,866 characters long; a workflow may be at most 64 MB (67,108,864 characters)", errors[0].Exception.Message);
    }

    [UnixFact]
    public void ALogIsReadFromANamedPipe()
    {
        var pipe = Pipe();
        var writer = Task.Run(() => File.WriteAllText(pipe, "Key,Changed,To\nA-1,2026-01-05T09:00:00Z,Build\nA-1,2026-01-06T09:00:00Z,Done\n"));

        var (output, errors) = session.Invoke("Import-WorkItemLog -LiteralPath $pipe");

        writer.Wait();
        Assert.Empty(errors);
        Assert.Equal(2, Assert.Single(output).Properties["EventCount"].Value);
    }

    [UnixTheory]
    [InlineData("Import-Workflow")]
    [InlineData("Import-WorkItemLog")]
    public void CtrlCStopsAReadWhilePipesWriterIsSilent(string import)
    {
        var pipe = Pipe();
        // The writer's open returns once the cmdlet has opened the pipe to read; it then writes nothing.
        var writer = Task.Run(() => new FileStream(pipe, FileMode.Open, FileAccess.Write));
        using var shell = System.Management.Automation.PowerShell.Create();
        shell.Runspace = session.Runspace;
        shell.AddScript($"{import} -LiteralPath $pipe");
        var invocation = shell.BeginInvoke();
        Assert.True(writer.Wait(TimeSpan.FromSeconds(60)), "the cmdlet never opened the pipe");
        using var silent = writer.Result;

        var stop = shell.BeginStop(null, null);

        Assert.True(stop.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(60)), "the read was not stopped");
        Assert.True(invocation.IsCompleted);
        Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
    }

    public void Dispose()
    {
        session.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
