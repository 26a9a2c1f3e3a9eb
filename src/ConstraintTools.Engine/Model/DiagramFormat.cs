namespace ConstraintTools
{
    /// <summary>The text format of a workflow diagram.</summary>
    public enum DiagramFormat
    {
        /// <summary>A Mermaid flowchart, which GitHub, GitLab and many wikis draw inside a ```mermaid block of Markdown.</summary>
        Mermaid,

        /// <summary>A Graphviz digraph in the DOT language, for dot -Tsvg or -Tpng.</summary>
        Dot,
    }
}
