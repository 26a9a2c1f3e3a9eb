using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using ConstraintTools.Forecasting;
using ConstraintTools.Logs;
using ConstraintTools.Notation;

namespace ConstraintTools.Tests;

/// <summary>Reading work-item logs from CSV (long and wide) and JSON lines, with exact expected events.</summary>
public sealed class WorkItemLogReaderTests : LogFileFolder
{
    private static WorkItemLog Read(string path, LogReadOptions? options = null) => WorkItemLogReader.Read(path, options ?? new LogReadOptions(), null);

    [Theory]
    [InlineData("cut.csv")]
    [InlineData("cut.jsonl")]
    public void ALogCutShortWhileItIsReadIsAnErrorNotAPartialLog(string name)
    {
        var json = name.EndsWith(".jsonl", StringComparison.Ordinal);
        var text = new StringBuilder(json ? "" : "Key,Changed,To\n");
        for (var item = 0; text.Length < 3 << 20; item++)
            text.Append(json ? $"{{\"Key\":\"A-{item}\",\"Changed\":\"2026-01-05T09:00:00Z\",\"To\":\"Build\"}}\n" : $"A-{item},2026-01-05T09:00:00Z,Build\n");
        var path = Write(name, text.ToString());
        var length = new FileInfo(path).Length;

        // The first progress report comes a megabyte in: the file is cut to 100 bytes there, as a log rotated under the reader.
        var error = Assert.Throws<IOException>(() => WorkItemLogReader.Read(path, new LogReadOptions(), (read, _) =>
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            if (file.Length > 100) file.SetLength(100);
        }));

        Assert.StartsWith($"'{path}' shrank while it was read: it was {length:N0} bytes when the read began and its end came after ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadsLongCsvSortingOutOfOrderRowsDroppingDuplicatesAndKeepingReentries()
    {
        var path = Write("long.csv", """
            Key,Created,Status,Summary
            A-1,2026-01-03T09:00:00Z,Review,first
            A-1,2026-01-01T09:00:00Z,Build,first
            A-2,2026-01-02T10:00:00Z,Build,second
            A-1,2026-01-04T09:00:00Z,Build,first
            A-1,2026-01-01T09:00:00Z,Build,first
            A-1,2026-01-05T09:00:00Z,Review,first
            A-1,2026-01-06T09:00:00Z,Done,first
            """);

        var log = Read(path);

        Assert.Equal(new[]
        {
            "A-1 2026-01-01T09:00:00 Build", "A-1 2026-01-03T09:00:00 Review", "A-1 2026-01-04T09:00:00 Build",
            "A-1 2026-01-05T09:00:00 Review", "A-1 2026-01-06T09:00:00 Done", "A-2 2026-01-02T10:00:00 Build",
        }, Events(log));
        Assert.Equal(1, log.DuplicateRows);
        Assert.Equal(0, log.SkippedRows);
        Assert.Equal(2, log.ItemCount);
        Assert.Equal(path, log.Source);
    }

    [Fact]
    public void NormalisesMixedOffsetsToUtcAndTakesNoOffsetAsUtc()
    {
        var path = Write("offsets.csv", """
            id,timestamp,status
            X,2026-03-01T12:00:00+02:00,Build
            X,2026-03-01T06:30:00-05:00,Review
            X,2026-03-01T12:00:00Z,Test
            X,2026-03-01T13:00:00,Deploy
            X,2026-03-01T15:00:00.250+0100,Done
            Y,2026-03-02 08:15,Build
            Y,2026-03-02 08:15:30,Review
            Y,2026-03-03,Done
            Z,05/Mar/26 3:07 PM,Build
            Z,06/Mar/26 11:00 AM,Done
            """);

        var log = Read(path);

        Assert.Equal(new[]
        {
            "X 2026-03-01T10:00:00 Build", "X 2026-03-01T11:30:00 Review", "X 2026-03-01T12:00:00 Test",
            "X 2026-03-01T13:00:00 Deploy", "X 2026-03-01T14:00:00 Done",
            "Y 2026-03-02T08:15:00 Build", "Y 2026-03-02T08:15:30 Review", "Y 2026-03-03T00:00:00 Done",
            "Z 2026-03-05T15:07:00 Build", "Z 2026-03-06T11:00:00 Done",
        }, Events(log));
        Assert.All(log.Events, e => Assert.Equal(DateTimeKind.Utc, e.TimestampUtc.Kind));
        Assert.Equal(TimeSpan.FromMilliseconds(250).Ticks, log.Events.Single(e => e.Status == "Done" && e.ItemId == "X").TimestampUtc.Ticks % TimeSpan.TicksPerSecond);
        Assert.Equal(0, log.SkippedRows);
    }

    [Fact]
    public void QuotedFieldsWithCommasAndNewLinesKeepPhysicalLineNumbers()
    {
        var path = Write("quoted.csv", "id,summary,timestamp,status\n"
            + "A,\"Fix, then ship\",2026-01-01T00:00:00Z,\"In Progress, blocked\"\n"   // line 2
            + "B,\"two\nlines\nof text\",2026-01-02T00:00:00Z,Build\n"               // lines 3-5
            + "C,\"say \"\"hi\"\"\",not a date,Build\n"                            // line 6
            + "D,x,2026-01-04T00:00:00Z,Done\n");                                  // line 7

        var log = Read(path);

        Assert.Equal(new[] { "A 2026-01-01T00:00:00 In Progress, blocked", "B 2026-01-02T00:00:00 Build", "D 2026-01-04T00:00:00 Done" }, Events(log));
        Assert.Equal(1, log.SkippedRows);
        Assert.StartsWith($"{path}:6: column 'timestamp': 'not a date' is not a date", log.Problems.Single());
    }

    [Fact]
    public void CountsAndDescribesEveryUnreadableRowAndGoesOn()
    {
        var path = Write("bad.csv", """
            id,date,state
            A,2026-01-01T00:00:00Z,Build
            A,2026-13-01,Review
            ,2026-01-02T00:00:00Z,Review
            B,2026-01-02T00:00:00Z,
            B,,Build
            B,2026-01-03T00:00:00Z,Done
            """);

        var log = Read(path);

        Assert.Equal(new[] { "A 2026-01-01T00:00:00 Build", "B 2026-01-03T00:00:00 Done" }, Events(log));
        Assert.Equal(4, log.SkippedRows);
        Assert.Equal(new[]
        {
            $"{path}:3: column 'date': '2026-13-01' is not a date ({LogTimestamp.Expected})",
            $"{path}:4: column 'id' is empty; every row needs an item id",
            $"{path}:5: column 'state' is empty; every row needs a status",
            $"{path}:6: column 'date' is empty; every row needs a timestamp",
        }, log.Problems);
    }

    [Fact]
    public void ReadsPaddedQuotedLongAndNonIsoFieldsAsTheirTrimmedText()
    {
        var longId = new string('L', 1000);
        var path = Write("fields.csv", "id,timestamp,status\n"
            + " A-1 ,\t2026-01-01T09:00:00+01:00 ,  Build\n"                     // line 2: padding trimmed
            + "\"B \"\"quoted\"\"\",\"2026-01-02T00:00:00Z\",\"Review, then test\"\n"  // line 3: quotes and escapes
            + $"\"{longId}\",2026-01-03T00:00:00.1234567Z,Prüfung\n"              // line 4: longer than any buffer
            + "C,05/Mar/26 3:07 PM,Build\n"                                     // line 5: Jira format
            + "C,2026-03-06\n"                                                  // line 6: no status field
            + "C,2026-03-07, \t \n"                                             // line 7: blank status
            + " ,2026-03-07,Build\n"                                            // line 8: blank id
            + "C,0001-01-01T00:00:00+01:00,Done\n"                              // line 9: before the start of time
            + "A-1,2026-01-04T00:00:00Z,Done\n");                               // line 10

        var log = Read(path);

        Assert.Equal(new[]
        {
            "A-1 2026-01-01T08:00:00 Build", "A-1 2026-01-04T00:00:00 Done",
            "B \"quoted\" 2026-01-02T00:00:00 Review, then test",
            $"{longId} 2026-01-03T00:00:00 Prüfung",
            "C 2026-03-05T15:07:00 Build",
        }, Events(log));
        Assert.Equal(TimeSpan.Parse("00:00:00.1234567").Ticks, log.Events.Single(e => e.ItemId == longId).TimestampUtc.Ticks % TimeSpan.TicksPerSecond);
        Assert.Equal(new[]
        {
            $"{path}:6: column 'status' is empty; every row needs a status",
            $"{path}:7: column 'status' is empty; every row needs a status",
            $"{path}:8: column 'id' is empty; every row needs an item id",
            $"{path}:9: column 'timestamp': '0001-01-01T00:00:00+01:00' is not a date ({LogTimestamp.Expected})",
        }, log.Problems);
    }

    [Fact]
    public void ReadsTabSeparatedValues()
    {
        var path = Write("log.tsv", "Key\tChanged\tTo\nA, 1\t2026-01-01T00:00:00Z\tIn Progress, blocked\nA, 1\t2026-01-02T00:00:00Z\tDone\n");

        Assert.Equal(new[] { "A, 1 2026-01-01T00:00:00 In Progress, blocked", "A, 1 2026-01-02T00:00:00 Done" }, Events(Read(path)));
    }

    [Theory]
    [InlineData("Issue key,Changed Date,To Status")]
    [InlineData("ISSUE_KEY,changed_date,NewStatus")]
    [InlineData("Work Item Id,Time,State")]
    [InlineData("item,updated,to")]
    public void DetectsTheUsualColumnNames(string header)
    {
        var path = Write("detect.csv", header + "\nA,2026-01-01T00:00:00Z,Build\nA,2026-01-02T00:00:00Z,Done\n");

        var log = Read(path);

        Assert.Equal(new[] { "A 2026-01-01T00:00:00 Build", "A 2026-01-02T00:00:00 Done" }, Events(log));
    }

    [Fact]
    public void AnEventLogWithStartAndCompleteWaitsBetweenActivitiesAndEndsInEnd()
    {
        // R1 crosses the change to summer time in Berlin (29 March): +01:00 before, +02:00 after. R2's Register has
        // only a completion and its Check is still running at the end.
        var path = Write("receipts.csv", """
            case:concept:name,concept:name,lifecycle:transition,time:timestamp
            R1,Register,start,2026-03-27T09:00:00.000+01:00
            R1,Register,complete,2026-03-27T09:30:00.000+01:00
            R2,Register,complete,2026-03-28T12:00:00.000+01:00
            R1,Check,start,2026-03-30T10:00:00.000+02:00
            R1,Check,complete,2026-03-30T11:00:00.000+02:00
            R2,Check,schedule,2026-03-28T12:30:00.000+01:00
            R2,Check,start,2026-03-28T13:00:00.000+01:00
            """);

        var log = Read(path);

        Assert.Equal(new[]
        {
            "R1 2026-03-27T08:00:00 Register", "R1 2026-03-27T08:30:00 Check (waiting)", "R1 2026-03-30T08:00:00 Check", "R1 2026-03-30T09:00:00 (end)",
            "R2 2026-03-28T11:00:00 Register", "R2 2026-03-28T11:00:00 Check (waiting)", "R2 2026-03-28T12:00:00 Check",
        }, Events(log));
        Assert.Equal(WorkItemLogForm.EventLog, log.Form);
        Assert.Equal("event log (start/complete): case 'case:concept:name', activity 'concept:name', timestamp 'time:timestamp', lifecycle 'lifecycle:transition'; "
            + "an activity runs from its start to its completion and waits as '<activity> (waiting)' from the previous completion, and a case is in '(end)' after its last event; "
            + "give -IdColumn, -TimestampColumn, -StatusColumn, or -Format Long to read each row as a status change", log.Detected);
    }

    [Theory]
    [InlineData("Case ID,Activity,Complete Timestamp")]
    [InlineData("case_id,activity,timestamp")]
    [InlineData("case:concept:name,concept:name,time:timestamp")]
    public void ACompletionOnlyEventLogRunsEachActivityFromThePreviousCompletion(string header)
    {
        var path = Write("helpdesk.csv", header + """

            H1,Assign seriousness,2026-01-05 08:00:00
            H1,Take in charge ticket,2026-01-05 10:00:00
            H2,Assign seriousness,2026-01-05 09:00:00
            H1,Resolve ticket,2026-01-06 10:00:00
            H1,Closed,2026-01-07 10:00:00
            """);

        var log = Read(path);

        Assert.Equal(new[]
        {
            "H1 2026-01-05T08:00:00 Assign seriousness", "H1 2026-01-05T08:00:00 Take in charge ticket", "H1 2026-01-05T10:00:00 Resolve ticket",
            "H1 2026-01-06T10:00:00 Closed", "H1 2026-01-07T10:00:00 (end)",
            "H2 2026-01-05T09:00:00 Assign seriousness", "H2 2026-01-05T09:00:00 (end)",
        }, Events(log));
        Assert.StartsWith("event log (completion only): case ", log.Detected);
        Assert.Contains("; an activity runs from the previous completion to its own, and a case is in '(end)' after its last event", log.Detected);
    }

    [Fact]
    public void AnEventLogWithAStartAndACompleteColumnReadsARowPerActivityInstance()
    {
        var path = Write("instances.csv", """
            Case ID,Activity,Start Timestamp,Complete Timestamp
            F1,Create Fine,2026-02-02 09:00,2026-02-02 09:10
            F1,Send Fine,2026-02-09 08:00,2026-02-09 08:05
            """);

        var log = Read(path);

        Assert.Equal(new[]
        {
            "F1 2026-02-02T09:00:00 Create Fine", "F1 2026-02-02T09:10:00 Send Fine (waiting)", "F1 2026-02-09T08:00:00 Send Fine", "F1 2026-02-09T08:05:00 (end)",
        }, Events(log));
        Assert.StartsWith("event log (start/complete): case 'Case ID', activity 'Activity', start 'Start Timestamp', complete 'Complete Timestamp'", log.Detected);
    }

    [Fact]
    public void AnUnknownLifecycleTransitionIsASkippedRowAndFormatLongReadsEventsAsStatusChanges()
    {
        var path = Write("odd.csv", """
            case_id,activity,lifecycle,timestamp
            C1,Check,start,2026-01-05T08:00:00Z
            C1,Check,paused,2026-01-05T09:00:00Z
            C1,Check,complete,2026-01-05T10:00:00Z
            """);

        var log = Read(path);
        var asLong = Read(path, new LogReadOptions { Format = WorkItemLogFormat.Long });

        Assert.Equal(new[] { "C1 2026-01-05T08:00:00 Check", "C1 2026-01-05T10:00:00 (end)" }, Events(log));
        Assert.Equal($"{path}:3: column 'lifecycle': 'paused' is not a lifecycle transition (expected start, complete, resume, suspend, schedule, assign, reassign, withdraw, ate_abort, pi_abort, autoskip, manualskip)",
            log.Problems.Single());
        Assert.Equal(WorkItemLogForm.Long, asLong.Form);
        Assert.Equal(3, asLong.EventCount);
    }

    [Fact]
    public void AnEventLogsExcludedCaseIsJudgedByItsLastActivity()
    {
        var path = Write("fines.csv", """
            case_id,activity,timestamp
            F1,Create Fine,2026-01-05
            F1,Payment,2026-01-20
            F2,Create Fine,2026-01-06
            F2,Send for Credit Collection,2026-06-06
            """);

        var log = Read(path, new LogReadOptions { ExcludeStatuses = new[] { "send for credit collection" } });

        Assert.Equal(new[] { "F2" }, log.ExcludedItems);
    }

    [Fact]
    public void NamedColumnsOverrideDetection()
    {
        var path = Write("named.csv", """
            id,Ticket,status,Moved At,Lane,created
            1,T-9,open,2026-02-01T10:00:00Z,Build,2020-01-01
            2,T-9,open,2026-02-02T10:00:00Z,Done,2020-01-01
            """);

        var log = Read(path, new LogReadOptions { IdColumn = "ticket", TimestampColumn = "moved_at", StatusColumn = "LANE" });

        Assert.Equal(new[] { "T-9 2026-02-01T10:00:00 Build", "T-9 2026-02-02T10:00:00 Done" }, Events(log));
    }

    [Fact]
    public void AJiraChangelogKeepsOnlyStatusChangesAndGivesEachItemItsFirstStatus()
    {
        // Status is the current status; To String the status entered. PRJ-3 never changed status.
        var path = Write("changelog.csv", """
            Issue key,Status,Created,Field,From String,To String,Changed
            PRJ-1,Done,2026-03-02T09:00:00Z,assignee,,Ann,2026-03-02T10:00:00Z
            PRJ-1,Done,2026-03-02T09:00:00Z,status,To Do,In Progress,2026-03-04T09:00:00Z
            PRJ-1,Done,2026-03-02T09:00:00Z,Status,In Progress,Done,2026-03-09T09:00:00Z
            PRJ-2,In Progress,2026-03-03T09:00:00Z,Status,To Do,In Progress,2026-03-05T09:00:00Z
            PRJ-2,In Progress,2026-03-03T09:00:00Z,priority,Low,High,2026-03-06T09:00:00Z
            PRJ-3,To Do,2026-03-06T09:00:00Z,assignee,,Bo,2026-03-07T09:00:00Z
            """);

        var log = Read(path);

        Assert.Equal(new[]
        {
            "PRJ-1 2026-03-02T09:00:00 To Do", "PRJ-1 2026-03-04T09:00:00 In Progress", "PRJ-1 2026-03-09T09:00:00 Done",
            "PRJ-2 2026-03-03T09:00:00 To Do", "PRJ-2 2026-03-05T09:00:00 In Progress",
            "PRJ-3 2026-03-06T09:00:00 To Do",
        }, Events(log));
        Assert.Equal(0, log.SkippedRows);
        Assert.Equal((WorkItemLogForm.Changelog, "Issue key", "Changed", "To String", "Field", "From String", "Created", "Status"),
            (log.Form, log.IdColumn, log.TimestampColumn, log.StatusColumn, log.FieldColumn, log.FromColumn, log.CreatedColumn, log.CurrentStatusColumn));
        Assert.Equal("changelog (a row per change of an item): id 'Issue key', timestamp 'Changed', status entered 'To String', only rows whose 'Field' is Status, "
            + "first status from 'From String' entered at 'Created', current status 'Status' (for items never moved); give -IdColumn, -TimestampColumn, -StatusColumn or -Format to read it otherwise",
            log.Detected);
    }

    [Fact]
    public void ALongChangelogWithFromAndToNamesIsReadAsChangesNotAsWideForm()
    {
        var path = Write("jira-long.csv", """
            issue_key,status_from_name,status_to_name,status_change_date,issue_created_date
            BUG-7,Open,In Progress,2026-01-05 10:00:00,2026-01-02 08:00:00
            BUG-7,In Progress,Closed,2026-01-08 16:30:00,2026-01-02 08:00:00
            BUG-9,Open,Closed,2026-01-06 11:00:00,2026-01-06 09:00:00
            """);

        var log = Read(path);

        Assert.Equal(new[]
        {
            "BUG-7 2026-01-02T08:00:00 Open", "BUG-7 2026-01-05T10:00:00 In Progress", "BUG-7 2026-01-08T16:30:00 Closed",
            "BUG-9 2026-01-06T09:00:00 Open", "BUG-9 2026-01-06T11:00:00 Closed",
        }, Events(log));
        Assert.Equal(0, log.SkippedRows);
    }

    [Fact]
    public void AChangelogWithNoCreatedDateReadsAsTheSameChangesWithoutItsFromColumn()
    {
        // Without a created date the from column can give no first status: the log is its to column's changes,
        // read on the fast path of long form, and a changelog's row without a status entered is no change.
        var changelog = Read(Write("changelog.csv", """
            Key,Changed,From,To
            A,2026-01-05T10:00:00+01:00,Open,In Progress
            A,2026-01-06T09:00:00Z,In Progress,In Review
            B,"2026-01-05T11:00:00-05:00",Open,In Progress
            A,2026-01-07T09:00:00Z,In Review,Done
            B,2026-01-08T09:00:00Z,In Progress,
            """));
        var longForm = Read(Write("long.csv", """
            Key,Changed,To
            A,2026-01-05T10:00:00+01:00,In Progress
            A,2026-01-06T09:00:00Z,In Review
            B,"2026-01-05T11:00:00-05:00",In Progress
            A,2026-01-07T09:00:00Z,Done
            """));

        Assert.Equal(WorkItemLogForm.Changelog, changelog.Form);
        Assert.Equal(Events(longForm), Events(changelog));
        Assert.Equal(4, changelog.EventCount);
        Assert.Equal(0, changelog.SkippedRows);
    }

    [Theory]
    [InlineData("Work Item Id,Changed Date,State")]
    [InlineData("System.Id,System.ChangedDate,System.State")]
    [InlineData("number,created_at,column_name")]
    [InlineData("ItemId,TimestampUtc,Status")]
    [InlineData("key,changed,Status,To")]
    public void DetectsAzureDevOpsGitHubAndOwnColumnNames(string header)
    {
        var extra = header.EndsWith(",To", StringComparison.Ordinal) ? ",Done" : "";
        var path = Write("detect2.csv", header + $"\nA,2026-01-01T00:00:00Z{extra},Build\nA,2026-01-02T00:00:00Z{extra},Done\n");

        var log = Read(path);

        Assert.Equal(new[] { "A 2026-01-01T00:00:00 Build", "A 2026-01-02T00:00:00 Done" }, Events(log));
    }

    [Fact]
    public void AMissingColumnIsAnErrorNamingTheColumnsFound()
    {
        var path = Write("nocol.csv", "id,status,comment\nA,Build,x\n");

        var ex = Assert.Throws<InputException>(() => Read(path));
        Assert.Contains("no timestamp column", ex.Message);
        Assert.Contains("'comment'", ex.Message);

        var named = Assert.Throws<InputException>(() => Read(path, new LogReadOptions { IdColumn = "nope" }));
        Assert.Contains("no id column 'nope'", named.Message);
    }

    [Fact]
    public void ReadsWideFormWithAColumnPerStage()
    {
        var path = Write("wide.csv", """
            ID,Title,Ready,In Progress,Review,Done
            A,"Login, SSO",2026-01-01,2026-01-02,2026-01-05,2026-01-06
            B,Export,2026-01-03,2026-01-04,,
            C,Search,2026-01-03,soon,,
            """);

        var log = Read(path);

        Assert.Equal(new[]
        {
            "A 2026-01-01T00:00:00 Ready", "A 2026-01-02T00:00:00 In Progress", "A 2026-01-05T00:00:00 Review", "A 2026-01-06T00:00:00 Done",
            "B 2026-01-03T00:00:00 Ready", "B 2026-01-04T00:00:00 In Progress",
            "C 2026-01-03T00:00:00 Ready",
        }, Events(log));
        Assert.Equal(1, log.SkippedRows);
        Assert.StartsWith($"{path}:4: column 'In Progress': 'soon' is not a date", log.Problems.Single());
    }

    [Fact]
    public void WideFormTakesOnlyColumnsHoldingDatesAsStagesAndOneStageForADuplicateName()
    {
        // ActionableAgile's layout: stage columns in order, then text columns; Done appears twice.
        var path = Write("aa.csv", """
            ID,Link,Name,Backlog,In Progress,Done,Done,Type,Release,Stage,Components
            BUG-1,https://example.org/BUG-1,Crash on save,2026-03-02,2026-03-05,2026-03-09,,Bug,R1.2,Triage,Editor
            BUG-2,,Wrong total,2026-03-03,,,,Bug,R1.2,,"Billing, Tax"
            BUG-3,,Slow search,2026-03-04,2026-03-06,2026-03-12,2026-03-10,Bug,,Stage 2,
            BUG-4,,Typo,2026-03-05,later,,,Bug,R1.3,,
            """);

        var log = Read(path);

        Assert.Equal(new[]
        {
            "BUG-1 2026-03-02T00:00:00 Backlog", "BUG-1 2026-03-05T00:00:00 In Progress", "BUG-1 2026-03-09T00:00:00 Done",
            "BUG-2 2026-03-03T00:00:00 Backlog",
            "BUG-3 2026-03-04T00:00:00 Backlog", "BUG-3 2026-03-06T00:00:00 In Progress", "BUG-3 2026-03-10T00:00:00 Done",
            "BUG-4 2026-03-05T00:00:00 Backlog",
        }, Events(log));
        Assert.Equal(new[] { "Backlog", "In Progress", "Done", "Done" }, log.StageColumns);
        Assert.Equal(1, log.SkippedRows);
        Assert.StartsWith($"{path}:5: column 'In Progress': 'later' is not a date", log.Problems.Single());
    }

    [Fact]
    public void ALongFormFileWhoseStatusColumnIsNotDetectedIsRefusedByItsRepeatedIdsRatherThanReadAsWideForm()
    {
        // An id and no status column looks like wide form, which would read 'Moved At' as the one stage K-1 entered twice.
        var path = Write("kanban.csv", "Ticket,Moved At,Lane\nK-1,2026-03-02 09:00,Build\nK-2,2026-03-02 11:00,Build\nK-1,2026-03-03 14:00,Test\n");

        var ex = Assert.Throws<InputException>(() => Read(path));

        Assert.Equal($"{path}: 'K-1' is on two rows (line 2 and line 4), so this is not wide form (a row per item) but long form (a row per status change) "
            + "whose status column was not found among 'Ticket', 'Moved At', 'Lane'; name the status and timestamp columns with -StatusColumn and -TimestampColumn, "
            + "or give -Format Wide if each row is an item", ex.Message);
        Assert.Equal(2, Read(path, new LogReadOptions { Format = WorkItemLogFormat.Wide }).ItemCount);
        Assert.Equal(new[] { "K-1 2026-03-02T09:00:00 Build", "K-1 2026-03-03T14:00:00 Test", "K-2 2026-03-02T11:00:00 Build" },
            Events(Read(path, new LogReadOptions { TimestampColumn = "Moved At", StatusColumn = "Lane" })));
    }

    [Fact]
    public void AFileOfNoFormIsAnErrorNamingItsColumnsAndTheParametersToGive()
    {
        var path = Write("noform.csv", "Key,Summary,Release\nA-1,Login,R1\n");

        var ex = Assert.Throws<InputException>(() => Read(path));

        Assert.Equal($"{path}: no column beside the id column 'Key' holds a date, so this is not wide form (a date column per stage); the columns are 'Key', 'Summary', 'Release'; "
            + "name the status and timestamp columns with -StatusColumn and -TimestampColumn, or the stage columns with -StageColumn", ex.Message);
    }

    [Fact]
    public void ATimeZoneReadsTimestampsWithoutAnOffsetAndDatesInItsClockAndDaysAreItsDays()
    {
        // F-2 finished on 23 March in Berlin, before 01:00 local time: 22 March in UTC.
        var path = Write("fines.csv", """
            case,time,status
            F-1,2026-03-20,Ready
            F-1,2026-03-21 09:30,Done
            F-2,2026-03-20T08:00:00Z,Ready
            F-2,2026-03-23T00:30:00+01:00,Done
            F-3,2026-03-22,Ready
            F-3,1774306800,Done
            """);

        var log = Read(path, new LogReadOptions { IdColumn = "case", TimeZone = LogTimeZone.Parse("Europe/Berlin") });
        var history = ConstraintTools.Forecasting.ThroughputHistory.FromLog(log, FlowMeasurementTests.Delivery(), to: new DateTime(2026, 3, 26, 0, 0, 0, DateTimeKind.Utc));

        Assert.Equal(new[]
        {
            "F-1 2026-03-19T23:00:00 Ready", "F-1 2026-03-21T08:30:00 Done",
            "F-2 2026-03-20T08:00:00 Ready", "F-2 2026-03-22T23:30:00 Done",
            "F-3 2026-03-21T23:00:00 Ready", "F-3 2026-03-23T23:00:00 Done",
        }, Events(log));
        Assert.Equal("Europe/Berlin", log.TimeZone!.Id);
        Assert.Equal(new DateTime(2026, 3, 20), history.From);
        // 20, 21, 22, 23, 24, 25 March, Berlin days: F-1 on the 21st, F-2 on the 23rd, F-3 on the 24th.
        Assert.Equal(new[] { 0, 1, 0, 1, 1, 0 }, history.ItemsPerDay);
    }

    [Theory]
    [InlineData("+01:00", 60)]
    [InlineData("UTC-5", -300)]
    [InlineData("-0330", -210)]
    [InlineData("UTC", 0)]
    public void ATimeZoneMayBeAnOffset(string name, int minutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(minutes), LogTimeZone.Parse(name).BaseUtcOffset);
    }

    [Fact]
    public void AnUnknownTimeZoneIsAnErrorSayingWhatToGive()
    {
        var ex = Assert.Throws<ArgumentException>(() => LogTimeZone.Parse("Mars/Olympus"));

        Assert.StartsWith("there is no time zone 'Mars/Olympus'; give a zone id such as 'Europe/Berlin' or 'America/New_York', or an offset such as '+01:00' or '-05:00'", ex.Message);
    }

    [Fact]
    public void WideFormWithNamedStagesIgnoresOtherColumns()
    {
        var path = Write("wide2.csv", """
            key,Owner,Start,Finish
            A,Ann,2026-01-01T08:00:00+01:00,2026-01-03T08:00:00+01:00
            """);

        var log = Read(path, new LogReadOptions { Format = WorkItemLogFormat.Wide, StageColumns = new[] { "Start", "Finish" } });

        Assert.Equal(new[] { "A 2026-01-01T07:00:00 Start", "A 2026-01-03T07:00:00 Finish" }, Events(log));
    }

    [Fact]
    public void ReadsJsonLinesSkippingABadLine()
    {
        var path = Write("log.jsonl", """
            {"key":"A-1","changed":"2026-01-01T09:00:00+02:00","toStatus":"Build","extra":{"nested":[1,2]}}
            {"key":"A-1","changed":"2026-01-02T09:00:00Z","toStatus":"Done"}

            {"key":"A-2","changed":"2026-01-02T09:00:00Z","toStatus":
            {"key":7,"changed":"2026-01-03T09:00:00Z","toStatus":"Build"}
            {"key":"A-3","changed":"yesterday","toStatus":"Build"}
            """);

        var log = Read(path);

        Assert.Equal(new[] { "7 2026-01-03T09:00:00 Build", "A-1 2026-01-01T07:00:00 Build", "A-1 2026-01-02T09:00:00 Done" }, Events(log).OrderBy(e => e, StringComparer.Ordinal));
        Assert.Equal(2, log.SkippedRows);
        Assert.StartsWith($"{path}:4: not a JSON object", log.Problems[0]);
        Assert.StartsWith($"{path}:6: column 'changed': 'yesterday' is not a date", log.Problems[1]);
    }

    [Fact]
    public void ReadsJsonLinesWithEscapesReorderedNamesCommentsAndNonStringValues()
    {
        var path = Write("mixed.jsonl", """
            {"key":"A-1","changed":"2026-01-01T09:00:00+02:00","toStatus":"Build"}
            {"key":" A-1 ","changed":" 2026-01-02T09:00:00Z ","toStatus":"Revi\u0065w"}
            {"toStatus":"Done","key":"A-1","changed":"2026-01-03T09:00:00Z"}
            {"toStatus":"Build","key":"Ä-2","changed":"05/Mar/26 3:07 PM", /* exported by hand */ }
            {"toStatus":"Build","key":"Ä-2","changed":"2026-03-06T00:00:00Z"} {"x":1}
            {"toStatus":null,"key":"Ä-2","changed":"2026-03-07T00:00:00Z"}
            {"toStatus":"Test","key":12,"changed":"2026-03-08T00:00:00Z"}
            {"toStatus":"Test","key":"B","changed":"0001-01-01T00:00:00+01:00"}
            """);

        var log = Read(path);

        Assert.Equal(new[]
        {
            "A-1 2026-01-01T07:00:00 Build", "A-1 2026-01-02T09:00:00 Review", "A-1 2026-01-03T09:00:00 Done",
            "Ä-2 2026-03-05T15:07:00 Build", "12 2026-03-08T00:00:00 Test",
        }, Events(log));
        Assert.Equal(3, log.SkippedRows);
        Assert.StartsWith($"{path}:5: not a JSON object (", log.Problems[0]);
        Assert.Equal($"{path}:6: column 'toStatus' is empty; every row needs a status", log.Problems[1]);
        Assert.Equal($"{path}:8: column 'changed': '0001-01-01T00:00:00+01:00' is not a date ({LogTimestamp.Expected})", log.Problems[2]);
    }

    [Fact]
    public void DetectsJsonLinesByContentAndCsvOtherwise()
    {
        var json = Write("export.txt", "{\"id\":\"A\",\"timestamp\":\"2026-01-01\",\"status\":\"Build\"}\n");
        var csv = Write("export.log", "id,timestamp,status\nA,2026-01-01,Build\n");

        Assert.Equal(new[] { "A 2026-01-01T00:00:00 Build" }, Events(Read(json)));
        Assert.Equal(new[] { "A 2026-01-01T00:00:00 Build" }, Events(Read(csv)));
    }

    [Fact]
    public void CountsLinesInWindowsLineEndingsAndQuotesMultiLineValuesOnOneLine()
    {
        var path = Path.Combine(folder, "crlf.csv");
        File.WriteAllText(path, "id,timestamp,status\r\nA,2026-01-01,Build\r\nB,\"x\r\ny\",Build\r\nC,bad,Build\r\n");

        var log = Read(path);

        Assert.Equal(new[] { "A 2026-01-01T00:00:00 Build" }, Events(log));
        Assert.Equal(new[]
        {
            $"{path}:3: column 'timestamp': 'x\\r\\ny' is not a date ({LogTimestamp.Expected})",
            $"{path}:5: column 'timestamp': 'bad' is not a date ({LogTimestamp.Expected})",
        }, log.Problems);
    }

    [Fact]
    public void ALogWithoutRecognisableColumnsSaysWhichNamesItLooksFor()
    {
        var path = Write("no-columns.csv", "Title,Owner\nx,y\n");

        var ex = Assert.Throws<InputException>(() => Read(path));

        Assert.Equal(path, ex.File);
        Assert.Contains("no item id column found among 'Title', 'Owner'; name it with IdColumn", ex.Message);
    }

    /// <summary>Writes each text followed by that many 'x', a block at a time: long lines without long strings.</summary>
    private string WriteFilled(string name, params (string Text, int Xs)[] parts)
    {
        var path = Path.Combine(folder, name);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        var block = new char[1 << 16];
        Array.Fill(block, 'x');
        foreach (var (text, xs) in parts)
        {
            writer.Write(text);
            for (var left = xs; left > 0; left -= block.Length) writer.Write(block, 0, Math.Min(left, block.Length));
        }
        return path;
    }

    [Theory]
    [InlineData("id,timestamp,status\nA,2026-01-01,Build\nB,2026-01-02,", "\n", 3)]
    [InlineData("id,timestamp,status,", "\nA,2026-01-01,Build\n", 1)]
    public void ARecordLargerThanTheReadersBufferIsAnErrorWithItsLine(string before, string after, int line)
    {
        var huge = WriteFilled("huge.csv", (before, WorkItemLogReader.MaxRecordChars + 1), (after, 0));

        var ex = Assert.Throws<InputException>(() => Read(huge));

        Assert.Equal(huge, ex.File);
        Assert.Equal(line, ex.Line);
        Assert.Equal($"{huge}:{line}: the record that starts on this line is longer than 16 MB (16,777,216 characters), the most a log record may hold; a quote that is never closed makes the rest of the file one record", ex.Message);
    }

    [Fact]
    public void AJsonLineAtTheLimitIsReadAndOneCharacterLongerIsSkipped()
    {
        const string Start = "{\"id\":\"A\",\"timestamp\":\"2026-01-01\",\"status\":\"Build\",\"description\":\"";
        const string End = "\"}";
        var pad = WorkItemLogReader.MaxRecordChars - Start.Length - End.Length;
        var path = WriteFilled("limit.jsonl", (Start, pad), (End + "\n" + Start.Replace("\"A\"", "\"B\""), pad + 1), (End + "\n", 0));

        var log = Read(path);

        Assert.Equal(new[] { "A 2026-01-01T00:00:00 Build" }, Events(log));
        Assert.Equal($"{path}:2: the line is 16,777,217 characters long; a log line may be at most 16 MB (16,777,216 characters)", Assert.Single(log.Problems));
    }

    [Fact]
    public void JsonLinesEndInLineFeedsCarriageReturnsOrBothAndEachCountsOnce()
    {
        // The first line ends where the reader's 65,536-character block does, so its \r\n is split across two blocks.
        const string Start = "{\"id\":\"A\",\"timestamp\":\"2026-01-01\",\"status\":\"Build\",\"pad\":\"";
        var path = WriteFilled("endings.jsonl", (Start, 65535 - Start.Length - 2), ("\"}\r\n"
            + "{\"id\":\"B\",\"timestamp\":\"2026-01-02\",\"status\":\"Build\"}\r"
            + " \t \n"
            + "{\"id\":\"C\",\"timestamp\":\"bad\",\"status\":\"Build\"}\n\r\n"
            + "{\"id\":\"D\",\"timestamp\":\"2026-01-04\",\"status\":\"Build\"}", 0));

        var log = Read(path);

        Assert.Equal(new[] { "A 2026-01-01T00:00:00 Build", "B 2026-01-02T00:00:00 Build", "D 2026-01-04T00:00:00 Build" }, Events(log));
        Assert.StartsWith($"{path}:4: column 'timestamp': 'bad' is not a date", Assert.Single(log.Problems));
    }

    [Fact]
    public void AnEmptyOrMalformedFileIsAnErrorWithItsLocation()
    {
        var empty = Write("empty.csv", "");
        var unterminated = Write("open-quote.csv", "id,timestamp,status\nA,2026-01-01,Build\nB,\"2026-01-02,Build\n");

        Assert.Contains("empty", Assert.Throws<InputException>(() => Read(empty)).Message);
        var ex = Assert.Throws<InputException>(() => Read(unterminated));
        Assert.Equal(unterminated, ex.File);
        Assert.Contains("malformed near line 3", ex.Message);
    }

    [Fact]
    public void BlankLinesAreNotRowsAndKeepLineNumbersRight()
    {
        var path = Write("blank.csv", "id,timestamp,status\nA,2026-01-01,Build\n\nA,bad,Review\n");

        var log = Read(path);

        Assert.Equal(new[] { "A 2026-01-01T00:00:00 Build" }, Events(log));
        Assert.StartsWith($"{path}:4: column 'timestamp'", log.Problems.Single());
    }
}
