using System;
using System.IO;
using System.Text;

namespace ConstraintTools.Yaml
{
    /// <summary>Reads workflow YAML (schema v1, SPEC section 2) into a validated <see cref="Workflow"/>, and writes it back.</summary>
    public static class WorkflowYaml
    {
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
