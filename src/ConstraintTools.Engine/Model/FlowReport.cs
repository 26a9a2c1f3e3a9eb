using System;
using System.Collections.Generic;

namespace ConstraintTools
{
    /// <summary>Flow measures of a work-item log against a workflow: one <see cref="StageFlow"/> per stage and the <see cref="FlowSummary"/>.</summary>
    public sealed class FlowReport
    {
        public string Workflow { get; internal set; } = "";

        /// <summary>Start of the window (UTC, included).</summary>
        public DateTime From { get; internal set; }

        /// <summary>End of the window (UTC) and the measurement time: open intervals run to it.</summary>
        public DateTime To { get; internal set; }

        /// <summary>True when <see cref="To"/> defaulted to the log's last event, so changes at that instant count.</summary>
        public bool IncludesTo { get; internal set; }

        /// <summary>The stages in workflow order.</summary>
        public IReadOnlyList<StageFlow> Stages { get; internal set; } = Array.Empty<StageFlow>();

        public FlowSummary Summary { get; internal set; } = new FlowSummary();

        public override string ToString() => $"{Workflow} {From:u} – {To:u}";
    }
}
