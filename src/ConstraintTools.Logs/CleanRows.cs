using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using ConstraintTools.Notation;
using Sylvan.Data.Csv;

namespace ConstraintTools.Logs
{
    /// <summary>
    /// Adds a long-form row that reads cleanly (id, timestamp and status present, the timestamp in a
    /// known format) straight from the reader's buffer: no string for the timestamp, none for an id or
    /// status seen recently, no location string. Any other row is left to
    /// <see cref="WorkItemLogColumns.AddRow"/>, which decides what it is and describes what is wrong,
    /// so both paths give the same log.
    /// </summary>
    internal abstract class CleanRows
    {
        private readonly RecentStrings strings = new RecentStrings();
        private char[] chars = new char[256];

        /// <summary>Copies a column's value of the current row into <see cref="Room"/>'s buffer and returns its length, or -1 when the value is not plain text.</summary>
        protected abstract int Copy(int column);

        /// <summary>The buffer <see cref="Copy"/> fills, with room for at least <paramref name="length"/> characters.</summary>
        protected char[] Room(int length)
        {
            if (length > chars.Length) chars = new char[Math.Max(length, chars.Length * 2)];
            return chars;
        }

        /// <summary>Adds the current row and returns true, or returns false having added nothing.</summary>
        protected bool TryAdd(WorkItemLogColumns columns, WorkItemLogBuilder builder)
        {
            var itemId = Text(columns.Id);
            if (itemId is null) return false;
            var status = Text(columns.Status);
            if (status is null) return false;
            var length = Copy(columns.Timestamp);
            if (length < 0 || !columns.TryParseTimestamp(chars, 0, length, out var time)) return false;
            builder.Add(itemId, time, status);
            return true;
        }

        /// <summary>A value trimmed as <see cref="string.Trim()"/> trims it; null when nothing is left or the value is not plain text.</summary>
        private string? Text(int column)
        {
            var end = Copy(column);
            var start = 0;
            while (start < end && char.IsWhiteSpace(chars[start])) start++;
            while (end > start && char.IsWhiteSpace(chars[end - 1])) end--;
            return start >= end ? null : strings.Get(chars, start, end - start);
        }
    }

    /// <summary>Clean rows of a long-form CSV, read from the CSV reader's fields.</summary>
    internal sealed class CleanCsvRows : CleanRows
    {
        private readonly CsvDataReader csv;
        private readonly WorkItemLogColumns columns;
        private readonly int fieldsNeeded;

        public CleanCsvRows(CsvDataReader csv, WorkItemLogColumns columns)
        {
            this.csv = csv;
            this.columns = columns;
            fieldsNeeded = Math.Max(columns.Id, Math.Max(columns.Timestamp, columns.Status)) + 1;
        }

        /// <summary>Adds the CSV reader's current row and returns true, or returns false having added nothing.</summary>
        public bool TryAdd(WorkItemLogBuilder builder) => csv.RowFieldCount >= fieldsNeeded && TryAdd(columns, builder);

        protected override int Copy(int column)
        {
            var buffer = Room(0);
            int length;
            // A field that fills the buffer may have been cut short: grow it and copy again.
            while ((length = (int)csv.GetChars(column, 0, buffer, 0, buffer.Length)) == buffer.Length) buffer = Room(buffer.Length * 2);
            return length;
        }
    }

    /// <summary>
    /// Clean lines of a JSON-lines log: a single object whose property names are the ones its columns
    /// were found among, with the id, timestamp and status as strings without escapes.
    /// </summary>
    internal sealed class CleanJsonLines : CleanRows
    {
        private static readonly JsonReaderOptions Options = new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

        private byte[] utf8 = Array.Empty<byte>();
        // The names as UTF-8, compared with each line's without transcoding them every time.
        private IReadOnlyList<string>? encodedNames;
        private byte[][] utf8Names = Array.Empty<byte[]>();
        private int[] valueStart = new int[8];
        private int[] valueLength = new int[8];

        /// <summary>Adds one line, already encoded as <paramref name="length"/> bytes of UTF-8, and returns true, or returns false having added nothing.</summary>
        public bool TryAdd(byte[] line, int length, IReadOnlyList<string> names, WorkItemLogColumns columns, WorkItemLogBuilder builder)
        {
            utf8 = line;
            try
            {
                if (!Locate(new Utf8JsonReader(new ReadOnlySpan<byte>(line, 0, length), Options), names)) return false;
            }
            catch (JsonException)
            {
                return false;
            }
            return TryAdd(columns, builder);
        }

        /// <summary>Finds where each property's value lies when the line is one object with exactly these property names.</summary>
        private bool Locate(Utf8JsonReader reader, IReadOnlyList<string> names)
        {
            if (!ReferenceEquals(names, encodedNames))
            {
                encodedNames = names;
                utf8Names = new byte[names.Count][];
                for (var i = 0; i < names.Count; i++) utf8Names[i] = Encoding.UTF8.GetBytes(names[i]);
                valueStart = new int[names.Count];
                valueLength = new int[names.Count];
            }
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            var property = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (property == names.Count || !reader.ValueTextEquals(utf8Names[property])) return false;
                reader.Read();
                valueStart[property] = -1;
                if (reader.TokenType == JsonTokenType.String && !reader.HasValueSequence && reader.ValueSpan.IndexOf((byte)'\\') < 0)
                {
                    valueStart[property] = (int)reader.TokenStartIndex + 1;
                    valueLength[property] = reader.ValueSpan.Length;
                }
                else if (reader.TokenType == JsonTokenType.StartObject || reader.TokenType == JsonTokenType.StartArray)
                {
                    reader.Skip();
                }
                property++;
            }
            return reader.TokenType == JsonTokenType.EndObject && property == names.Count && !reader.Read();
        }

        protected override int Copy(int column)
        {
            if (valueStart[column] < 0) return -1;
            return Encoding.UTF8.GetChars(utf8, valueStart[column], valueLength[column], Room(valueLength[column]), 0);
        }
    }
}
