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
}
