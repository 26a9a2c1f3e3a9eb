using System;
using System.IO;

namespace ConstraintTools.Logs
{
    /// <summary>
    /// The lines of a text, ended as <see cref="TextReader.ReadLine"/> ends them (\n, \r or \r\n), each read
    /// into one reused buffer instead of a new string. A line longer than the limit is passed over: its
    /// characters are counted but not kept, so a file that is one huge line costs no more than the limit.
    /// </summary>
    internal sealed class TextLines
    {
        private readonly TextReader reader;
        private readonly int limit;
        private readonly char[] buffer = new char[1 << 16];
        private int start;
        private int end;
        private char[] line = new char[256];

        public TextLines(TextReader reader, int limit)
        {
            this.reader = reader;
            this.limit = limit;
        }

        /// <summary>The current line's characters, from 0 to <see cref="Length"/>; only the first ones when it is <see cref="TooLong"/>.</summary>
        public char[] Chars => line;

        public int Length { get; private set; }

        /// <summary>The current line's length, including what was not kept of a line that is <see cref="TooLong"/>.</summary>
        public long FullLength { get; private set; }

        public bool TooLong => FullLength > limit;

        /// <summary>Moves to the next line; false at the end of the text.</summary>
        public bool Next()
        {
            if (start == end && !Fill()) return false;
            Length = 0;
            FullLength = 0;
            while (true)
            {
                var rest = new ReadOnlySpan<char>(buffer, start, end - start);
                var at = rest.IndexOfAny('\r', '\n');
                var take = at < 0 ? rest.Length : at;
                Append(rest.Slice(0, take));
                start += take;
                if (at >= 0)
                {
                    if (buffer[start++] == '\r' && (start < end || Fill()) && buffer[start] == '\n') start++;
                    return true;
                }
                if (!Fill()) return true;
            }
        }

        private void Append(ReadOnlySpan<char> chars)
        {
            FullLength += chars.Length;
            if (FullLength > limit) return;
            if (Length + chars.Length > line.Length)
            {
                // Doubling up to the limit: a line at the limit has cost twice the limit in buffers, no more.
                var size = line.Length;
                while (size < Length + chars.Length) size *= 2;
                Array.Resize(ref line, Math.Min(limit, size));
            }
            chars.CopyTo(new Span<char>(line, Length, chars.Length));
            Length += chars.Length;
        }

        /// <summary>Reads the next block; only once the current one is used up.</summary>
        private bool Fill()
        {
            start = 0;
            end = reader.Read(buffer, 0, buffer.Length);
            return end > 0;
        }
    }
}
