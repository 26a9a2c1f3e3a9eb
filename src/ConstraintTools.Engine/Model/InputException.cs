using System;
using System.Text;
using ConstraintTools.Notation;

namespace ConstraintTools
{
    /// <summary>
    /// Input that cannot be read or analysed, a workflow or a work-item log alike, with where the problem is: the reason,
    /// the field, and the file, line and column when it came from a file.
    /// </summary>
    public sealed class InputException : Exception
    {
        public InputException(string reason, string? field = null, string? file = null, int line = 0, int column = 0, Exception? inner = null)
            : base(Compose(reason, field, file, line, column), inner)
        {
            Reason = reason;
            Field = field;
            File = file;
            Line = line;
            Column = column;
        }

        /// <summary>What is wrong, without the location.</summary>
        public string Reason { get; }

        /// <summary>Path of the offending field, e.g. <c>stages[2].next</c>.</summary>
        public string? Field { get; }

        /// <summary>The file the problem is in, as read; null for a workflow or log built in code.</summary>
        public string? File { get; }

        /// <summary>1-based line in <see cref="File"/>; 0 when unknown.</summary>
        public int Line { get; }

        /// <summary>1-based column in <see cref="File"/>; 0 when unknown.</summary>
        public int Column { get; }

        /// <summary>The same problem, placed at a file position.</summary>
        public InputException At(string? file, int line, int column) =>
            new InputException(Reason, Field, file, line, column, InnerException);

        private static string Compose(string reason, string? field, string? file, int line, int column)
        {
            var text = new StringBuilder();
            if (file != null)
            {
                text.Append(Display.FilePath(file));
                if (line > 0) text.Append(':').Append(line);
                if (line > 0 && column > 0) text.Append(':').Append(column);
                text.Append(": ");
            }
            else if (line > 0)
            {
                text.Append("line ").Append(line);
                if (column > 0) text.Append(", column ").Append(column);
                text.Append(": ");
            }
            if (field != null) text.Append(field).Append(": ");
            return text.Append(reason).ToString();
        }
    }
}
