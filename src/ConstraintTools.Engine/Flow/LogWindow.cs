using System;
using ConstraintTools.Notation;

namespace ConstraintTools.Flow
{
    /// <summary>
    /// The window [From, To) a log is measured over. From defaults to the log's first change and To to
    /// its last, which is then included so the last changes count. To is also the measurement time:
    /// later changes are ignored, as if the log had been read then.
    /// </summary>
    internal readonly struct LogWindow
    {
        private LogWindow(DateTime from, DateTime to, bool includesTo)
        {
            From = from;
            To = to;
            IncludesTo = includesTo;
        }

        public DateTime From { get; }
        public DateTime To { get; }
        public bool IncludesTo { get; }

        /// <summary>The first instant (UTC ticks) whose changes are ignored: To itself, or just after it when To is included.</summary>
        public long EndTicks => IncludesTo ? To.Ticks + 1 : To.Ticks;

        /// <summary>A local time is converted to UTC; an unspecified kind is taken as UTC.</summary>
        /// <exception cref="WindowException">The window is empty (To not after From), or the log has no events and no window is given.</exception>
        public static LogWindow Resolve(WorkItemLog log, DateTime? from, DateTime? to)
        {
            var fromUtc = from is DateTime f ? LogTimestamp.AsUtc(f) : log.FirstEventUtc;
            var toUtc = to is DateTime t ? LogTimestamp.AsUtc(t) : log.LastEventUtc;
            if (fromUtc is not DateTime start || toUtc is not DateTime end)
                throw new WindowException(WindowProblem.Empty, "The log has no status changes; give both From and To to measure an empty window.");
            var includesTo = to is null;
            if (end < start || (end == start && !includesTo))
                throw new WindowException(WindowProblem.Empty, $"The window is empty: To ({end:u}) must be after From ({start:u}).");
            return new LogWindow(start, end, includesTo);
        }
    }
}
