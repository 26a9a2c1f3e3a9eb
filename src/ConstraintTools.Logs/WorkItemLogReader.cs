using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using ConstraintTools.Notation;
using Sylvan.Data.Csv;

namespace ConstraintTools.Logs
{
    /// <summary>
    /// Reads work-item logs from CSV (long or wide form, changelogs, event logs), JSON lines and XES, streaming: the file is read
    /// once through a small buffer and only the status changes kept take memory.
    /// </summary>
    /// <remarks>
    /// Rows that cannot be read are skipped and described (file:line: column 'x': what is wrong) on the
    /// log, never silently dropped. CSV line numbers are physical lines of the file: the header is line 1
    /// and a quoted field spanning lines moves later rows down. Timestamps: see <see cref="LogTimestamp"/>;
    /// one without an offset is taken as UTC.
    /// </remarks>
    public static class WorkItemLogReader
    {
        /// <summary>
        /// The most characters one CSV record or JSON line may hold: 16 Mi, 16 MB of plain text. A row of a
        /// work-item log holds a few hundred; one this long is a quote left open or junk, and reading a line
        /// takes a few times its size (its characters, its UTF-8, the strings made from it), so without a
        /// limit one line of a gigabyte would take several and end in an OutOfMemoryException.
        /// </summary>
        public const int MaxRecordChars = 1 << 24;

        /// <summary>
        /// Progress is reported after every this many bytes read rather than every so many rows, so that it
        /// keeps coming however long the rows are: a caller that stops the read from the progress callback
        /// (Ctrl+C in the cmdlet) is heard within a megabyte.
        /// </summary>
        private const long ProgressEveryBytes = 1 << 20;

        /// <summary>
        /// Reads one log file, or a named pipe. <paramref name="progress"/>, when given, is called now and then
        /// with the bytes read so far and the file's length (-1 for a pipe, which states none). Throws
        /// <see cref="InputException"/> when the columns cannot be found and <see cref="IOException"/> when
        /// the file cannot be read or shrinks while it is read. <paramref name="columnsFound"/>, when given, is
        /// told the columns as soon as they are found (again when JSON lines change their properties), so that
        /// what was detected can be said before a long read ends.
        /// </summary>
        public static WorkItemLog Read(string path, LogReadOptions? options = null, Action<long, long>? progress = null, Action<WorkItemLogColumns>? columnsFound = null) =>
            Read(path, options, progress, columnsFound, XesReader.MaxDocumentChars);

        /// <param name="maxXesChars">The most characters an XES document may hold; tests give less than <see cref="XesReader.MaxDocumentChars"/>.</param>
        internal static WorkItemLog Read(string path, LogReadOptions? options, Action<long, long>? progress, Action<WorkItemLogColumns>? columnsFound, long maxXesChars)
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            options ??= new LogReadOptions();
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            var length = file.CanSeek ? file.Length : -1;
            var stream = new CountingReadStream(file);
            var builder = new WorkItemLogBuilder { Source = path };
            Action<WorkItemLogColumns> found = columns =>
            {
                builder.Columns = columns;
                columnsFound?.Invoke(columns);
            };
            // A changelog or long form may be JSON lines as well as CSV; only wide form is CSV alone.
            var head = stream.Peek(256);
            var xes = (options.Format == WorkItemLogFormat.Auto || options.Format == WorkItemLogFormat.EventLog) && XesReader.IsXes(path, head);
            var json = !xes && (options.Format == WorkItemLogFormat.JsonLines
                || (options.Format != WorkItemLogFormat.Wide && options.Format != WorkItemLogFormat.EventLog && Detect(path, head) == WorkItemLogFormat.JsonLines));
            if (xes)
            {
                // A plain document's size is known before it is read: one too long is refused before any work.
                if (!XesReader.IsGzip(head) && length > maxXesChars)
                    throw new InputException(string.Format(CultureInfo.InvariantCulture,
                        "the file is {0:N0} bytes, more than the {1:N0} characters an XES log may hold; split the log", length, maxXesChars), file: path);
                XesReader.Read(stream, XesReader.IsGzip(head), length, path, options, builder, progress, found, maxXesChars);
            }
            else if (json) ReadJsonLines(stream, length, path, options, builder, progress, found);
            else ReadCsv(stream, length, path, options, WorkItemLogColumns.FormOf(options.Format), builder, progress, found);
            // A file cut short while it is read ends early and would read as a whole log of fewer items. One
            // that grows is read to its new end, as a log being written should be.
            if (stream.BytesRead < length)
                throw new IOException(string.Format(CultureInfo.InvariantCulture,
                    "'{0}' shrank while it was read: it was {1:N0} bytes when the read began and its end came after {2:N0}, so what was read is not the whole log. Read it again once nothing is cutting it short.",
                    Display.FilePath(path), length, stream.BytesRead));
            progress?.Invoke(stream.BytesRead, length < 0 ? stream.BytesRead : length);
            return builder.Build();
        }

        private static WorkItemLogFormat Detect(string path, byte[] head)
        {
            var extension = Path.GetExtension(path).ToLowerInvariant();
            if (extension == ".jsonl" || extension == ".ndjson") return WorkItemLogFormat.JsonLines;
            if (extension == ".csv" || extension == ".tsv") return WorkItemLogFormat.Auto;
            var i = 0;
            while (i + 2 < head.Length && head[i] == 0xEF && head[i + 1] == 0xBB && head[i + 2] == 0xBF) i += 3;
            while (i < head.Length && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) i++;
            return i < head.Length && head[i] == '{' ? WorkItemLogFormat.JsonLines : WorkItemLogFormat.Auto;
        }

        /// <summary>
        /// The file as text. The reader takes one byte-order mark off; a file saved twice by tools that each add one
        /// holds more, and the next would start the first column's name or the first JSON line.
        /// </summary>
        private static StreamReader OpenText(CountingReadStream stream)
        {
            var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
            while (text.Peek() == '\uFEFF') text.Read();
            return text;
        }

        private static void ReadCsv(CountingReadStream stream, long length, string path, LogReadOptions options, WorkItemLogForm? form, WorkItemLogBuilder builder, Action<long, long>? progress, Action<WorkItemLogColumns> found)
        {
            using var text = OpenText(stream);
            var csvOptions = new CsvDataReaderOptions
            {
                HasHeaders = true,
                // Left unset, the reader takes the delimiter from the header row: comma, tab, semicolon (Excel in
                // much of Europe) or bar.
                MaxBufferSize = MaxRecordChars,
                OwnsReader = false,
            };
            long next = 1;
            try
            {
                ReadCsvRows(text, csvOptions, path, options, form, builder, progress, found, stream, length, ref next);
            }
            catch (CsvMissingHeadersException)
            {
                throw new InputException("the file is empty; a log needs a header row naming its columns", file: path);
            }
            catch (CsvRecordTooLargeException ex)
            {
                throw new InputException(
                    string.Format(CultureInfo.InvariantCulture, "the record that starts on this line is longer than 16 MB ({0:N0} characters), the most a log record may hold; a quote that is never closed makes the rest of the file one record", MaxRecordChars),
                    file: path, line: (int)Math.Min(int.MaxValue, next), inner: ex);
            }
            catch (Exception ex) when (ex.GetType().Namespace == typeof(CsvDataReader).Namespace)
            {
                throw new InputException($"the CSV is malformed near line {next}: {ex.Message}", file: path, line: (int)Math.Min(int.MaxValue, next), inner: ex);
            }
        }

        private static void ReadCsvRows(TextReader text, CsvDataReaderOptions csvOptions, string path, LogReadOptions options, WorkItemLogForm? form,
            WorkItemLogBuilder builder, Action<long, long>? progress, Action<WorkItemLogColumns> found, CountingReadStream stream, long length, ref long next)
        {
            using var csv = CsvDataReader.Create(text, csvOptions);
            var names = new string[csv.FieldCount];
            for (var i = 0; i < names.Length; i++) names[i] = csv.GetName(i);
            next = 2;
            var columns = WorkItemLogColumns.Resolve(names, options, form, path);
            found(columns);

            // Physical lines: a record's raw text ends with its line break, so the next record starts
            // as many lines further down as the raw text holds breaks (quoted fields may hold more).
            var raw = new char[4096];
            Func<int, object?> field = i => i < csv.RowFieldCount ? csv.GetString(i) : null;
            var cleanRows = columns.IsPlainLong ? new CleanCsvRows(csv, columns) : null;
            var nextProgress = ProgressEveryBytes;
            while (csv.Read())
            {
                var line = next;
                if (cleanRows is null || !cleanRows.TryAdd(builder)) columns.AddRow(builder, field, Location(path, line));
                next = line + Math.Max(1, LineBreaks(csv, ref raw));
                if (progress != null && stream.BytesRead >= nextProgress) nextProgress = Progress(progress, stream, length);
            }
        }

        private static long Progress(Action<long, long> progress, CountingReadStream stream, long length)
        {
            var read = stream.BytesRead;
            progress(read, length);
            return read + ProgressEveryBytes;
        }

        private static string Location(string path, long line) => Display.FilePath(path) + ":" + line.ToString(CultureInfo.InvariantCulture);

        /// <summary>Line breaks inside the current record (quoted fields holding new lines).</summary>
        private static int LineBreaks(CsvDataReader csv, ref char[] raw)
        {
            var length = csv.GetRawRecord(null!, 0);
            if (length > raw.Length) raw = new char[Math.Max(length, raw.Length * 2)];
            length = csv.GetRawRecord(raw, 0);
            var breaks = 0;
            // Most records hold one break, at their end: a vectorised search finds it in one call.
            var rest = new ReadOnlySpan<char>(raw, 0, length);
            int at;
            while ((at = rest.IndexOfAny('\r', '\n')) >= 0)
            {
                breaks++;
                var next = at + (rest[at] == '\r' && at + 1 < rest.Length && rest[at + 1] == '\n' ? 2 : 1);
                if (next == rest.Length) break;
                rest = rest.Slice(next);
            }
            return breaks;
        }

        private static void ReadJsonLines(CountingReadStream stream, long length, string path, LogReadOptions options, WorkItemLogBuilder builder, Action<long, long>? progress, Action<WorkItemLogColumns> found)
        {
            using var text = OpenText(stream);
            var names = new List<string>();
            var values = new List<object?>();
            string[]? lastNames = null;
            WorkItemLogColumns? columns = null;
            Func<int, object?> field = i => i < values.Count ? values[i] : null;
            var cleanLines = new CleanJsonLines();
            var utf8 = new byte[4096];
            var lines = new TextLines(text, MaxRecordChars);
            var nextProgress = ProgressEveryBytes;
            long line = 0;
            while (lines.Next())
            {
                line++;
                if (progress != null && stream.BytesRead >= nextProgress) nextProgress = Progress(progress, stream, length);
                if (lines.TooLong)
                {
                    builder.Skip(string.Format(CultureInfo.InvariantCulture, "{0}: the line is {1:N0} characters long; a log line may be at most 16 MB ({2:N0} characters)",
                        Location(path, line), lines.FullLength, MaxRecordChars));
                    continue;
                }
                var content = lines.Chars;
                var chars = lines.Length;
                if (IsBlank(content, chars)) continue;
                if (utf8.Length < Encoding.UTF8.GetMaxByteCount(chars)) utf8 = new byte[Encoding.UTF8.GetMaxByteCount(chars)];
                var count = Encoding.UTF8.GetBytes(content, 0, chars, utf8, 0);
                if (columns != null && columns.IsPlainLong && cleanLines.TryAdd(utf8, count, lastNames!, columns, builder)) continue;
                var where = Location(path, line);
                names.Clear();
                values.Clear();
                try
                {
                    ParseObject(new ReadOnlySpan<byte>(utf8, 0, count), names, values);
                }
                catch (JsonException ex)
                {
                    builder.Skip($"{where}: not a JSON object ({ex.Message.Split('.')[0]})");
                    continue;
                }
                catch (InvalidOperationException ex)
                {
                    builder.Skip($"{where}: not a JSON object ({ex.Message})");
                    continue;
                }
                if (columns is null || !SameNames(lastNames!, names))
                {
                    lastNames = names.ToArray();
                    try
                    {
                        columns = WorkItemLogColumns.Resolve(lastNames, options, WorkItemLogColumns.FormOf(options.Format), path, wideAllowed: false);
                        found(columns);
                    }
                    catch (InputException ex)
                    {
                        columns = null;
                        builder.Skip($"{where}: {ex.Reason}");
                        continue;
                    }
                }
                columns.AddRow(builder, field, where);
            }
        }

        private static bool IsBlank(char[] chars, int length)
        {
            for (var i = 0; i < length; i++)
                if (!char.IsWhiteSpace(chars[i])) return false;
            return true;
        }

        private static bool SameNames(string[] last, List<string> names)
        {
            if (last.Length != names.Count) return false;
            for (var i = 0; i < last.Length; i++)
                if (!string.Equals(last[i], names[i], StringComparison.Ordinal)) return false;
            return true;
        }

        /// <summary>The top-level properties of one JSON object: strings as text, numbers as their text, nested values as null.</summary>
        private static void ParseObject(ReadOnlySpan<byte> utf8, List<string> names, List<object?> values)
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw new InvalidOperationException("the line does not start with '{'");
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndObject) break;
                var name = reader.GetString() ?? "";
                reader.Read();
                object? value;
                switch (reader.TokenType)
                {
                    case JsonTokenType.String:
                        value = reader.GetString();
                        break;
                    case JsonTokenType.Number:
                        value = Encoding.UTF8.GetString(reader.ValueSpan.ToArray());
                        break;
                    case JsonTokenType.True:
                        value = "true";
                        break;
                    case JsonTokenType.False:
                        value = "false";
                        break;
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        reader.Skip();
                        value = null;
                        break;
                    default:
                        value = null;
                        break;
                }
                names.Add(name);
                values.Add(value);
            }
            // Anything after the object on the same line is an error.
            if (reader.Read()) throw new InvalidOperationException("more than one JSON value on the line");
        }
    }
}
