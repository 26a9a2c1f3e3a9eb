using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace ConstraintTools
{
    /// <summary>
    /// Which columns of a log hold the item id, the timestamp and the status (long form), or the id
    /// and the stages (wide form), and how one row becomes status changes. Shared by the file readers
    /// and the cmdlet that converts pipeline objects, so both detect the same names.
    /// </summary>
    /// <remarks>
    /// Names are compared ignoring case, spaces and underscores. Detected, in order of preference:
    /// id ← id, key, issue, issuekey, item, workitemid, case:concept:name; timestamp ← timestamp, date,
    /// changed, changeddate, created, time, time:timestamp, updated; status ← status, state, to,
    /// tostatus, newstatus, concept:name. Named columns override detection. Other columns are ignored
    /// in long form; in wide form every column but the id is a stage unless the stages are named,
    /// except common descriptive columns (title, summary, type, assignee, …).
    /// </remarks>
    public sealed class WorkItemLogColumns
    {
        private static readonly string[] IdNames = { "id", "key", "issue", "issuekey", "item", "workitemid", "case:concept:name" };
        private static readonly string[] TimestampNames = { "timestamp", "date", "changed", "changeddate", "created", "time", "time:timestamp", "updated" };
        private static readonly string[] StatusNames = { "status", "state", "to", "tostatus", "newstatus", "concept:name" };
        private static readonly HashSet<string> Descriptive = new HashSet<string>(StringComparer.Ordinal)
        {
            "title", "summary", "name", "type", "issuetype", "workitemtype", "assignee", "assignedto", "reporter", "priority",
            "description", "labels", "tags", "project", "url", "link", "points", "storypoints", "estimate", "size", "team",
        };

        private readonly int[] stages;
        private readonly string[]? formats;

        private WorkItemLogColumns(IReadOnlyList<string> names, bool wide, int id, int timestamp, int status, int[] stages, string[]? formats)
        {
            this.formats = formats;
            Names = names;
            IsWide = wide;
            Id = id;
            Timestamp = timestamp;
            Status = status;
            this.stages = stages;
        }

        /// <summary>The column names as they appear in the source.</summary>
        public IReadOnlyList<string> Names { get; }

        /// <summary>One row per item with a column per stage; otherwise one row per status change.</summary>
        public bool IsWide { get; }

        /// <summary>Index in <see cref="Names"/> of the item id column.</summary>
        public int Id { get; }

        /// <summary>Index of the timestamp column; -1 in wide form.</summary>
        public int Timestamp { get; }

        /// <summary>Index of the status column; -1 in wide form.</summary>
        public int Status { get; }

        /// <summary>Wide form: indexes of the stage columns, in order; empty in long form.</summary>
        public IReadOnlyList<int> Stages => stages;

        /// <summary>A name reduced for comparison: lower case, without spaces or underscores.</summary>
        public static string Normalize(string name)
        {
            var text = new StringBuilder(name.Length);
            foreach (var c in name.Trim())
                if (c != ' ' && c != '_' && c != '\t' && c != '\uFEFF') text.Append(char.ToLowerInvariant(c));
            return text.ToString();
        }

        /// <summary>
        /// Finds the columns among <paramref name="names"/>. <paramref name="wide"/> forces long (false)
        /// or wide (true) form; null decides: wide when there is an id column but no status column.
        /// Throws a <see cref="WorkflowException"/> naming the columns found when a needed one is missing.
        /// </summary>
        public static WorkItemLogColumns Resolve(IReadOnlyList<string> names, LogReadOptions options, bool? wide, string? source)
        {
            if (names is null) throw new ArgumentNullException(nameof(names));
            options ??= new LogReadOptions();
            var normalized = names.Select(n => Normalize(n ?? "")).ToArray();
            var id = Find(normalized, names, options.IdColumn, IdNames, "id", source, -1, -1);
            var status = Find(normalized, names, options.StatusColumn, StatusNames, "status", source, id, -1, required: false);
            var isWide = wide ?? (id >= 0 && status < 0 && options.StatusColumn is null && options.TimestampColumn is null);
            if (id < 0) throw Missing("item id", "IdColumn", IdNames, names, source);
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
                        .Where(i => i != id && normalized[i].Length > 0 && !Descriptive.Contains(normalized[i]))
                        .ToArray();
                }
                if (stageColumns.Length == 0)
                    throw new WorkflowException($"wide form needs a column per stage beside the id column '{Display.Excerpt(names[id])}'; the columns are {List(names)}", file: source);
                return new WorkItemLogColumns(names, true, id, -1, -1, stageColumns, Formats(options));
            }
            if (status < 0) throw Missing("status", "StatusColumn", StatusNames, names, source);
            var timestamp = Find(normalized, names, options.TimestampColumn, TimestampNames, "timestamp", source, id, status, required: false);
            if (timestamp < 0) throw Missing("timestamp", "TimestampColumn", TimestampNames, names, source);
            return new WorkItemLogColumns(names, false, id, timestamp, status, Array.Empty<int>(), Formats(options));
        }

        private static string[]? Formats(LogReadOptions options) =>
            options.TimestampFormats is { Count: > 0 } given ? given.ToArray() : null;

        /// <summary>A timestamp from <paramref name="length"/> characters of a reader's buffer, read as <see cref="AddRow"/> reads one.</summary>
        public bool TryParseTimestamp(char[] chars, int start, int length, out DateTimeOffset value) =>
            LogTimestamp.TryParse(chars, start, length, formats, out value);

        private static int Find(string[] normalized, IReadOnlyList<string> names, string? named, string[] usual, string role, string? source,
            int taken1, int taken2, bool required = true)
        {
            if (!string.IsNullOrWhiteSpace(named))
            {
                var wanted = Normalize(named!);
                for (var i = 0; i < normalized.Length; i++)
                    if (normalized[i] == wanted) return i;
                throw new WorkflowException($"there is no {role} column '{Display.Excerpt(named)}'; the columns are {List(names)}", file: source);
            }
            foreach (var candidate in usual)
                for (var i = 0; i < normalized.Length; i++)
                    if (i != taken1 && i != taken2 && normalized[i] == candidate) return i;
            return -1;
        }

        private static WorkflowException Missing(string role, string option, string[] usual, IReadOnlyList<string> names, string? source) =>
            new WorkflowException($"no {role} column found among {List(names)}; name it with {option} (detected names: {string.Join(", ", usual)})", file: source);

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
            else AddLong(builder, field, where);
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
            if (!LogTimestamp.TryConvert(timeValue, formats, out var time))
            {
                builder.Skip(NotADate(builder, where, Names[Timestamp], timeValue));
                return;
            }
            builder.Add(id, time, status);
        }

        private void AddWide(WorkItemLogBuilder builder, Func<int, object?> field, string where)
        {
            var id = Text(field(Id));
            if (id.Length == 0)
            {
                foreach (var s in stages)
                {
                    var v = field(s);
                    if (v != null && Text(v).Length > 0)
                    {
                        builder.Skip($"{where}: column '{Display.Excerpt(Names[Id])}' is empty; every row needs an item id");
                        return;
                    }
                }
                return;
            }
            foreach (var s in stages)
            {
                var value = field(s);
                if (value is null || (value is string text && text.Trim().Length == 0)) continue;
                if (LogTimestamp.TryConvert(value, formats, out var time)) builder.Add(id, time, Names[s].Trim());
                else builder.Skip(NotADate(builder, where, Names[s], value));
            }
        }

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
