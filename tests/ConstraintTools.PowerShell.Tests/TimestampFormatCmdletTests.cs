using System;
using System.IO;
using System.Linq;
using System.Management.Automation;

namespace ConstraintTools.PowerShell.Tests;

/// <summary>
/// Logs whose timestamps are in none of the usual forms: every row skipped is an error naming the file and
/// the first value, with a format to give; -TimestampFormat reads them, and epoch times are read unasked.
/// </summary>
public sealed class TimestampFormatCmdletTests : LogFileTests
{
    private const string Expected = "expected ISO 8601 (2026-01-31T09:30:00Z, with or without an offset), yyyy-MM-dd HH:mm[:ss], yyyy-MM-dd, dd/MMM/yy h:mm tt or Unix seconds or milliseconds";

    private static string[] Milliseconds(PSObject log) => Events(log, "yyyy-MM-ddTHH:mm:ss.fff");

    private const string UsCsv = """
        Id,Changed,Status
        A,6/1/2026 8:00 AM,Doing
        A,6/2/2026 1:30 PM,Done
        B,6/1/2026 9:00 AM,Doing
        """;

    [Fact]
    public void ALogWhoseEveryRowIsSkippedStopsAScriptRunWithErrorActionStop()
    {
        var us = Write("us.csv", UsCsv);

        var (output, errors) = session.Invoke("$ErrorActionPreference = 'Stop'; try { Import-WorkItemLog $us; 'not stopped' } catch { $_.FullyQualifiedErrorId; $_.CategoryInfo.Category; $_.TargetObject; $_.Exception.Message }",
            new System.Collections.Generic.Dictionary<string, object?> { ["us"] = us });

        Assert.Empty(errors);
        Assert.Equal("WorkItemLogHasNoUsableRow,ConstraintTools.PowerShell.ImportWorkItemLogCommand", output[0].ToString());
        Assert.Equal("InvalidData", output[1].ToString());
        Assert.Equal(us, output[2].ToString());
        Assert.Equal($"{us}: none of the 3 rows could be read; the first: {us}:2: column 'Changed': '6/1/2026 8:00 AM' is not a date ({Expected}); give -TimestampFormat 'M/d/yyyy h:mm tt'", output[3].ToString());
    }

    [Fact]
    public void InAPipelineOfFilesTheOthersAreStillRead()
    {
        var german = Write("de.csv", "Id,Changed,Status\nA,01.06.2026,Doing\n");
        Write("good.csv", "Id,Changed,Status\nA,2026-06-01,Doing\n");

        var (output, errors) = session.Invoke($"Import-WorkItemLog '{folder}/*.csv' | ForEach-Object Source");

        Assert.Equal(Path.Combine(folder, "good.csv"), output.Single().ToString());
        Assert.Equal($"{german}: its one row could not be read: {german}:2: column 'Changed': '01.06.2026' is not a date ({Expected}); give -TimestampFormat 'd.M.yyyy'", errors.Single().ToString());
    }

    [Fact]
    public void TimestampFormatReadsThemAsUtcUnlessTheyHaveAnOffset()
    {
        var us = Write("us.csv", UsCsv);
        var german = Write("de.csv", "Id,Changed,Status\nA,01.06.2026,Doing\nA,\"02.06.2026 14:30 +02:00\",Done\n");

        var (output, errors) = session.Invoke($"Import-WorkItemLog '{us}' -TimestampFormat 'M/d/yyyy h:mm tt'; Import-WorkItemLog '{german}' -TimestampFormat 'dd.MM.yyyy', 'dd.MM.yyyy HH:mm zzz'");

        Assert.Empty(errors);
        Assert.Equal(new[] { "A 2026-06-01T08:00:00.000 Doing", "A 2026-06-02T13:30:00.000 Done", "B 2026-06-01T09:00:00.000 Doing" }, Milliseconds(output[0]));
        Assert.Equal(new[] { "A 2026-06-01T00:00:00.000 Doing", "A 2026-06-02T12:30:00.000 Done" }, Milliseconds(output[1]));
    }

    [Fact]
    public void AFormatGivenComesBeforeIso8601()
    {
        var path = Write("ydm.csv", "Id,Changed,Status\nA,2026-01-02,Doing\n");

        var (output, errors) = session.Invoke($"Import-WorkItemLog '{path}' -TimestampFormat 'yyyy-dd-MM'");

        Assert.Empty(errors);
        Assert.Equal(new[] { "A 2026-02-01T00:00:00.000 Doing" }, Milliseconds(output.Single()));
    }

    [Fact]
    public void EpochSecondsAndMillisecondsAreReadWithoutAFormat()
    {
        var path = Write("epoch.csv", "Id,Changed,Status\nA,1780300800,Doing\nA,1780304400123,Done\nB,999999999,Doing\n");

        var (output, errors) = session.Invoke($"Import-WorkItemLog '{path}'; ConvertTo-WorkItemLog -InputObject @{{ Id = 'C'; Changed = [long]1780300800000; Status = 'Doing' }}");

        Assert.Empty(errors);
        Assert.Equal(new[] { "A 2026-06-01T08:00:00.000 Doing", "A 2026-06-01T09:00:00.123 Done", "B 2001-09-09T01:46:39.000 Doing" }, Milliseconds(output[0]));
        Assert.Equal(new[] { "C 2026-06-01T08:00:00.000 Doing" }, Milliseconds(output[1]));
    }

    [Fact]
    public void ObjectsNoneOfWhichCanBeReadAreAnErrorAndTimestampFormatReadsThem()
    {
        const string rows = "$rows = @{ Id = 'A'; Changed = '6/1/2026 8:00 AM'; Status = 'Doing' }, @{ Id = 'B'; Changed = '6/2/2026 8:00 AM'; Status = 'Doing' }\n";

        var (refused, errors) = session.Invoke(rows + "$rows | ConvertTo-WorkItemLog -SourceName jira");
        var (read, none) = session.Invoke(rows + "$rows | ConvertTo-WorkItemLog -SourceName jira -TimestampFormat 'M/d/yyyy h:mm tt'");

        Assert.Empty(refused);
        Assert.Equal("WorkItemLogHasNoUsableRow,ConstraintTools.PowerShell.ConvertToWorkItemLogCommand", errors.Single().FullyQualifiedErrorId);
        Assert.Equal($"jira: none of the 2 objects could be read; the first: jira object 1: column 'Changed': '6/1/2026 8:00 AM' is not a date ({Expected}); give -TimestampFormat 'M/d/yyyy h:mm tt'", errors.Single().ToString());
        Assert.Empty(none);
        Assert.Equal(new[] { "A 2026-06-01T08:00:00.000 Doing", "B 2026-06-02T08:00:00.000 Doing" }, Milliseconds(read.Single()));
    }
}
