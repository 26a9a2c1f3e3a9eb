using System;
using Sylvan.Data.Csv;

namespace ConstraintTools.Logs
{
    /// <summary>
    /// Adds a long-form CSV row that reads cleanly (id, timestamp and status present, the timestamp in
    /// a known format) straight from the CSV reader's fields: no string for the timestamp, none for an
    /// id or status seen recently, no location string. Any other row is left to
    /// <see cref="WorkItemLogColumns.AddRow"/>, which decides what it is and describes what is wrong,
    /// so both paths give the same log.
    /// </summary>
    internal sealed class LongFormCsvRows
    {
        private readonly CsvDataReader csv;
        private readonly int id;
        private readonly int timestamp;
        private readonly int status;
        private readonly int fieldsNeeded;
        private readonly RecentStrings strings = new RecentStrings();
        private char[] chars = new char[256];

        public LongFormCsvRows(CsvDataReader csv, WorkItemLogColumns columns)
        {
            this.csv = csv;
            id = columns.Id;
            timestamp = columns.Timestamp;
            status = columns.Status;
            fieldsNeeded = Math.Max(id, Math.Max(timestamp, status)) + 1;
        }

        /// <summary>Adds the current row and returns true, or returns false having added nothing.</summary>
        public bool TryAdd(WorkItemLogBuilder builder)
        {
            if (csv.RowFieldCount < fieldsNeeded) return false;
            var itemId = Text(id);
            if (itemId is null) return false;
            var statusName = Text(status);
            if (statusName is null) return false;
            var length = Field(timestamp);
            if (!LogTimestamp.TryParse(chars, 0, length, out var time)) return false;
            builder.Add(itemId, time, statusName);
            return true;
        }

        /// <summary>A field trimmed as <see cref="string.Trim()"/> trims it; null when nothing is left.</summary>
        private string? Text(int column)
        {
            var end = Field(column);
            var start = 0;
            while (start < end && char.IsWhiteSpace(chars[start])) start++;
            while (end > start && char.IsWhiteSpace(chars[end - 1])) end--;
            return start == end ? null : strings.Get(chars, start, end - start);
        }

        /// <summary>Copies a field into <see cref="chars"/> and returns its length.</summary>
        private int Field(int column)
        {
            int length;
            // A field that fills the buffer may have been cut short: grow it and copy again.
            while ((length = (int)csv.GetChars(column, 0, chars, 0, chars.Length)) == chars.Length) chars = new char[chars.Length * 2];
            return length;
        }
    }
}
