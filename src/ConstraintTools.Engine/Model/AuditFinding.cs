namespace ConstraintTools
{
    public enum AuditSeverity
    {
        Error,
        Warning,
        Info,
    }

    /// <summary>One finding of a workflow audit (Test-Workflow).</summary>
    public sealed class AuditFinding
    {
        public string Workflow { get; internal set; } = "";
        public AuditSeverity Severity { get; internal set; }

        /// <summary>A stable rule name for filtering, e.g. UnstableStage.</summary>
        public string Rule { get; internal set; } = "";

        /// <summary>The stage concerned; null for findings about the whole workflow.</summary>
        public string? Stage { get; internal set; }

        public string Message { get; internal set; } = "";
        public string Recommendation { get; internal set; } = "";

        public override string ToString() => Message;
    }
}
