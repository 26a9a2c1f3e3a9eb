using System;
using System.IO;
using System.Linq;
using System.Text;
using ConstraintTools.Logs;

namespace ConstraintTools.Tests;

/// <summary>
/// Logs with one line of 100 MB, written streaming: the reader skips the line (JSON lines) or stops
/// with the line it starts on (CSV), and never holds the line, however long it is.
/// </summary>
[Collection(nameof(MemoryMeasurement))]
public sealed class LongLineTests : IDisposable
{
    private const long LineChars = 100L << 20;
    private const string JsonA = "{\"id\":\"A\",\"timestamp\":\"2026-01-01\",\"status\":\"Build\"}\n";
    private const string JsonC = "{\"id\":\"C\",\"timestamp\":\"2026-01-03\",\"status\":\"Build\"}\n";
    private readonly string folder = Directory.CreateTempSubdirectory("ct-long-line-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>Writes <paramref name="before"/>, <see cref="LineChars"/> times 'x' and <paramref name="after"/>, never holding more than a block.</summary>
    private string Write(string name, string before, string after)
    {
        var path = Path.Combine(folder, name);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.Write(before);
        var block = new string('x', 1 << 16);
        for (var written = 0L; written < LineChars; written += block.Length) writer.Write(block);
        writer.Write(after);
        return path;
    }

    /// <summary>Bytes allocated while <paramref name="read"/> runs: an upper bound of what it held at its peak.</summary>
    private static long Allocated(Action read)
    {
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        read();
        return GC.GetTotalAllocatedBytes(precise: true) - before;
    }

    [Theory]
    [InlineData("field.jsonl", JsonA + "{\"id\":\"B\",\"timestamp\":\"2026-01-02\",\"status\":\"Build\",\"description\":\"", "\"}\n" + JsonC)]
    [InlineData("junk.jsonl", JsonA, "\n" + JsonC)]
    public void AJsonLineOf100MBIsSkippedWithItsLengthAndNotHeld(string name, string before, string after)
    {
        var path = Write(name, before, after);
        var lineChars = LineChars + before.Length - JsonA.Length + after.IndexOf('\n', StringComparison.Ordinal);
        WorkItemLog? log = null;

        var allocated = Allocated(() => log = WorkItemLogReader.Read(path));

        Assert.Equal(new[] { "A", "C" }, log!.Events.Select(e => e.ItemId));
        Assert.Equal(FormattableString.Invariant($"{path}:2: the line is {lineChars:N0} characters long; a log line may be at most 16 MB (16,777,216 characters)"), Assert.Single(log.Problems));
        // Before the limit, a line was a string, its UTF-8 and the strings parsed from it: up to 1.2 GB here.
        Assert.True(allocated < LineChars, $"allocated {allocated:N0} bytes to read a line of {lineChars:N0} characters");
    }

    [Theory]
    [InlineData("field.csv", "id,timestamp,status,description\nA,2026-01-01,Build,x\nB,2026-01-02,Build,\"", "\"\nC,2026-01-03,Build,x\n")]
    [InlineData("line.csv", "id,timestamp,status\nA,2026-01-01,Build\n", "\nC,2026-01-03,Build\n")]
    public void ACsvRecordOf100MBIsAnErrorNamingItsLineWithoutHoldingIt(string name, string before, string after)
    {
        var path = Write(name, before, after);
        InputException? error = null;

        var allocated = Allocated(() => error = Assert.Throws<InputException>(() => WorkItemLogReader.Read(path)));

        Assert.Equal(path, error!.File);
        Assert.Equal(3, error.Line);
        Assert.StartsWith($"{path}:3: the record that starts on this line is longer than 16 MB (16,777,216 characters), the most a log record may hold", error.Message);
        Assert.True(allocated < LineChars, $"allocated {allocated:N0} bytes to read a record of {LineChars:N0} characters");
    }
}
