using System;
using System.IO;
using System.Linq;

namespace ConstraintTools.Tests;

/// <summary>A folder of log files a test writes and reads back, deleted after each test.</summary>
public abstract class LogFileFolder : IDisposable
{
    protected readonly string folder = Directory.CreateTempSubdirectory("ct-logs-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>Writes <paramref name="text"/> with Unix line ends, so that line numbers do not depend on the checkout.</summary>
    protected string Write(string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text.Replace("\r\n", "\n"));
        return path;
    }

    protected static string[] Events(WorkItemLog log) =>
        log.Events.Select(e => $"{e.ItemId} {e.TimestampUtc:yyyy-MM-ddTHH:mm:ss} {e.Status}").ToArray();
}
