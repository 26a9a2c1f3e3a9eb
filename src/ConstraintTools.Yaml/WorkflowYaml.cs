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

        /// <summary>Reads YAML text; <paramref name="sourceName"/> names it in errors and becomes the workflow's Source.</summary>
        public static Workflow Parse(string text, string? sourceName = null)
        {
            if (text is null) throw new ArgumentNullException(nameof(text));
            return new WorkflowReader(sourceName).Read(text);
        }

        /// <summary>Reads a workflow file; every problem surfaces as a <see cref="WorkflowException"/> naming the file.</summary>
        public static Workflow Load(string path)
        {
            string text;
            try
            {
                var length = new FileInfo(path).Length;
                if (length > MaxFileBytes)
                    throw new WorkflowException(FormattableString.Invariant($"the file is {length / (1024.0 * 1024):0.#} MB; a workflow file may be at most {MaxFileBytes >> 20} MB"), file: path);
                text = File.ReadAllText(path, Encoding.UTF8);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new WorkflowException(ex is FileNotFoundException || ex is DirectoryNotFoundException ? "the file does not exist" : ex.Message, file: path, inner: ex);
            }
            return Parse(text, path);
        }

        /// <summary>
        /// The workflow as YAML that <see cref="Parse"/> reads back to the same fields and figures.
        /// Throws a <see cref="WorkflowException"/> when the workflow is invalid or cannot be written.
        /// </summary>
        public static string Write(Workflow workflow)
        {
            if (workflow is null) throw new ArgumentNullException(nameof(workflow));
            return WorkflowYamlWriter.Write(workflow);
        }
    }
}
