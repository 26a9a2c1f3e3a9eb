namespace ConstraintTools
{
    /// <summary>What a log's rows are.</summary>
    public enum WorkItemLogForm
    {
        /// <summary>A row per status change: item id, timestamp, status entered.</summary>
        Long,

        /// <summary>
        /// A row per change of an item, as Jira and similar tools export their history: a field column (only
        /// rows whose field is Status are status changes) or a from column beside the to column; the first
        /// change's from status, entered at the item's created date, is the item's first status.
        /// </summary>
        Changelog,

        /// <summary>A row per item with a column per stage holding the date the item entered it.</summary>
        Wide,

        /// <summary>
        /// A process-mining event log (CSV or XES): a row per event of a case, naming its activity, with a lifecycle
        /// transition (start, complete) or as a completion alone. Events become status changes: an activity is its
        /// status from its start (or, without one, the previous completion) to its completion, the time from the
        /// previous completion to a start is the status "activity (waiting)", and after its last event a case is in
        /// the status "(end)".
        /// </summary>
        EventLog,
    }
}
