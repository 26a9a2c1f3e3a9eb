using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using ConstraintTools.Logs;

namespace ConstraintTools.Tests;

/// <summary>The test that measures memory runs alone: other tests allocating in parallel would count in the process-wide figures.</summary>
[CollectionDefinition(nameof(MemoryMeasurement), DisableParallelization = true)]
public sealed class MemoryMeasurement
{
}

[Collection(nameof(MemoryMeasurement))]
public sealed class StreamingMemoryTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("ct-memory-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void ReadsALargeFileStreamingWithModestMemory()
    {
        var path = Path.Combine(folder, "big.csv");
        const int Items = 20_000;
        const int PerItem = 10;
        string[] statuses = { "Backlog", "Ready", "Build", "Review", "Test", "Deploy", "Verify", "Accept", "Release", "Done" };
        var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
        {
            writer.WriteLine("Issue key,Summary,Changed,To status,Author");
            for (var step = 0; step < PerItem; step++)
                for (var item = 0; item < Items; item++)
                    writer.WriteLine($"PRJ-{item},\"A summary, with a comma\",{start.AddHours(item + step * 7):yyyy-MM-ddTHH:mm:ss}+01:00,{statuses[step]},someone@example.com");
        }
        var progress = new List<(long Read, long Length)>();
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);

        var log = WorkItemLogReader.Read(path, new LogReadOptions(), (read, length) => progress.Add((read, length)));

        var after = GC.GetTotalMemory(forceFullCollection: true);
        Assert.Equal(Items * PerItem, log.EventCount);
        Assert.Equal(Items, log.ItemCount);
        Assert.Equal(0, log.SkippedRows);
        Assert.Equal(start.AddHours(-1), log.FirstEventUtc);
        var fileLength = new FileInfo(path).Length;
        Assert.True(progress.Count > 2);
        Assert.Equal((fileLength, fileLength), progress[^1]);
        Assert.True(progress.Zip(progress.Skip(1)).All(p => p.First.Read <= p.Second.Read));
        // 200,000 events at 16 bytes plus 20,000 interned ids: a few MB, far below the ~16 MB file.
        GC.KeepAlive(log);
        Assert.True(after - before < fileLength / 2, $"retained {after - before:N0} bytes for a {fileLength:N0}-byte file");
    }
}
