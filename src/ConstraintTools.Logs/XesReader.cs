using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Xml;
using ConstraintTools.Notation;

namespace ConstraintTools.Logs
{
    /// <summary>
    /// Reads XES (IEEE 1849) event logs, plain or gzipped, streaming: a trace's events are held only until the
    /// trace ends. Each trace is a case named by its concept:name; each event's concept:name, time:timestamp and
    /// lifecycle:transition make it an event-log event (see <see cref="WorkItemLogForm.EventLog"/>).
    /// </summary>
    /// <remarks>
    /// A hostile file cannot exhaust memory: a DTD, which can make a few bytes expand without end, is refused, and
    /// so are a value (an attribute, or text between tags) longer than <see cref="MaxValueChars"/> and a document
    /// longer than <see cref="MaxDocumentChars"/>, which gzip could hide in a small file. An event that cannot be
    /// read (no name, no or a bad timestamp, an unknown transition) is skipped and described with its line, as a
    /// CSV row is.
    /// </remarks>
    internal static class XesReader
    {
        /// <summary>The most characters one value may hold: 1 Mi. An XES value is a name or a timestamp, a few dozen.</summary>
        public const int MaxValueChars = 1 << 20;

        /// <summary>The most characters a document may hold, gzipped or not: 4 Gi, some forty million events.</summary>
        public const long MaxDocumentChars = 1L << 32;

        public static bool IsXes(string path, byte[] head)
        {
            var name = path.ToLowerInvariant();
            if (name.EndsWith(".xes", StringComparison.Ordinal) || name.EndsWith(".xes.gz", StringComparison.Ordinal)) return true;
            if (IsGzip(head)) return name.EndsWith(".gz", StringComparison.Ordinal) && !name.EndsWith(".csv.gz", StringComparison.Ordinal);
            var i = 0;
            while (i + 2 < head.Length && head[i] == 0xEF && head[i + 1] == 0xBB && head[i + 2] == 0xBF) i += 3;
            while (i < head.Length && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) i++;
            return i < head.Length && head[i] == '<';
        }

        public static bool IsGzip(byte[] head) => head.Length >= 2 && head[0] == 0x1F && head[1] == 0x8B;

        public static void Read(CountingReadStream stream, bool gzip, long length, string path, LogReadOptions options, WorkItemLogBuilder builder,
            Action<long, long>? progress, Action<WorkItemLogColumns> found, long maxDocumentChars = MaxDocumentChars, int maxValueChars = MaxValueChars)
        {
            var columns = WorkItemLogColumns.ForXes(options);
            found(columns);
            Stream content = gzip ? new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true) : stream;
            using var text = new BoundedTextReader(new StreamReader(content, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16), maxValueChars);
            var settings = new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                MaxCharactersInDocument = maxDocumentChars,
                MaxCharactersFromEntities = 0,
                IgnoreComments = true,
                IgnoreWhitespace = true,
                IgnoreProcessingInstructions = true,
            };
            using var xml = XmlReader.Create(text, settings);
            var lines = (IXmlLineInfo)xml;
            var reader = new TraceReader(path, columns, builder);
            var nextProgress = 1L << 20;
            try
            {
                while (xml.Read())
                {
                    if (xml.NodeType == XmlNodeType.Element) reader.Element(xml, lines.LineNumber);
                    else if (xml.NodeType == XmlNodeType.EndElement) reader.End(xml.LocalName, xml.Depth);
                    if (progress != null && stream.BytesRead >= nextProgress)
                    {
                        progress(stream.BytesRead, length);
                        nextProgress = stream.BytesRead + (1L << 20);
                    }
                }
                if (!reader.SawLog) throw new InputException("the file is XML but not an XES log: it has no <log> element", file: path);
            }
            catch (ValueTooLongException)
            {
                throw new InputException(
                    string.Format(CultureInfo.InvariantCulture, "a value (an attribute, or text between tags) is longer than {0:N0} characters, the most an XES value may hold; refused rather than held in memory", maxValueChars),
                    file: path, line: lines.LineNumber);
            }
            catch (XmlException ex) when (ex.Message.IndexOf("DTD", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                throw new InputException("the document has a DTD (<!DOCTYPE …>), which is refused: a DTD's entities can make a small file expand without end, and XES needs none; remove it",
                    file: path, line: text.DoctypeLine > 0 ? text.DoctypeLine : LineOf(ex, lines), inner: ex);
            }
            catch (XmlException ex) when (ex.Message.IndexOf("MaxCharactersInDocument", StringComparison.Ordinal) >= 0)
            {
                throw new InputException(
                    string.Format(CultureInfo.InvariantCulture, "the document is longer than {0:N0} characters, the most an XES log may hold (gzip can hide that many in a small file); split the log", maxDocumentChars),
                    file: path, line: LineOf(ex, lines), inner: ex);
            }
            catch (XmlException ex)
            {
                var reason = xml.EOF || ex.Message.IndexOf("end of file", StringComparison.OrdinalIgnoreCase) >= 0
                    ? $"the XES document ends before it is complete ({ex.Message.TrimEnd('.')}); the file was cut short"
                    : $"not well-formed XML: {ex.Message.TrimEnd('.')}";
                throw new InputException(reason, file: path, line: LineOf(ex, lines), inner: ex);
            }
            catch (InvalidDataException ex)
            {
                throw new InputException($"the gzip data is damaged ({ex.Message.TrimEnd('.')})", file: path, inner: ex);
            }
        }

        /// <summary>Where an XML error was: some (a DTD refused, a limit reached) carry no line, and the reader's position is then the nearest.</summary>
        private static int LineOf(XmlException ex, IXmlLineInfo lines) => ex.LineNumber > 0 ? ex.LineNumber : Math.Max(1, lines.LineNumber);

        /// <summary>Follows the elements of the document and hands each trace's events to the builder when the trace ends.</summary>
        private sealed class TraceReader
        {
            private readonly string path;
            private readonly WorkItemLogColumns columns;
            private readonly WorkItemLogBuilder builder;
            private readonly List<(string? Name, string? Time, string? Transition, int Line, int TimeLine)> events = new List<(string?, string?, string?, int, int)>();
            private int traceDepth = -1;
            private int eventDepth = -1;
            private int traceLine;
            private string? traceName;
            private (string? Name, string? Time, string? Transition, int Line, int TimeLine) current;

            public TraceReader(string path, WorkItemLogColumns columns, WorkItemLogBuilder builder)
            {
                this.path = path;
                this.columns = columns;
                this.builder = builder;
            }

            public bool SawLog { get; private set; }

            public void Element(XmlReader xml, int line)
            {
                var depth = xml.Depth;
                switch (xml.LocalName)
                {
                    case "log" when depth == 0:
                        SawLog = true;
                        return;
                    case "trace" when depth == 1:
                        traceDepth = depth;
                        traceLine = line;
                        traceName = null;
                        events.Clear();
                        if (xml.IsEmptyElement) End("trace", depth);
                        return;
                    case "event" when traceDepth >= 0 && depth == traceDepth + 1:
                        eventDepth = depth;
                        current = (null, null, null, line, line);
                        if (xml.IsEmptyElement) End("event", depth);
                        return;
                }
                var key = xml.GetAttribute("key");
                if (key is null) return;
                if (eventDepth >= 0 && depth == eventDepth + 1)
                {
                    if (key == "concept:name") current.Name = xml.GetAttribute("value");
                    else if (key == "time:timestamp")
                    {
                        current.Time = xml.GetAttribute("value");
                        current.TimeLine = line;
                    }
                    else if (key == "lifecycle:transition") current.Transition = xml.GetAttribute("value");
                }
                else if (eventDepth < 0 && traceDepth >= 0 && depth == traceDepth + 1 && key == "concept:name")
                {
                    traceName = xml.GetAttribute("value");
                }
            }

            public void End(string name, int depth)
            {
                if (name == "event" && depth == eventDepth)
                {
                    events.Add(current);
                    eventDepth = -1;
                }
                else if (name == "trace" && depth == traceDepth)
                {
                    Flush();
                    traceDepth = -1;
                }
            }

            private string Where(int line) => Display.FilePath(path) + ":" + line.ToString(CultureInfo.InvariantCulture);

            private void Flush()
            {
                var id = traceName?.Trim() ?? "";
                if (id.Length == 0)
                {
                    builder.Skip($"{Where(traceLine)}: the trace has no 'concept:name', which names its case; its {events.Count} events are skipped");
                    return;
                }
                foreach (var e in events)
                {
                    var activity = e.Name?.Trim() ?? "";
                    if (activity.Length == 0)
                    {
                        builder.Skip($"{Where(e.Line)}: the event of case '{Display.Excerpt(id)}' has no 'concept:name', which names its activity");
                        continue;
                    }
                    if (WorkItemLogColumns.KindOf(e.Transition) is not EventKind kind)
                    {
                        builder.Skip($"{Where(e.Line)}: attribute 'lifecycle:transition': '{Display.Excerpt(e.Transition ?? "")}' is not a lifecycle transition");
                        continue;
                    }
                    if (e.Time is null)
                    {
                        builder.Skip($"{Where(e.Line)}: the event '{Display.Excerpt(activity)}' of case '{Display.Excerpt(id)}' has no 'time:timestamp'");
                        continue;
                    }
                    if (!columns.TryParseTimestamp(e.Time.ToCharArray(), 0, e.Time.Length, out var at))
                    {
                        builder.Skip($"{Where(e.TimeLine)}: attribute 'time:timestamp': '{Display.Excerpt(e.Time)}' is not a date ({LogTimestamp.Expected})");
                        continue;
                    }
                    builder.Event(id, at, activity, kind);
                }
                events.Clear();
            }
        }

        private sealed class ValueTooLongException : Exception
        {
        }

        /// <summary>
        /// Passes text through, failing once more than a given number of characters come without a '&lt;': no
        /// attribute value may hold one, so a longer run is a value too long (or text between tags, which XES does
        /// not use), stopped before the XML reader holds it whole.
        /// </summary>
        private sealed class BoundedTextReader : TextReader
        {
            private readonly TextReader inner;
            private const string Doctype = "<!DOCTYPE";
            private readonly int maxRun;
            private int run;
            private int line = 1;
            private int doctypeMatched;

            /// <summary>
            /// The line the first &lt;!DOCTYPE starts on, or 0: the XML reader refuses a DTD without saying where, and
            /// characters are counted here as they pass, however far ahead the reader buffers.
            /// </summary>
            public int DoctypeLine { get; private set; }

            public BoundedTextReader(TextReader inner, int maxRun)
            {
                this.inner = inner;
                this.maxRun = maxRun;
            }

            public override int Peek() => inner.Peek();

            public override int Read()
            {
                var c = inner.Read();
                if (c >= 0) Count((char)c);
                return c;
            }

            public override int Read(char[] buffer, int index, int count)
            {
                var read = inner.Read(buffer, index, count);
                for (var i = index; i < index + read; i++) Count(buffer[i]);
                return read;
            }

            private void Count(char c)
            {
                if (c == '\n') line++;
                if (DoctypeLine == 0)
                {
                    doctypeMatched = c == Doctype[doctypeMatched] ? doctypeMatched + 1 : c == '<' ? 1 : 0;
                    if (doctypeMatched == Doctype.Length) DoctypeLine = line;
                }
                if (c == '<') run = 0;
                else if (++run > maxRun) throw new ValueTooLongException();
            }

            protected override void Dispose(bool disposing)
            {
                if (disposing) inner.Dispose();
                base.Dispose(disposing);
            }
        }
    }
}
