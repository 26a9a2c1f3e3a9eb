using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace ConstraintTools.Notation
{
    /// <summary>
    /// Which columns of a log hold the item id, the timestamp and the status (long form), the field and
    /// from status too (changelog), or the id and the stages (wide form), and how one row becomes status
    /// changes. Shared by the file readers and the cmdlet that converts pipeline objects, so both detect
    /// the same names.
    /// </summary>
    /// <remarks>
    /// Names are compared ignoring case, spaces and underscores; the lists below are in order of preference.
    /// A status column holding the status entered ("to") is preferred to one holding the current status,
    /// which a changelog export also has. Named columns override detection. Other columns are ignored in
    /// long form; in wide form every column but the id is a stage unless the stages are named, except
    /// common descriptive columns (title, summary, type, assignee, …).
    /// </remarks>
    public sealed class WorkItemLogColumns
    {
        // Jira, Azure DevOps (System.* reference names), GitHub (number, created_at, column_name) and
        // process-mining (case:concept:name) names, and the properties of StatusChange, so that a log's
        // Events read back.
        internal static readonly string[] IdNames =
        {
            "id", "key", "issue", "issuekey", "item", "itemid", "workitemid", "system.id", "number", "issueid", "issuenumber",
            "ticket", "ticketid", "caseid", "case:concept:name", "case",
        };
        internal static readonly string[] TimestampNames =
        {
            "timestamp", "timestamputc", "date", "changed", "changeddate", "changedat", "changedon", "statuschangedate",
            "system.changeddate", "microsoft.vsts.common.statechangedate", "statechangedate", "time", "time:timestamp",
            "eventtime", "createdat", "created", "updated", "completetimestamp", "endtimestamp", "completetime", "endtime",
        };
        internal static readonly string[] ToNames =
        {
            "to", "tostring", "tostatus", "newstatus", "statustoname", "statusto", "tostate", "newstate", "tovalue", "newvalue", "columnname",
        };
        internal static readonly string[] StatusNames = { "status", "state", "system.state", "currentstatus", "issuestatus", "concept:name", "activity", "activityname", "label", "event" };
        // Process mining: the XES names, their CSV spellings (Disco, ProM, pm4py) and the start column of an export
        // with a row per activity instance.
        internal static readonly string[] CaseNames = { "case:concept:name", "caseid", "case" };
        internal static readonly string[] ActivityNames = { "concept:name", "activity", "activityname" };
        internal static readonly string[] LifecycleNames = { "lifecycle:transition", "lifecycle", "lifecycletransition", "transition" };
        internal static readonly string[] StartNames = { "starttimestamp", "starttime", "start" };

        /// <summary>The status an event-log case is in after its last event.</summary>
        public const string EndStatus = "(end)";

        /// <summary>The status an event-log case is in between a completion and the start of <paramref name="activity"/>.</summary>
        public static string WaitingStatus(string activity) => activity + " (waiting)";
        internal static readonly string[] FromNames =
        {
            "from", "fromstring", "fromstatus", "oldstatus", "statusfromname", "statusfrom", "fromstate", "oldstate", "fromvalue", "oldvalue",
        };
        internal static readonly string[] FieldNames = { "field", "fieldname", "changedfield" };
        // Jira's Resolution, GitHub's state_reason (not_planned, completed), Azure DevOps' System.Reason and ResolvedReason.
        internal static readonly string[] ResolutionNames =
        {
            "resolution", "resolutionname", "statereason", "system.reason", "reason", "resolvedreason", "microsoft.vsts.common.resolvedreason", "closedreason",
        };
        internal static readonly string[] CreatedNames =
        {
            "created", "createddate", "createdat", "createdon", "issuecreateddate", "creationdate", "datecreated", "system.createddate",
        };
        private static readonly HashSet<string> StatusFields = new HashSet<string>(StringComparer.Ordinal) { "status", "state", "system.state" };
        private static readonly HashSet<string> Descriptive = new HashSet<string>(StringComparer.Ordinal)
        {
            "title", "summary", "name", "type", "issuetype", "workitemtype", "assignee", "assignedto", "reporter", "priority",
            "description", "labels", "tags", "project", "url", "link", "points", "storypoints", "estimate", "size", "team",
        };

        private int[] stages;
        private readonly string[]? formats;

        // Wide form with stages detected rather than named: a column is a stage only if it holds a date, so
        // what is wrong with a cell is kept until the end shows whether its column is a stage at all.
        private bool stagesByDates;
        private int[] datesIn = Array.Empty<int>();
        private int[] badCellsIn = Array.Empty<int>();
        private List<string>[] problemsIn = Array.Empty<List<string>>();
        // Columns of one name are one stage: index into stages of the first column of its name.
        private int[] sameAs = Array.Empty<int>();
        private long[] entered = Array.Empty<long>();
        private long itemRows;

        // Wide form guessed from the columns (an id, no status): a long-form file whose status column has a name
        // nobody detects looks the same, but repeats its ids, which a row per item never does.
        private Dictionary<string, string>? rowOfId;
        private string? repeated;

        private WorkItemLogColumns(IReadOnlyList<string> names, WorkItemLogForm form, int id, int timestamp, int status, int[] stages, string[]? formats)
        {
            this.formats = formats;
            Names = names;
            Form = form;
            Id = id;
            Timestamp = timestamp;
            Status = status;
            this.stages = stages;
        }

        /// <summary>The zone whose clock a timestamp without an offset, or a date alone, is read in; null for UTC.</summary>
        public TimeZoneInfo? Zone { get; private set; }

        /// <summary>The column names as they appear in the source.</summary>
        public IReadOnlyList<string> Names { get; }

        /// <summary>What the rows are.</summary>
        public WorkItemLogForm Form { get; }

        /// <summary>One row per item with a column per stage; otherwise one row per status change.</summary>
        public bool IsWide => Form == WorkItemLogForm.Wide;

        /// <summary>Index in <see cref="Names"/> of the item id column.</summary>
        public int Id { get; }

        /// <summary>Index of the timestamp column; -1 in wide form.</summary>
        public int Timestamp { get; }

        /// <summary>Index of the column holding the status entered; -1 in wide form.</summary>
        public int Status { get; }

        /// <summary>Changelog: index of the column naming the field changed, or -1 when every row is a status change.</summary>
        public int Field { get; private set; } = -1;

        /// <summary>Changelog: index of the column holding the status left, or -1.</summary>
        public int From { get; private set; } = -1;

        /// <summary>Changelog: index of the column holding the item's created date, or -1.</summary>
        public int Created { get; private set; } = -1;

        /// <summary>Changelog: index of the column holding the item's current status, or -1.</summary>
        public int CurrentStatus { get; private set; } = -1;

        /// <summary>Event log: index of the lifecycle transition column, or -1 when every event is a completion.</summary>
        public int Lifecycle { get; private set; } = -1;

        /// <summary>Event log with a row per activity instance: index of its start timestamp column, or -1.</summary>
        public int Start { get; private set; } = -1;

        /// <summary>Event log read from XES, whose names are attribute keys rather than columns.</summary>
        internal bool IsXes { get; private set; }

        /// <summary>Event log: true once an event has been read, and once one was a start.</summary>
        internal bool SawEvent { get; set; }
        internal bool SawStart { get; set; }

        /// <summary>Index of the column holding the item's resolution, or -1; read only when resolutions are excluded.</summary>
        public int Resolution { get; private set; } = -1;

        /// <summary>Changelog with a field column and no resolution column: rows whose field is Resolution give it.</summary>
        private bool resolutionFromFieldRows;

        /// <summary>Statuses that, as an item's final status, make it a discarded outcome; null when none are.</summary>
        internal IReadOnlyList<string>? ExcludeStatuses { get; private set; }

        /// <summary>Resolutions that make an item a discarded outcome; null when none do.</summary>
        internal IReadOnlyList<string>? ExcludeResolutions { get; private set; }

        /// <summary>Wide form: indexes of the stage columns, in order; empty in long form.</summary>
        public IReadOnlyList<int> Stages => stages;

        /// <summary>
        /// True when a row is one status change read from three columns alone, which readers may read straight
        /// from their buffers; false when rows need <see cref="AddRow"/>. A changelog with no field, created or
        /// current-status column is one too: its from column could only give a first status entered at a created
        /// date it does not have.
        /// </summary>
        public bool IsPlainLong => Resolution < 0
            && (Form == WorkItemLogForm.Long || (Form == WorkItemLogForm.Changelog && Field < 0 && Created < 0 && CurrentStatus < 0));

        /// <summary>A name reduced for comparison: lower case, without spaces or underscores.</summary>
        public static string Normalize(string name)
        {
            var text = new StringBuilder(name.Length);
            foreach (var c in name.Trim())
                if (c != ' ' && c != '_' && c != '\t' && c != '\uFEFF') text.Append(char.ToLowerInvariant(c));
            return text.ToString();
        }

        /// <summary>
        /// Finds the columns among <paramref name="names"/>. <paramref name="form"/> forces a form; null decides:
        /// wide when there is an id column but no status column, changelog when there is a field or from column.
        /// Throws a <see cref="InputException"/> naming the columns found when a needed one is missing.
        /// </summary>
        public static WorkItemLogColumns Resolve(IReadOnlyList<string> names, LogReadOptions options, WorkItemLogForm? form, string? source, bool wideAllowed = true)
        {
            if (names is null) throw new ArgumentNullException(nameof(names));
            options ??= new LogReadOptions();
            var normalized = names.Select(n => Normalize(n ?? "")).ToArray();
            var id = Find(normalized, names, options.IdColumn, IdNames, "id", source, -1, -1);
            var status = Find(normalized, names, options.StatusColumn, ToNames, "status", source, id, -1, required: false);
            var current = -1;
            if (status < 0) status = Find(normalized, names, null, StatusNames, "status", source, id, -1, required: false);
            else current = Find(normalized, names, null, StatusNames, "status", source, id, status, required: false);
            var isWide = form == WorkItemLogForm.Wide
                || (form is null && wideAllowed && id >= 0 && status < 0 && options.StatusColumn is null && options.TimestampColumn is null);
            if (id < 0) throw Missing("item id", "IdColumn", IdNames, names, source);
            var excludeResolutions = Given(options.ExcludeResolutions);
            var resolution = excludeResolutions is null ? -1
                : Find(normalized, names, options.ResolutionColumn, ResolutionNames, "resolution", source, id, status, required: false);
            if (isWide)
            {
                int[] stageColumns;
                if (options.StageColumns != null && options.StageColumns.Count > 0)
                {
                    stageColumns = options.StageColumns
                        .Select(s => Find(normalized, names, s, Array.Empty<string>(), "stage", source, id, -1))
                        .ToArray();
                }
                else
                {
                    stageColumns = Enumerable.Range(0, names.Count)
                        .Where(i => i != id && i != resolution && normalized[i].Length > 0 && !Descriptive.Contains(normalized[i]))
                        .ToArray();
                }
                if (stageColumns.Length == 0)
                    throw new InputException($"wide form needs a column per stage beside the id column '{Display.Excerpt(names[id])}'; the columns are {List(names)}", file: source);
                var wideColumns = new WorkItemLogColumns(names, WorkItemLogForm.Wide, id, -1, -1, stageColumns, Formats(options));
                wideColumns.stagesByDates = options.StageColumns is not { Count: > 0 };
                if (form is null) wideColumns.rowOfId = new Dictionary<string, string>(StringComparer.Ordinal);
                wideColumns.datesIn = new int[stageColumns.Length];
                wideColumns.badCellsIn = new int[stageColumns.Length];
                wideColumns.problemsIn = stageColumns.Select(_ => new List<string>()).ToArray();
                wideColumns.sameAs = stageColumns
                    .Select((c, k) => Array.FindIndex(stageColumns, d => string.Equals(names[d].Trim(), names[c].Trim(), StringComparison.OrdinalIgnoreCase)))
                    .ToArray();
                wideColumns.entered = new long[stageColumns.Length];
                wideColumns.Zone = options.TimeZone;
                return wideColumns.Excluding(options, resolution, false, names, source);
            }
            if (status < 0) throw Missing("status", "StatusColumn", ToNames.Concat(StatusNames).ToArray(), names, source);
            var timestamp = Find(normalized, names, options.TimestampColumn, TimestampNames, "timestamp", source, id, status, required: false);
            if (timestamp < 0)
                throw Missing("timestamp", "TimestampColumn", TimestampNames, names, source,
                    wideAllowed ? "; a file with a date column per stage and a current status column is wide form: give -Format Wide" : "");
            var field = FindAmong(normalized, FieldNames, id, status, timestamp);
            var from = FindAmong(normalized, FromNames, id, status, timestamp);
            var lifecycle = FindAmong(normalized, LifecycleNames, id, status, timestamp);
            var start = FindAmong(normalized, StartNames, id, status, timestamp);
            var caseAndActivity = CaseNames.Contains(normalized[id]) && ActivityNames.Contains(normalized[status]);
            if (form == WorkItemLogForm.EventLog
                || (form is null && field < 0 && from < 0 && (lifecycle >= 0 || start >= 0 || caseAndActivity)))
            {
                var events = new WorkItemLogColumns(names, WorkItemLogForm.EventLog, id, timestamp, status, Array.Empty<int>(), Formats(options))
                {
                    Zone = options.TimeZone,
                    Lifecycle = lifecycle,
                    Start = lifecycle >= 0 ? -1 : start,
                };
                return events.Excluding(options, resolution, false, names, source);
            }
            var changelog = form == WorkItemLogForm.Changelog || (form is null && (field >= 0 || from >= 0));
            var columns = new WorkItemLogColumns(names, changelog ? WorkItemLogForm.Changelog : WorkItemLogForm.Long, id, timestamp, status, Array.Empty<int>(), Formats(options))
            {
                Zone = options.TimeZone,
            };
            if (changelog)
            {
                columns.Field = field;
                columns.From = from;
                columns.Created = FindAmong(normalized, CreatedNames, id, status, timestamp);
                columns.CurrentStatus = current;
            }
            return columns.Excluding(options, resolution, changelog && field >= 0, names, source);
        }

        /// <summary>The roles of an XES log's attribute keys: the trace's and the event's concept:name, time:timestamp and lifecycle:transition.</summary>
        public static WorkItemLogColumns ForXes(LogReadOptions options)
        {
            options ??= new LogReadOptions();
            var names = new[] { "concept:name", "time:timestamp", "concept:name", "lifecycle:transition" };
            var xes = new WorkItemLogColumns(names, WorkItemLogForm.EventLog, 0, 1, 2, Array.Empty<int>(), Formats(options))
            {
                Zone = options.TimeZone,
                Lifecycle = 3,
                IsXes = true,
            };
            xes.ExcludeStatuses = Given(options.ExcludeStatuses);
            if (Given(options.ExcludeResolutions) != null)
                throw new InputException("-ExcludeResolution needs a resolution column, and an XES log has none; exclude the discarded outcomes' last activities with -ExcludeStatus");
            return xes;
        }

        private static IReadOnlyList<string>? Given(IReadOnlyList<string>? values)
        {
            var given = values?.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).ToArray();
            return given is { Length: > 0 } ? given : null;
        }

        /// <summary>
        /// Sets what makes an item a discarded outcome. Excluding resolutions needs a resolution column, or a
        /// changelog's field column whose Resolution rows give it; without either it is an error naming the columns.
        /// </summary>
        private WorkItemLogColumns Excluding(LogReadOptions options, int resolution, bool fieldRows, IReadOnlyList<string> names, string? source)
        {
            ExcludeStatuses = Given(options.ExcludeStatuses);
            ExcludeResolutions = Given(options.ExcludeResolutions);
            if (ExcludeResolutions is null) return this;
            Resolution = resolution;
            resolutionFromFieldRows = resolution < 0 && fieldRows;
            if (resolution < 0 && !fieldRows)
                throw Missing("resolution", "ResolutionColumn", ResolutionNames, names, source, " to tell which items -ExcludeResolution excludes");
            return this;
        }

        /// <summary>The name of the column at <paramref name="index"/>, or null for -1.</summary>
        public string? NameOf(int index) => index < 0 ? null : Names[index];

        /// <summary>What was detected, as -Verbose says it: the form, each column's role, and how to correct a wrong guess.</summary>
        public string Describe() => Describe(null);

        /// <summary>What was detected, with what <paramref name="excluded"/> says of the items excluded.</summary>
        internal string Describe(string? excluded)
        {
            string Q(int i) => "'" + Display.Excerpt(Names[i]) + "'";
            var text = new StringBuilder();
            switch (Form)
            {
                case WorkItemLogForm.Wide:
                    text.Append("wide form (a row per item, a date column per stage): id ").Append(Q(Id))
                        .Append(stagesByDates ? ", stages the columns holding dates among " : ", stages ").Append(string.Join(", ", stages.Select(Q)));
                    if (stages.Distinct().Count() > stages.Select(i => Names[i].Trim().ToLowerInvariant()).Distinct().Count())
                        text.Append(" (columns of one name are one stage, entered at the earliest date they give)");
                    break;
                case WorkItemLogForm.Changelog:
                    text.Append("changelog (a row per change of an item): id ").Append(Q(Id)).Append(", timestamp ").Append(Q(Timestamp))
                        .Append(", status entered ").Append(Q(Status));
                    if (Field >= 0) text.Append(", only rows whose ").Append(Q(Field)).Append(" is Status");
                    if (From >= 0) text.Append(", first status from ").Append(Q(From));
                    if (Created >= 0) text.Append(" entered at ").Append(Q(Created));
                    if (CurrentStatus >= 0) text.Append(", current status ").Append(Q(CurrentStatus)).Append(" (for items never moved)");
                    break;
                case WorkItemLogForm.EventLog:
                    text.Append(IsXes ? "XES event log" : "event log").Append(SawStart ? " (start/complete)" : SawEvent || (Lifecycle < 0 && Start < 0) ? " (completion only)" : "");
                    if (IsXes)
                        text.Append(": case the trace's 'concept:name', activity the event's 'concept:name', timestamp 'time:timestamp', lifecycle 'lifecycle:transition'");
                    else
                    {
                        text.Append(": case ").Append(Q(Id)).Append(", activity ").Append(Q(Status));
                        if (Start >= 0) text.Append(", start ").Append(Q(Start)).Append(", complete ").Append(Q(Timestamp));
                        else text.Append(", timestamp ").Append(Q(Timestamp));
                        if (Lifecycle >= 0) text.Append(", lifecycle ").Append(Q(Lifecycle));
                    }
                    text.Append(SawStart ? "; an activity runs from its start to its completion and waits as '<activity> (waiting)' from the previous completion"
                        : "; an activity runs from the previous completion to its own");
                    text.Append(", and a case is in '").Append(EndStatus).Append("' after its last event");
                    break;
                default:
                    text.Append("long form (a row per status change): id ").Append(Q(Id)).Append(", timestamp ").Append(Q(Timestamp))
                        .Append(", status ").Append(Q(Status));
                    break;
            }
            if (Resolution >= 0) text.Append(", resolution ").Append(Q(Resolution));
            else if (resolutionFromFieldRows) text.Append(", resolution from rows whose ").Append(Q(Field)).Append(" is Resolution");
            if (excluded != null) text.Append("; ").Append(excluded);
            text.Append(IsWide ? "; name the stages with -StageColumn, or give -StatusColumn or -Format to read it otherwise"
                : IsXes ? ""
                : Form == WorkItemLogForm.EventLog ? "; give -IdColumn, -TimestampColumn, -StatusColumn, or -Format Long to read each row as a status change"
                : "; give -IdColumn, -TimestampColumn, -StatusColumn or -Format to read it otherwise");
            return text.ToString();
        }

        /// <summary>The form a <see cref="WorkItemLogFormat"/> forces, or null when it leaves the form to the columns.</summary>
        public static WorkItemLogForm? FormOf(WorkItemLogFormat format) => format switch
        {
            WorkItemLogFormat.Long => WorkItemLogForm.Long,
            WorkItemLogFormat.Wide => WorkItemLogForm.Wide,
            WorkItemLogFormat.Changelog => WorkItemLogForm.Changelog,
            WorkItemLogFormat.EventLog => WorkItemLogForm.EventLog,
            _ => null,
        };

        private static int FindAmong(string[] normalized, string[] usual, params int[] taken)
        {
            foreach (var candidate in usual)
                for (var i = 0; i < normalized.Length; i++)
                    if (normalized[i] == candidate && Array.IndexOf(taken, i) < 0) return i;
            return -1;
        }

        private static string[]? Formats(LogReadOptions options) =>
            options.TimestampFormats is { Count: > 0 } given ? given.ToArray() : null;

        /// <summary>A timestamp from <paramref name="length"/> characters of a reader's buffer, read as <see cref="AddRow"/> reads one.</summary>
        public bool TryParseTimestamp(char[] chars, int start, int length, out DateTimeOffset value) =>
            LogTimestamp.TryParse(chars, start, length, formats, Zone, out value);

        private static int Find(string[] normalized, IReadOnlyList<string> names, string? named, string[] usual, string role, string? source,
            int taken1, int taken2, bool required = true)
        {
            if (!string.IsNullOrWhiteSpace(named))
            {
                var wanted = Normalize(named!);
                for (var i = 0; i < normalized.Length; i++)
                    if (normalized[i] == wanted) return i;
                throw new InputException($"there is no {role} column '{Display.Excerpt(named)}'; the columns are {List(names)}", file: source);
            }
            foreach (var candidate in usual)
                for (var i = 0; i < normalized.Length; i++)
                    if (i != taken1 && i != taken2 && normalized[i] == candidate) return i;
            return -1;
        }

        private static InputException Missing(string role, string option, string[] usual, IReadOnlyList<string> names, string? source, string hint = "") =>
            new InputException($"no {role} column found among {List(names)}; name it with {option} (detected names: {string.Join(", ", usual)}){hint}", file: source);

        /// <summary>How many column names a message lists before it only counts the rest.</summary>
        private const int NamesListed = 20;

        private static string List(IReadOnlyList<string> names) => names.Count == 0 ? "(none)" : Display.Names(names, listed: NamesListed);

        /// <summary>
        /// Adds the status changes of one row to <paramref name="builder"/>; a row it cannot read (empty id
        /// or status, a timestamp that is not a date) is skipped with a description starting with
        /// <paramref name="where"/> (e.g. <c>file.csv:12</c>). A row with every cell empty is a blank line and
        /// adds nothing. <paramref name="field"/> gives a column's value by index (null when absent).
        /// </summary>
        public void AddRow(WorkItemLogBuilder builder, Func<int, object?> field, string where)
        {
            if (IsWide) AddWide(builder, field, where);
            else if (Form == WorkItemLogForm.Changelog) AddChange(builder, field, where);
            else if (Form == WorkItemLogForm.EventLog) AddEvent(builder, field, where);
            else AddLong(builder, field, where);
        }

        /// <summary>
        /// A changelog row: a status change when its field is Status (or, without a field column, when it has a
        /// to status), and otherwise only what it says of the item (created date, current status), which gives
        /// an item that never changed status its one status.
        /// </summary>
        private void AddChange(WorkItemLogBuilder builder, Func<int, object?> field, string where)
        {
            var id = Text(field(Id));
            var to = Text(field(Status));
            var isStatus = Field >= 0 ? StatusFields.Contains(Normalize(Text(field(Field)))) : to.Length > 0;
            if (id.Length == 0)
            {
                if (Enumerable.Range(0, Names.Count).Any(i => Text(field(i)).Length > 0))
                    builder.Skip($"{where}: column '{Names[Id]}' is empty; every row needs an item id");
                return;
            }
            DateTimeOffset? created = null;
            if (Created >= 0)
            {
                var value = field(Created);
                if (Text(value).Length > 0)
                {
                    if (!LogTimestamp.TryConvert(value, formats, Zone, out var time))
                    {
                        builder.Skip(NotADate(builder, where, Names[Created], value));
                        return;
                    }
                    created = time;
                }
            }
            var current = CurrentStatus >= 0 ? Text(field(CurrentStatus)) : "";
            if (!isStatus)
            {
                builder.Origin(id, null, null, created, current);
                var resolves = Resolution >= 0 || (resolutionFromFieldRows && Normalize(Text(field(Field))) == "resolution");
                if (resolves && LogTimestamp.TryConvert(field(Timestamp), formats, Zone, out var resolved))
                    builder.Resolution(id, resolved.UtcTicks, Text(field(Resolution >= 0 ? Resolution : Status)));
                return;
            }
            if (to.Length == 0)
            {
                builder.Skip($"{where}: column '{Names[Status]}' is empty; every status change needs the status entered");
                return;
            }
            var timeValue = field(Timestamp);
            if (!LogTimestamp.TryConvert(timeValue, formats, Zone, out var changed))
            {
                builder.Skip(NotADate(builder, where, Names[Timestamp], timeValue));
                return;
            }
            builder.Add(id, changed, to);
            builder.Origin(id, changed, From >= 0 ? Text(field(From)) : null, created, current);
            if (Resolution >= 0) builder.Resolution(id, changed.UtcTicks, Text(field(Resolution)));
        }

        /// <summary>
        /// What a lifecycle transition is: start and resume begin an activity; complete, suspend and the aborts and
        /// skips end it (a suspended activity waits again until it resumes); schedule, assign, reassign and withdraw
        /// change no status. Null for a value that is none of these.
        /// </summary>
        public static EventKind? KindOf(string? transition)
        {
            switch ((transition ?? "").Trim().ToLowerInvariant())
            {
                case "start":
                case "resume":
                    return EventKind.Start;
                case "":
                case "complete":
                case "completed":
                case "suspend":
                case "ate_abort":
                case "pi_abort":
                case "autoskip":
                case "manualskip":
                    return EventKind.Complete;
                case "schedule":
                case "assign":
                case "reassign":
                case "withdraw":
                    return EventKind.None;
                default:
                    return null;
            }
        }

        private const string Transitions = "start, complete, resume, suspend, schedule, assign, reassign, withdraw, ate_abort, pi_abort, autoskip, manualskip";

        /// <summary>An event-log row: one event, or with a start column an activity instance's start and completion.</summary>
        private void AddEvent(WorkItemLogBuilder builder, Func<int, object?> field, string where)
        {
            var id = Text(field(Id));
            var activity = Text(field(Status));
            var timeValue = field(Timestamp);
            if (id.Length == 0 && activity.Length == 0 && Text(timeValue).Length == 0) return;
            if (id.Length == 0)
            {
                builder.Skip($"{where}: column '{Display.Excerpt(Names[Id])}' is empty; every event needs its case id");
                return;
            }
            if (activity.Length == 0)
            {
                builder.Skip($"{where}: column '{Display.Excerpt(Names[Status])}' is empty; every event needs its activity");
                return;
            }
            var kind = EventKind.Complete;
            if (Lifecycle >= 0)
            {
                var transition = Text(field(Lifecycle));
                if (KindOf(transition) is not EventKind known)
                {
                    builder.Skip($"{where}: column '{Display.Excerpt(Names[Lifecycle])}': '{Display.Excerpt(transition)}' is not a lifecycle transition (expected {Transitions})");
                    return;
                }
                kind = known;
            }
            if (!LogTimestamp.TryConvert(timeValue, formats, Zone, out var time))
            {
                builder.Skip(NotADate(builder, where, Names[Timestamp], timeValue));
                return;
            }
            if (Start >= 0 && Text(field(Start)).Length > 0)
            {
                var startValue = field(Start);
                if (!LogTimestamp.TryConvert(startValue, formats, Zone, out var started))
                {
                    builder.Skip(NotADate(builder, where, Names[Start], startValue));
                    return;
                }
                builder.Event(id, started, activity, EventKind.Start);
            }
            builder.Event(id, time, activity, kind);
            if (Resolution >= 0) builder.Resolution(id, time.UtcTicks, Text(field(Resolution)));
        }

        private void AddLong(WorkItemLogBuilder builder, Func<int, object?> field, string where)
        {
            var idValue = field(Id);
            var timeValue = field(Timestamp);
            var statusValue = field(Status);
            var id = Text(idValue);
            var status = Text(statusValue);
            var timeText = timeValue as string;
            if (id.Length == 0 && status.Length == 0 && (timeValue is null || (timeText != null && timeText.Trim().Length == 0))) return;
            if (id.Length == 0)
            {
                builder.Skip($"{where}: column '{Display.Excerpt(Names[Id])}' is empty; every row needs an item id");
                return;
            }
            if (status.Length == 0)
            {
                builder.Skip($"{where}: column '{Display.Excerpt(Names[Status])}' is empty; every row needs a status");
                return;
            }
            if (!LogTimestamp.TryConvert(timeValue, formats, Zone, out var time))
            {
                builder.Skip(NotADate(builder, where, Names[Timestamp], timeValue));
                return;
            }
            builder.Add(id, time, status);
            if (Resolution >= 0) builder.Resolution(id, time.UtcTicks, Text(field(Resolution)));
        }

        /// <remarks>
        /// Columns of the same name (a board with two columns called Done, say) are one stage, entered at the
        /// earliest date any of them gives: a later date in the second is not a second entry.
        /// </remarks>
        private void AddWide(WorkItemLogBuilder builder, Func<int, object?> field, string where)
        {
            var id = Text(field(Id));
            if (id.Length == 0)
            {
                foreach (var s in stages)
                {
                    var v = field(s);
                    if (v != null && Text(v).Length > 0 && (!stagesByDates || LogTimestamp.TryConvert(v, formats, Zone, out _)))
                    {
                        builder.Skip($"{where}: column '{Display.Excerpt(Names[Id])}' is empty; every row needs an item id");
                        return;
                    }
                }
                return;
            }
            itemRows++;
            if (rowOfId != null && repeated is null)
            {
                if (rowOfId.TryGetValue(id, out var first))
                    repeated = $"'{Display.Excerpt(id)}' is on two rows ({Row(builder, first)} and {Row(builder, where)}), so this is not wide form (a row per item) but long form "
                        + $"(a row per status change) whose status column was not found among {List(Names)}; name the status and timestamp columns "
                        + "with -StatusColumn and -TimestampColumn, or give -Format Wide if each row is an item";
                else rowOfId[id] = where;
            }
            // A row per item: its resolution is the last row's.
            if (Resolution >= 0) builder.Resolution(id, long.MaxValue, Text(field(Resolution)));
            for (var k = 0; k < stages.Length; k++) entered[k] = long.MaxValue;
            for (var k = 0; k < stages.Length; k++)
            {
                var value = field(stages[k]);
                if (value is null || (value is string text && text.Trim().Length == 0)) continue;
                if (LogTimestamp.TryConvert(value, formats, Zone, out var time))
                {
                    datesIn[k]++;
                    entered[sameAs[k]] = Math.Min(entered[sameAs[k]], time.UtcTicks);
                }
                else if (!stagesByDates) builder.Skip(NotADate(builder, where, Names[stages[k]], value));
                else if (badCellsIn[k]++ < WorkItemLogBuilder.MaxProblemsKept) problemsIn[k].Add(NotADate(builder, where, Names[stages[k]], value));
            }
            for (var k = 0; k < stages.Length; k++)
                if (entered[k] != long.MaxValue) builder.Add(id, new DateTimeOffset(entered[k], TimeSpan.Zero), Names[stages[k]].Trim());
        }

        /// <summary>
        /// Ends a read. Throws when wide form was guessed from the columns but an id repeats: the file is long form.
        /// Wide form with detected stages keeps as stages the columns that held a date, whose bad
        /// cells are then skipped rows, and drops the others (Release, Components…), which were never stages.
        /// Throws when rows were read but no column held a date: the file is not wide form.
        /// </summary>
        internal void Finish(WorkItemLogBuilder builder)
        {
            if (repeated != null) throw new InputException(repeated, file: builder.Source);
            if (!IsWide || !stagesByDates) return;
            var kept = Enumerable.Range(0, stages.Length).Where(k => datesIn[k] > 0).ToArray();
            if (kept.Length == 0 && itemRows > 0)
                throw new InputException(
                    $"no column beside the id column '{Display.Excerpt(Names[Id])}' holds a date, so this is not wide form (a date column per stage); the columns are {List(Names)}; "
                    + "name the status and timestamp columns with -StatusColumn and -TimestampColumn, or the stage columns with -StageColumn", file: builder.Source);
            foreach (var k in kept)
                foreach (var problem in problemsIn[k]) builder.Skip(problem);
            builder.SkipUndescribed(kept.Sum(k => badCellsIn[k] - problemsIn[k].Count));
            stages = kept.Select(k => stages[k]).ToArray();
            stagesByDates = false;
        }

        // "file:12" as "line 12" in a message the file already prefixes; "input object 3" as it is.
        private static string Row(WorkItemLogBuilder builder, string where) =>
            builder.Source is string file && where.StartsWith(file + ":", StringComparison.Ordinal) ? "line " + where.Substring(file.Length + 1) : where;

        private string NotADate(WorkItemLogBuilder builder, string where, string column, object? value)
        {
            var text = value is null ? "" : Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
            if (text.Trim().Length == 0) return $"{where}: column '{Display.Excerpt(column)}' is empty; every row needs a timestamp";
            var expected = formats is null ? LogTimestamp.Expected
                : "expected " + string.Join(", ", formats.Select(f => "'" + Display.Excerpt(f) + "'")) + " or " + LogTimestamp.Expected.Substring("expected ".Length);
            var problem = $"{where}: column '{Display.Excerpt(column)}': '{Display.Excerpt(text)}' is not a date ({expected})";
            // Messages quote the first problem: only it needs the search for a format that reads the value.
            return builder.SkippedRows == 0 && LogTimestamp.Suggest(text) is string format
                ? problem + $"; give -TimestampFormat '{format}'"
                : problem;
        }

        /// <summary>A value as a problem description quotes it: line breaks escaped, at most 80 characters.</summary>
        private static string Text(object? value) => value switch
        {
            null => "",
            string s => s.Trim(),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture).Trim(),
            _ => (value.ToString() ?? "").Trim(),
        };
    }
}
