using System;
using System.IO;
using System.Linq;
using System.Management.Automation;

namespace ConstraintTools.PowerShell.Tests;

/// <summary>
/// What the cmdlet tests of reading logs share: a hosted module, a folder of log files written for the test
/// and deleted after it, and a log's events as text to compare.
/// </summary>
public abstract class LogFileTests : IDisposable
{
    protected readonly ModuleSession session = new();
    protected readonly string folder = Directory.CreateTempSubdirectory("ct-logs-").FullName;

    public void Dispose()
    {
        session.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>Writes a file of the test's folder, with Unix line breaks whatever the source file's are.</summary>
    protected string Write(string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text.Replace("\r\n", "\n"));
        return path;
    }

    /// <summary>Each event as "item time status", the time in UTC to <paramref name="format"/>.</summary>
    protected static string[] Events(PSObject log, string format = "yyyy-MM-ddTHH:mm") =>
        ((System.Collections.IEnumerable)log.Properties["Events"].Value).Cast<dynamic>()
            .Select(e => $"{(string)e.ItemId} {((DateTime)e.TimestampUtc).ToString(format, System.Globalization.CultureInfo.InvariantCulture)} {(string)e.Status}").ToArray();
}
