using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using ConstraintTools.Logs;
using ConstraintTools.Notation;

namespace ConstraintTools.Tests;

/// <summary>XES event logs (IEEE 1849), plain and gzipped, and files meant to exhaust the reader: each refused with file, line and amount.</summary>
public sealed class XesReaderTests : LogFileFolder
{
    /// <summary>
    /// Two helpdesk cases, completion only, with what real exports hold beside the events: extensions, globals,
    /// classifiers, log attributes, a nested attribute, and a trace whose name comes after its first event.
    /// </summary>
    private const string Helpdesk = """
        <?xml version="1.0" encoding="UTF-8" ?>
        <log xes.version="1849-2016" xes.features="nested-attributes" xmlns="http://www.xes-standard.org/">
          <extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>
          <extension name="Time" prefix="time" uri="http://www.xes-standard.org/time.xesext"/>
          <global scope="event">
            <string key="concept:name" value="__INVALID__"/>
          </global>
          <classifier name="Activity" keys="concept:name"/>
          <string key="concept:name" value="helpdesk"/>
          <trace>
            <string key="concept:name" value="Case 1"/>
            <event>
              <string key="concept:name" value="Assign seriousness"/>
              <string key="org:resource" value="Value 1"><string key="concept:name" value="nested, not the activity"/></string>
              <date key="time:timestamp" value="2026-01-05T09:00:00.000+01:00"/>
            </event>
            <event>
              <string key="concept:name" value="Take in charge ticket"/>
              <string key="lifecycle:transition" value="complete"/>
              <date key="time:timestamp" value="2026-01-05T11:00:00.000+01:00"/>
            </event>
            <event>
              <date key="time:timestamp" value="2026-01-07T11:00:00.000+01:00"/>
              <string key="concept:name" value="Closed"/>
            </event>
          </trace>
          <trace>
            <event>
              <string key="concept:name" value="Assign seriousness"/>
              <date key="time:timestamp" value="2026-01-06T08:00:00Z"/>
            </event>
            <string key="concept:name" value="Case 2"/>
          </trace>
        </log>
        """;

    private static readonly string[] HelpdeskEvents =
    {
        "Case 1 2026-01-05T08:00:00 Assign seriousness", "Case 1 2026-01-05T08:00:00 Take in charge ticket", "Case 1 2026-01-05T10:00:00 Closed",
        "Case 1 2026-01-07T10:00:00 (end)", "Case 2 2026-01-06T08:00:00 Assign seriousness", "Case 2 2026-01-06T08:00:00 (end)",
    };

    [Fact]
    public void ReadsTracesAsCasesAndEventsAsCompletions()
    {
        var log = WorkItemLogReader.Read(Write("helpdesk.xes", Helpdesk));

        Assert.Equal(HelpdeskEvents, Events(log));
        Assert.Equal(WorkItemLogForm.EventLog, log.Form);
        Assert.Equal(0, log.SkippedRows);
        Assert.StartsWith("XES event log (completion only): case the trace's 'concept:name', activity the event's 'concept:name', timestamp 'time:timestamp', lifecycle 'lifecycle:transition'; an activity runs from the previous completion", log.Detected);
    }

    [Theory]
    [InlineData("helpdesk.xes.gz")]
    [InlineData("helpdesk.log")]
    public void ReadsGzippedXesAndXesByItsContent(string name)
    {
        var path = Path.Combine(folder, name);
        if (name.EndsWith(".gz", StringComparison.Ordinal))
        {
            using var file = File.Create(path);
            using var gzip = new GZipStream(file, CompressionLevel.Optimal);
            var bytes = Encoding.UTF8.GetBytes(Helpdesk.Replace("\r\n", "\n"));
            gzip.Write(bytes, 0, bytes.Length);
        }
        else Write(name, Helpdesk);

        Assert.Equal(HelpdeskEvents, Events(WorkItemLogReader.Read(path)));
    }

    [Fact]
    public void StartAndCompleteWaitBetweenActivitiesAcrossADaylightSavingChange()
    {
        var path = Write("receipts.xes", """
            <log xes.version="1.0">
              <trace><string key="concept:name" value="R1"/>
                <event><string key="concept:name" value="Confirmation of receipt"/><string key="lifecycle:transition" value="start"/><date key="time:timestamp" value="2026-03-28T09:00:00+01:00"/></event>
                <event><string key="concept:name" value="Confirmation of receipt"/><string key="lifecycle:transition" value="complete"/><date key="time:timestamp" value="2026-03-28T09:20:00+01:00"/></event>
                <event><string key="concept:name" value="T02 Check confirmation of receipt"/><string key="lifecycle:transition" value="start"/><date key="time:timestamp" value="2026-03-30T09:00:00+02:00"/></event>
                <event><string key="concept:name" value="T02 Check confirmation of receipt"/><string key="lifecycle:transition" value="complete"/><date key="time:timestamp" value="2026-03-30T09:45:00+02:00"/></event>
              </trace>
            </log>
            """);

        var log = WorkItemLogReader.Read(path, new LogReadOptions { ExcludeStatuses = new[] { "T02 Check confirmation of receipt" } });

        // 08:20Z on the 28th to 07:00Z on the 30th is 46 h 40 min of waiting: the +02:00 is applied exactly.
        Assert.Equal(new[]
        {
            "R1 2026-03-28T08:00:00 Confirmation of receipt", "R1 2026-03-28T08:20:00 T02 Check confirmation of receipt (waiting)",
            "R1 2026-03-30T07:00:00 T02 Check confirmation of receipt", "R1 2026-03-30T07:45:00 (end)",
        }, Events(log));
        Assert.StartsWith("XES event log (start/complete)", log.Detected);
        Assert.Equal(new[] { "R1" }, log.ExcludedItems);
    }

    [Fact]
    public void ABadEventIsSkippedNamingItsLineAndAttribute()
    {
        var path = Write("bad.xes", """
            <log>
              <trace><string key="concept:name" value="C1"/>
                <event><string key="concept:name" value="A"/><date key="time:timestamp" value="2026-01-05T08:00:00Z"/></event>
                <event><string key="concept:name" value="B"/>
                  <date key="time:timestamp" value="yesterday"/></event>
                <event><string key="concept:name" value="C"/></event>
                <event><string key="concept:name" value="D"/><string key="lifecycle:transition" value="paused"/><date key="time:timestamp" value="2026-01-05T09:00:00Z"/></event>
              </trace>
              <trace><event><string key="concept:name" value="A"/><date key="time:timestamp" value="2026-01-05T08:00:00Z"/></event></trace>
            </log>
            """);

        var log = WorkItemLogReader.Read(path);

        Assert.Equal(new[] { "C1 2026-01-05T08:00:00 A", "C1 2026-01-05T08:00:00 (end)" }, Events(log));
        Assert.Equal(new[]
        {
            $"{path}:5: attribute 'time:timestamp': 'yesterday' is not a date ({LogTimestamp.Expected})",
            $"{path}:6: the event 'C' of case 'C1' has no 'time:timestamp'",
            $"{path}:7: attribute 'lifecycle:transition': 'paused' is not a lifecycle transition",
            $"{path}:9: the trace has no 'concept:name', which names its case; its 1 events are skipped",
        }, log.Problems);
    }

    [Fact]
    public void ADtdIsRefusedWithItsLine()
    {
        var path = Write("bomb.xes", """
            <?xml version="1.0"?>
            <!DOCTYPE log [ <!ENTITY a "aaaaaaaaaa"> <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"> ]>
            <log><trace><string key="concept:name" value="&b;"/></trace></log>
            """);

        var error = Assert.Throws<InputException>(() => WorkItemLogReader.Read(path));

        Assert.Equal(path, error.File);
        Assert.Equal(2, error.Line);
        Assert.StartsWith("the document has a DTD (<!DOCTYPE …>), which is refused", error.Reason);
    }

    [Fact]
    public void AValueLongerThanAMebicharacterIsRefusedBeforeItIsHeld()
    {
        var path = Write("huge.xes", "<log>\n<trace>\n<string key=\"concept:name\" value=\"" + new string('x', XesReader.MaxValueChars + 1) + "\"/></trace></log>");

        var error = Assert.Throws<InputException>(() => WorkItemLogReader.Read(path));

        Assert.Equal(path, error.File);
        Assert.Equal(3, error.Line);
        Assert.Equal("a value (an attribute, or text between tags) is longer than 1,048,576 characters, the most an XES value may hold; refused rather than held in memory", error.Reason);
    }

    [Fact]
    public void ADocumentLongerThanTheLimitIsRefusedBeforeItIsReadAndAGzippedOneWhenItGetsThere()
    {
        var plain = Write("long.xes", Helpdesk);
        var zipped = Path.Combine(folder, "long.xes.gz");
        using (var file = File.Create(zipped))
        using (var gzip = new GZipStream(file, CompressionLevel.Optimal))
        {
            var bytes = Encoding.UTF8.GetBytes(Helpdesk.Replace("\r\n", "\n"));
            gzip.Write(bytes, 0, bytes.Length);
        }
        var bytesLong = new FileInfo(plain).Length;

        var before = Assert.Throws<InputException>(() => WorkItemLogReader.Read(plain, new LogReadOptions(), null, null, maxXesChars: 1000));
        var reading = Assert.Throws<InputException>(() => WorkItemLogReader.Read(zipped, new LogReadOptions(), null, null, maxXesChars: 1000));

        Assert.Equal($"the file is {bytesLong:N0} bytes, more than the 1,000 characters an XES log may hold; split the log", before.Reason);
        Assert.StartsWith("the document is longer than 1,000 characters, the most an XES log may hold", reading.Reason);
        Assert.True(reading.Line > 0);
    }

    [Fact]
    public void ATruncatedDocumentIsAnErrorNotAShorterLog()
    {
        var text = Helpdesk.Replace("\r\n", "\n");
        var cut = text.Substring(0, text.IndexOf("<trace>\n    <event>", StringComparison.Ordinal) + 20);
        var path = Write("cut.xes", cut);

        var error = Assert.Throws<InputException>(() => WorkItemLogReader.Read(path));

        Assert.Equal(path, error.File);
        Assert.Equal(cut.Count(c => c == '\n') + 1, error.Line);
        Assert.StartsWith("the XES document ends before it is complete (", error.Reason);
    }
}
