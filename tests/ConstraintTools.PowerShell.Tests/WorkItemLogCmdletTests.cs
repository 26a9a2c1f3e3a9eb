using System;
using System.IO;
using System.Linq;
using System.Management.Automation;

namespace ConstraintTools.PowerShell.Tests;

/// <summary>Import-WorkItemLog and ConvertTo-WorkItemLog through real pipelines of the hosted engine.</summary>
public sealed class WorkItemLogCmdletTests : LogFileTests
{
    private const string LongCsv = """
        Issue key,Summary,Changed,To Status
        A-1,"Login, SSO",2026-01-01T09:00:00+01:00,Build
        A-1,"Login, SSO",2026-01-03T09:00:00Z,Review
        A-2,Export,2026-01-02T10:00:00-05:00,Build
        A-1,"Login, SSO",2026-01-01T09:00:00+01:00,Build
        A-2,Export,someday,Review
        """;

    private static bool IsLog(PSObject o) => o.TypeNames[0] == "ConstraintTools.WorkItemLog";

    [Fact]
    public void ImportsALongCsvAndWarnsAboutTheSkippedRow()
    {
        var path = Write("changes.csv", LongCsv);

        var (output, errors) = session.Invoke($"Import-WorkItemLog '{path}' -WarningVariable w -WarningAction SilentlyContinue; $w | ForEach-Object {{ \"WARNING $_\" }}");

        Assert.Empty(errors);
        var log = output.Single(IsLog);
        Assert.Equal("ConstraintTools.WorkItemLog", log.TypeNames[0]);
        Assert.Equal(new[] { "A-1 2026-01-01T08:00 Build", "A-1 2026-01-03T09:00 Review", "A-2 2026-01-02T15:00 Build" }, Events(log));
        Assert.Equal(1, (int)log.Properties["SkippedRows"].Value);
        Assert.Equal(1, (int)log.Properties["DuplicateRows"].Value);
        var warning = output.Select(o => o.ToString()).Single(o => o.StartsWith("WARNING", StringComparison.Ordinal));
        Assert.Contains("skipped 1 row", warning);
        Assert.Contains($"{path}:6: column 'Changed': 'someday' is not a date", warning);
    }

    [Fact]
    public void ExpandsWildcardsTakesFilesFromThePipelineAndNamedColumns()
    {
        Write("a.csv", "Ticket,Moved,Lane\nT-1,2026-02-01,Build\n");
        Write("b.csv", "Ticket,Moved,Lane\nT-2,2026-02-02,Build\nT-2,2026-02-03,Done\n");

        var (byWildcard, errors) = session.Invoke($"Import-WorkItemLog '{folder}/*.csv' -IdColumn Ticket -TimestampColumn Moved -StatusColumn Lane");
        var (byPipeline, pipeErrors) = session.Invoke($"[System.IO.DirectoryInfo]::new('{folder}').GetFiles('b.csv') | Import-WorkItemLog -IdColumn ticket -TimestampColumn moved -StatusColumn lane");
        var (byPsPath, psPathErrors) = session.Invoke($"[pscustomobject]@{{ PSPath = '{folder}/b.csv' }} | Import-WorkItemLog -IdColumn ticket -TimestampColumn moved -StatusColumn lane");

        Assert.Empty(errors);
        Assert.Empty(pipeErrors);
        Assert.Empty(psPathErrors);
        Assert.Equal(Events(byPipeline.Single()), Events(byPsPath.Single()));
        Assert.Equal(new[] { 1, 2 }, byWildcard.Select(o => (int)o.Properties["EventCount"].Value));
        Assert.Equal(new[] { "T-2 2026-02-02T00:00 Build", "T-2 2026-02-03T00:00 Done" }, Events(byPipeline.Single()));
    }

    [Fact]
    public void ReadsWideFormAndJsonLines()
    {
        var wide = Write("wide.csv", "ID,Title,Ready,Build,Done\nA,x,2026-01-01,2026-01-02,\n");
        var jsonl = Write("log.jsonl", "{\"key\":\"J-1\",\"created\":\"2026-01-05T10:00:00Z\",\"status\":\"Build\"}\n");

        var (output, errors) = session.Invoke($"Import-WorkItemLog -LiteralPath '{wide}', '{jsonl}'");
        var (forced, forcedErrors) = session.Invoke($"Import-WorkItemLog '{wide}' -Format Wide -StageColumn Build");

        Assert.Empty(errors);
        Assert.Empty(forcedErrors);
        Assert.Equal(new[] { "A 2026-01-01T00:00 Ready", "A 2026-01-02T00:00 Build" }, Events(output[0]));
        Assert.Equal(new[] { "J-1 2026-01-05T10:00 Build" }, Events(output[1]));
        Assert.Equal(new[] { "A 2026-01-02T00:00 Build" }, Events(forced.Single()));
    }

    [Fact]
    public void AMissingFileIsANonTerminatingErrorAndTheOthersAreStillRead()
    {
        var path = Write("ok.csv", "id,date,status\nA,2026-01-01,Build\n");

        var (output, errors) = session.Invoke($"Import-WorkItemLog '{folder}/missing.csv', '{path}'");
        var (_, literalErrors) = session.Invoke($"Import-WorkItemLog -LiteralPath '{folder}/missing[1].csv'");

        Assert.Single(output);
        Assert.Equal("WorkItemLogFileNotFound,ConstraintTools.PowerShell.ImportWorkItemLogCommand", errors.Single().FullyQualifiedErrorId);
        Assert.Contains("missing.csv", errors.Single().Exception.Message);
        Assert.Equal(ErrorCategory.ObjectNotFound, literalErrors.Single().CategoryInfo.Category);
    }

    [Fact]
    public void AFileWithoutTheColumnsIsAnErrorNamingThem()
    {
        var path = Write("odd.csv", "when,what\n2026-01-01,x\n");

        var (output, errors) = session.Invoke($"Import-WorkItemLog '{path}'");

        Assert.Empty(output);
        Assert.Equal("InvalidWorkItemLog,ConstraintTools.PowerShell.ImportWorkItemLogCommand", errors.Single().FullyQualifiedErrorId);
        Assert.Contains("'when', 'what'", errors.Single().Exception.Message);
    }

    [Fact]
    public void ConvertsPscustomobjectRowsWithDetectionAndWarnsAboutSkippedRows()
    {
        const string Script = """
            @(
                [pscustomobject]@{ Key = 'A-1'; Changed = '2026-01-01T09:00:00+02:00'; Status = 'Build'; Summary = 'x' }
                [pscustomobject]@{ Key = 'A-1'; Changed = [datetime]::new(2026, 1, 2, 9, 0, 0, [System.DateTimeKind]::Utc); Status = 'Done'; Summary = 'x' }
                [pscustomobject]@{ Key = 'A-2'; Changed = [datetimeoffset]::new(2026, 1, 2, 9, 0, 0, [timespan]::FromHours(-5)); Status = 'Build'; Summary = 'y' }
                [pscustomobject]@{ Key = ''; Changed = '2026-01-03'; Status = 'Build'; Summary = 'z' }
            ) | ConvertTo-WorkItemLog -SourceName jira -WarningVariable w -WarningAction SilentlyContinue
            $w | ForEach-Object { "WARNING $_" }
            """;

        var (output, errors) = session.Invoke(Script);

        Assert.Empty(errors);
        var log = output.Single(IsLog);
        Assert.Equal(new[] { "A-1 2026-01-01T07:00 Build", "A-1 2026-01-02T09:00 Done", "A-2 2026-01-02T14:00 Build" }, Events(log));
        Assert.Equal("jira", (string)log.Properties["Source"].Value);
        Assert.Equal(1, (int)log.Properties["SkippedRows"].Value);
        var warning = output.Select(o => o.ToString()).Single(o => o.StartsWith("WARNING", StringComparison.Ordinal));
        Assert.Contains("jira object 4: column 'Key' is empty", warning);
    }

    [Fact]
    public void ConvertsImportCsvRowsHashtablesAndWideObjects()
    {
        // The hosted engine has no Import-Csv; these rows have the shape it gives: every property a string.
        const string CsvRows = """
            @(
                [pscustomobject]@{ 'Issue key' = 'A-1'; Summary = 'Login, SSO'; Changed = '2026-01-01T09:00:00+01:00'; 'To Status' = 'Build' }
                [pscustomobject]@{ 'Issue key' = 'A-1'; Summary = 'Login, SSO'; Changed = '2026-01-03T09:00:00Z'; 'To Status' = 'Review' }
                [pscustomobject]@{ 'Issue key' = 'A-2'; Summary = 'Export'; Changed = '2026-01-02T10:00:00-05:00'; 'To Status' = 'Build' }
                [pscustomobject]@{ 'Issue key' = 'A-1'; Summary = 'Login, SSO'; Changed = '2026-01-01T09:00:00+01:00'; 'To Status' = 'Build' }
                [pscustomobject]@{ 'Issue key' = 'A-2'; Summary = 'Export'; Changed = 'someday'; 'To Status' = 'Review' }
            )
            """;

        var (fromCsv, errors) = session.Invoke(CsvRows + " | ConvertTo-WorkItemLog -WarningAction SilentlyContinue");
        var (fromHashtables, hashErrors) = session.Invoke(
            "@{ item = 'H'; time = '2026-01-01 10:00'; state = 'Build' }, @{ item = 'H'; time = '2026-01-02 10:00'; state = 'Done' } | ConvertTo-WorkItemLog");
        var (wide, wideErrors) = session.Invoke(
            "[pscustomobject]@{ Id = 'W'; Title = 't'; Ready = '2026-01-01'; Build = '2026-01-03' } | ConvertTo-WorkItemLog");
        var (named, namedErrors) = session.Invoke(
            "[pscustomobject]@{ n = 1; Ticket = 'N'; At = '2026-01-01'; Lane = 'Build' } | ConvertTo-WorkItemLog -IdColumn Ticket -TimestampColumn At -StatusColumn Lane");

        Assert.Empty(errors.Concat(hashErrors).Concat(wideErrors).Concat(namedErrors));
        Assert.Equal(new[] { "A-1 2026-01-01T08:00 Build", "A-1 2026-01-03T09:00 Review", "A-2 2026-01-02T15:00 Build" }, Events(fromCsv.Single()));
        Assert.Equal(new[] { "H 2026-01-01T10:00 Build", "H 2026-01-02T10:00 Done" }, Events(fromHashtables.Single()));
        Assert.Equal(new[] { "W 2026-01-01T00:00 Ready", "W 2026-01-03T00:00 Build" }, Events(wide.Single()));
        Assert.Equal(new[] { "N 2026-01-01T00:00 Build" }, Events(named.Single()));
    }

    [Fact]
    public void ALogsOwnEventsConvertBackToTheSameLog()
    {
        var path = Write("roundtrip.csv", LongCsv);

        var (output, errors) = session.Invoke($"$log = Import-WorkItemLog '{path}' -WarningAction SilentlyContinue; $log; $log.Events | ConvertTo-WorkItemLog");

        Assert.Empty(errors);
        Assert.Equal(2, output.Count);
        Assert.Equal(Events(output[0]), Events(output[1]));
    }

    [Fact]
    public void ConvertsChangelogObjectsKeepingOnlyStatusChanges()
    {
        var (output, errors) = session.Invoke("""
            @(
              [pscustomobject]@{ Key = 'P-1'; Created = '2026-03-02T09:00:00Z'; Field = 'assignee'; From = ''; To = 'Ann'; Date = '2026-03-02T10:00:00Z' }
              [pscustomobject]@{ Key = 'P-1'; Created = '2026-03-02T09:00:00Z'; Field = 'status'; From = 'Open'; To = 'Done'; Date = '2026-03-04T09:00:00Z' }
            ) | ConvertTo-WorkItemLog
            """);

        Assert.Empty(errors);
        Assert.Equal(new[] { "P-1 2026-03-02T09:00 Open", "P-1 2026-03-04T09:00 Done" }, Events(output.Single()));
    }

    [Fact]
    public void VerboseSaysWhichFormAndColumnsWereDetectedAndTheLogKeepsThem()
    {
        var path = Write("detected.csv", LongCsv);

        var (output, errors) = session.Invoke($"Import-WorkItemLog '{path}' -Verbose -WarningAction SilentlyContinue 4>&1 | ForEach-Object {{ if ($_ -is [System.Management.Automation.VerboseRecord]) {{ 'VERBOSE ' + $_.Message }} else {{ $_ }} }}");

        Assert.Empty(errors);
        Assert.Contains($"VERBOSE {path}: long form (a row per status change): id 'Issue key', timestamp 'Changed', status 'To Status'; give -IdColumn, -TimestampColumn, -StatusColumn or -Format to read it otherwise",
            output.Select(o => o.ToString()));
        var log = output.Single(IsLog);
        Assert.Equal(("Long", "Issue key", "Changed", "To Status"),
            (log.Properties["Form"].Value.ToString(), (string)log.Properties["IdColumn"].Value, (string)log.Properties["TimestampColumn"].Value, (string)log.Properties["StatusColumn"].Value));
    }

    [Fact]
    public void TimeZoneReadsDatesInItsClockAndAnUnknownZoneIsAnError()
    {
        var path = Write("zone.csv", "Key,Date,Status\nF-1,2026-03-23,Open\n");

        var (output, errors) = session.Invoke($"$l = Import-WorkItemLog '{path}' -TimeZone Europe/Berlin; $l.TimeZone.Id; $l; [pscustomobject]@{{ Key = 'F-1'; Date = '2026-03-23'; Status = 'Open' }} | ConvertTo-WorkItemLog -TimeZone '+01:00'");
        var (_, unknown) = session.Invoke($"Import-WorkItemLog '{path}' -TimeZone Mars/Olympus");

        Assert.Empty(errors);
        Assert.Equal("Europe/Berlin", output[0].ToString());
        Assert.Equal(new[] { "F-1 2026-03-22T23:00 Open" }, Events(output[1]));
        Assert.Equal(new[] { "F-1 2026-03-22T23:00 Open" }, Events(output[2]));
        Assert.Contains("there is no time zone 'Mars/Olympus'; give a zone id such as 'Europe/Berlin'", unknown.Single().ToString());
    }

    [Fact]
    public void ObjectsWithoutTheColumnsAreAnError()
    {
        var (output, errors) = session.Invoke("[pscustomobject]@{ a = 1; b = 2 } | ConvertTo-WorkItemLog");

        Assert.Empty(output);
        Assert.Equal("InvalidWorkItemLog,ConstraintTools.PowerShell.ConvertToWorkItemLogCommand", errors.Single().FullyQualifiedErrorId);
    }

    private const string DiscardingCsv = """
        Key,Changed,Status,state_reason
        G-1,2026-01-05,Open,
        G-1,2026-01-07,closed,completed
        G-2,2026-01-05,Open,
        G-2,2026-01-06,closed,not_planned
        G-3,2026-01-06,Open,
        G-3,2026-01-08,Won't Do,
        """;

    private const string IssuesYaml = """
        name: Issues
        doneStates: [closed]
        stages:
          - name: Work
            states: [Open]
        """;

    [Fact]
    public void ExcludeStatusAndExcludeResolutionLeaveDiscardedItemsOutOfThroughputAndSayWhichAsTheyRead()
    {
        var path = Write("issues.csv", DiscardingCsv);
        var yaml = Write("issues.yaml", IssuesYaml);

        var (output, errors) = session.Invoke(
            $"$l = Import-WorkItemLog '{path}' -ExcludeStatus \"won't do\" -ExcludeResolution NOT_PLANNED -Verbose 4>&1 | ForEach-Object {{ if ($_ -is [System.Management.Automation.VerboseRecord]) {{ 'VERBOSE ' + $_.Message }} else {{ $_ }} }}; "
            + "$l | Where-Object { $_ -is [string] }; $log = $l | Where-Object { $_ -isnot [string] }; $log.ExcludedItemCount; $log.ExcludedItems -join ' '; "
            + $"$log | Measure-Flow -Workflow '{yaml}' -Summary | ForEach-Object {{ \"$($_.Finished) finished, lead $($_.LeadTime.TotalDays) d\" }}; "
            + "$rows = Import-Csv " + $"'{path}'; ($rows | ConvertTo-WorkItemLog -ExcludeStatus \"Won't Do\" -ExcludeResolution not_planned -ResolutionColumn state_reason).ExcludedItems -join ' '");

        Assert.Empty(errors);
        Assert.Equal(new[]
        {
            // What the header showed is said as the read goes on, once the whole file is read what was excluded too;
            // a file this small is read before the first says.
            $"VERBOSE {path}: long form (a row per status change): id 'Key', timestamp 'Changed', status 'Status', resolution 'state_reason'; excluded 2 items from throughput and lead time (1 whose final status is Won't Do, 1 whose resolution is not_planned); give -IdColumn, -TimestampColumn, -StatusColumn or -Format to read it otherwise",
            "2", "G-2 G-3",
            // G-1 alone finished, in 2 days; G-2 closed as not planned and G-3 won't be done.
            "1 finished, lead 2 d",
            "G-2 G-3",
        }, output.Select(o => o.ToString()));
    }

    [Fact]
    public void AResolutionColumnWithoutResolutionsToExcludeIsATerminatingErrorAndAMissingOneNamesTheColumns()
    {
        var path = Write("plain.csv", "Key,Changed,Status\nG-1,2026-01-05,Open\n");

        var (_, stray) = session.Invoke($"try {{ Import-WorkItemLog '{path}' -ResolutionColumn Reason }} catch {{ $_.FullyQualifiedErrorId; $_.Exception.Message }}");
        var (output, _) = session.Invoke($"try {{ Import-WorkItemLog '{path}' -ResolutionColumn Reason -ErrorAction Stop; 'not stopped' }} catch {{ $_.FullyQualifiedErrorId; $_.Exception.Message }}");
        var (_, missing) = session.Invoke($"Import-WorkItemLog '{path}' -ExcludeResolution Duplicate");

        Assert.Empty(stray);
        Assert.Equal("ResolutionColumnWithoutExcludeResolution,ConstraintTools.PowerShell.ImportWorkItemLogCommand", output[0].ToString());
        Assert.Equal("-ResolutionColumn 'Reason' names the column -ExcludeResolution matches; give the resolutions to exclude too, e.g. -ExcludeResolution \"Won't Do\", Duplicate.", output[1].ToString());
        Assert.Equal("InvalidWorkItemLog,ConstraintTools.PowerShell.ImportWorkItemLogCommand", missing.Single().FullyQualifiedErrorId);
        Assert.StartsWith($"{path}: no resolution column found among 'Key', 'Changed', 'Status'; name it with ResolutionColumn", missing.Single().ToString());
    }

    [Fact]
    public void ImportsXesAndRefusesADtdAsAnErrorNamingFileAndLineAndAFolderSuggestsXesToo()
    {
        var xes = Write("cases.xes", """
            <log><trace><string key="concept:name" value="K1"/>
              <event><string key="concept:name" value="Register"/><date key="time:timestamp" value="2026-01-05T08:00:00Z"/></event>
              <event><string key="concept:name" value="Decide"/><date key="time:timestamp" value="2026-01-06T08:00:00Z"/></event>
            </trace></log>
            """);
        var dtd = Write("dtd.xes", "<?xml version=\"1.0\"?>\n<!DOCTYPE log>\n<log/>\n");

        var (output, errors) = session.Invoke($"Import-WorkItemLog '{xes}', '{dtd}', '{folder}'");

        Assert.Equal(new[] { "K1 2026-01-05T08:00 Register", "K1 2026-01-05T08:00 Decide", "K1 2026-01-06T08:00 (end)" }, Events(output.Single()));
        Assert.Equal("EventLog", output.Single().Properties["Form"].Value.ToString());
        Assert.Equal(new[] { "InvalidWorkItemLog,ConstraintTools.PowerShell.ImportWorkItemLogCommand", "WorkItemLogPathIsDirectory,ConstraintTools.PowerShell.ImportWorkItemLogCommand" },
            errors.Select(e => e.FullyQualifiedErrorId));
        Assert.StartsWith($"{dtd}:2: the document has a DTD (<!DOCTYPE …>), which is refused", errors[0].ToString());
        Assert.Equal($"'{folder}' is a directory; give the log files in it, e.g. '{folder}/*.csv' or '{folder}/*.xes'.", errors[1].ToString());
    }

    /// <remarks>
    /// What made them (examples/logs/generate-event-logs.py): the helpdesk's 2 agents are 90 % loaded, no step of the
    /// receipts is more than a fifth loaded, and most of a fine's life is statutory and postal waiting.
    /// </remarks>
    [Theory]
    [InlineData("examples/logs/helpdesk.xes", "", "examples/logs/helpdesk.yaml", "Stage Resolution Low")]
    [InlineData("examples/logs/receipts.csv", "", "examples/logs/receipts.yaml", "Demand  Medium")]
    [InlineData("examples/logs/fines.csv", "", "examples/logs/fines.yaml", "UnmeasuredTime  High")]
    [InlineData("examples/logs/fines.csv", "-ExcludeStatus 'Send for Credit Collection'", "examples/logs/fines.yaml", "UnmeasuredTime  Medium")]
    public void TheShippedEventLogsGiveTheVerdictsTheirProcessesHave(string log, string options, string workflow, string verdict)
    {
        var (output, errors) = session.Invoke($"Import-WorkItemLog {log} {options} | Find-Constraint -Workflow {workflow} | ForEach-Object {{ \"$($_.Verdict) $($_.Constraint) $($_.Confidence)\" }}");

        Assert.Empty(errors);
        Assert.Equal(verdict, output.Single().ToString());
    }

    [Fact]
    public void ConvertsEventObjectsAsAnEventLog()
    {
        var (output, errors) = session.Invoke(
            "@{ Case = 'K1'; Activity = 'Register'; Lifecycle = 'start'; Timestamp = '2026-01-05T08:00:00Z' }, "
            + "@{ Case = 'K1'; Activity = 'Register'; Lifecycle = 'complete'; Timestamp = '2026-01-05T09:00:00Z' }, "
            + "@{ Case = 'K1'; Activity = 'Decide'; Lifecycle = 'start'; Timestamp = '2026-01-06T08:00:00Z' } | ConvertTo-WorkItemLog");

        Assert.Empty(errors);
        Assert.Equal(new[] { "K1 2026-01-05T08:00 Register", "K1 2026-01-05T09:00 Decide (waiting)", "K1 2026-01-06T08:00 Decide" }, Events(output.Single()));
        Assert.Equal("EventLog", output.Single().Properties["Form"].Value.ToString());
    }

    [Fact]
    public void RendersTheLogAsATable()
    {
        var path = Write("changes.csv", LongCsv);

        var screen = session.Render($"Import-WorkItemLog '{path}' -WarningAction SilentlyContinue");

        var lines = screen.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToArray();
        var header = lines.Single(l => l.StartsWith("Source", StringComparison.Ordinal));
        Assert.Matches(@"^Source\s+Items\s+Events\s+Skipped\s+Duplicates\s+First\s+Last$", header);
        Assert.Matches(@"^changes\.csv\s+2\s+3\s+1\s+1\s+2026-01-01 08:00Z\s+2026-01-03 09:00Z$", lines.Single(l => l.StartsWith("changes.csv", StringComparison.Ordinal)));
    }
}
