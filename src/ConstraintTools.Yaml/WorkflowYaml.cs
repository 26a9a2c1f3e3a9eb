using System;
using System.IO;
using System.Text;

namespace ConstraintTools.Yaml
{
    /// <summary>Reads workflow YAML (schema v1, SPEC section 2) into a validated <see cref="Workflow"/>, and writes it back.</summary>
    public static class WorkflowYaml
    {
        /// <summary>A 10,000-stage workflow is under 1 MB; a file far larger is a mistake, and reading it whole would take that much memory and more.</summary>
        public const long MaxFileBytes = 64L << 20;

        /// <summary>The most characters YAML text may hold, the file limit's worth of plain text.</summary>
        public const int MaxTextChars = (int)MaxFileBytes;

        /// <summary>Reads YAML text; <paramref name="sourceName"/> names it in errors and becomes the workflow's Source.</summary>
        public static Workflow Parse(string text, string? sourceName = null)
        {
            if (text is null) throw new ArgumentNullException(nameof(text));
            if (text.Length > MaxTextChars) throw TextTooLong(text.Length, sourceName);
            return new WorkflowReader(sourceName).Read(text);
        }

        /// <summary>The error for YAML text of <paramref name="chars"/> characters, over <see cref="MaxTextChars"/>.</summary>
        public static InputException TextTooLong(long chars, string? sourceName) =>
            new InputException(FormattableString.Invariant($"the YAML text is {chars:N0} characters long; a workflow may be at most {MaxFileBytes >> 20} MB ({MaxTextChars:N0} characters)"), file: sourceName);

        /// <summary>Reads a workflow file; every problem surfaces as a <see cref="InputException"/> naming the file.</summary>
        public static Workflow Load(string path)
        {
            string text;
            try
            {
                text = ReadText(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new InputException(ex is FileNotFoundException || ex is DirectoryNotFoundException ? "the file does not exist" : ex.Message, file: path, inner: ex);
            }
            return Parse(text, path);
        }

        /// <summary>
        /// The file's text, at most <see cref="MaxFileBytes"/> of it. The length a regular file states gives a quick
        /// answer, but a pipe or a device states none and may never end (/dev/zero, a FIFO fed endlessly), so what
        /// is bounded is the bytes read.
        /// </summary>
        private static string ReadText(string path)
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            if (stream.CanSeek && stream.Length > MaxFileBytes)
                throw new InputException(FormattableString.Invariant($"the file is {stream.Length / (1024.0 * 1024):0.#} MB; a workflow file may be at most {MaxFileBytes >> 20} MB"), file: path);
            var bytes = new MemoryStream();
            var chunk = new byte[1 << 16];
            int read;
            while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (bytes.Length + read > MaxFileBytes)
                    throw new InputException(FormattableString.Invariant($"the file holds more than {MaxFileBytes >> 20} MB (reading stopped there); a workflow file may be at most {MaxFileBytes >> 20} MB"), file: path);
                bytes.Write(chunk, 0, read);
            }
            bytes.Position = 0;
            using var text = new StreamReader(bytes, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return text.ReadToEnd();
        }

        /// <summary>
        /// The workflow as YAML that <see cref="Parse"/> reads back to the same fields and figures.
        /// Throws a <see cref="InputException"/> when the workflow is invalid or cannot be written.
        /// </summary>
        public static string Write(Workflow workflow)
        {
            if (workflow is null) throw new ArgumentNullException(nameof(workflow));
            return WorkflowYamlWriter.Write(workflow);
        }
    }
}
