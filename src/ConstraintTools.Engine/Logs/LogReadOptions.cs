using System.Collections.Generic;

namespace ConstraintTools
{
    /// <summary>How a work-item log file is laid out.</summary>
    public enum WorkItemLogFormat
    {
        /// <summary>JSON lines when the file is named *.jsonl / *.ndjson or starts with '{'; otherwise CSV: changelog when it has a field or from column, long form when it has a status column and wide form when it has none.</summary>
        Auto,

        /// <summary>CSV with one row per status change: item id, timestamp, new status.</summary>
        Long,

        /// <summary>CSV with one row per item and a column per stage holding the date the item entered it (an empty cell: never entered).</summary>
        Wide,

        /// <summary>One JSON object per line, with the same property names as long-form or changelog columns.</summary>
        JsonLines,

        /// <summary>
        /// CSV with one row per change of an item (a Jira changelog export): only rows whose field column says
        /// Status are status changes, and the first change's from status, entered at the item's created date,
        /// is the item's first status. Auto takes it when there is a field or from column.
        /// </summary>
        Changelog,

        /// <summary>
        /// A process-mining event log: CSV with case, activity and timestamp columns (and a lifecycle:transition
        /// column, or a start and a complete timestamp per row), or XES (*.xes, *.xes.gz). Auto takes it for an XES
        /// file, and for a CSV file with a lifecycle or start column, or named case and activity columns.
        /// </summary>
        EventLog,
    }

    /// <summary>What an event of an event log does to its activity.</summary>
    public enum EventKind
    {
        /// <summary>Changes no status (schedule, assign).</summary>
        None,

        /// <summary>The activity starts (or resumes): the case is in it from now.</summary>
        Start,

        /// <summary>The activity completes (or is suspended): the case waits for what comes next.</summary>
        Complete,
    }

    /// <summary>
    /// Which columns of a log hold what. Every name is optional: unnamed columns are detected from the
    /// usual names, compared ignoring case, spaces and underscores (see <see cref="WorkItemLogColumns"/>).
    /// </summary>
    public sealed class LogReadOptions
    {
        /// <summary>The column holding the item id (detected from id, key, issue, issuekey, item, workitemid, case:concept:name).</summary>
        public string? IdColumn { get; set; }

        /// <summary>The column holding when the change happened (detected from timestamp, date, changed, changeddate, created, time, time:timestamp, updated).</summary>
        public string? TimestampColumn { get; set; }

        /// <summary>The column holding the status entered (detected from status, state, to, tostatus, newstatus, concept:name).</summary>
        public string? StatusColumn { get; set; }

        /// <summary>Long, wide or JSON lines; <see cref="WorkItemLogFormat.Auto"/> decides from the file.</summary>
        public WorkItemLogFormat Format { get; set; } = WorkItemLogFormat.Auto;

        /// <summary>
        /// Exact formats of the timestamps (invariant culture, such as <c>M/d/yyyy h:mm tt</c> or <c>dd.MM.yyyy</c>),
        /// tried in order before the usual forms of <see cref="LogTimestamp"/>; a format without an offset is UTC.
        /// </summary>
        public IReadOnlyList<string>? TimestampFormats { get; set; }

        /// <summary>
        /// The zone a timestamp without an offset, or a date alone, was written in (null: UTC). The log keeps it, and
        /// day and week buckets (cumulative flow, forecasts) are that zone's days.
        /// </summary>
        public System.TimeZoneInfo? TimeZone { get; set; }

        /// <summary>Wide form: the stage columns, in order; when empty every column but the id column is a stage.</summary>
        public IReadOnlyList<string>? StageColumns { get; set; }

        /// <summary>
        /// Discarded outcomes by status: an item whose final status is one of these (Won't Do, Duplicate), compared
        /// ignoring case, is not finished: it counts in no throughput or lead time, though its time in the stages
        /// before it was discarded is measured as any item's is.
        /// </summary>
        public IReadOnlyList<string>? ExcludeStatuses { get; set; }

        /// <summary>Discarded outcomes by resolution: an item whose last resolution is one of these, compared ignoring case, is not finished.</summary>
        public IReadOnlyList<string>? ExcludeResolutions { get; set; }

        /// <summary>The column holding an item's resolution (detected from resolution, state_reason, reason, System.Reason); read only with <see cref="ExcludeResolutions"/>.</summary>
        public string? ResolutionColumn { get; set; }
    }
}
