using System.Collections.Generic;

namespace ConstraintTools
{
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
