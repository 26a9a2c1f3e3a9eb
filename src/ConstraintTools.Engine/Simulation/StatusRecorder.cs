using System;
using System.Globalization;
using System.Linq;
using ConstraintTools.Notation;

namespace ConstraintTools.Simulation
{
    /// <summary>
    /// Writes what one replication does as the status changes a tracker would hold: an item enters a stage's
    /// first queue status when it must wait (its first active status when the stage has no queue status, so
    /// the wait stays inside it, as in a board without a "Ready for" column), the stage's first active status
    /// (or the stage's name) when work on it starts, and the first done status (or "Done") when it leaves.
    /// Unmeasured stages take no time and write nothing. Timestamps are calendar hours after the start.
    /// </summary>
    internal sealed class StatusRecorder
    {
        private readonly WorkItemLogBuilder builder = new WorkItemLogBuilder();
        private readonly DateTimeOffset start;
        private readonly string idPrefix;
        private readonly string?[] queueStatus;
        private readonly string?[] activeStatus;
        private readonly string doneStatus;
        private string?[] itemId = new string?[256];
        private string?[] lastStatus = new string?[256];
        private int created;

        public StatusRecorder(Workflow workflow, bool[] measured, DateTimeOffset start, string idPrefix, string source)
        {
            this.start = start;
            this.idPrefix = idPrefix;
            builder.Source = source;
            var n = workflow.Stages.Count;
            queueStatus = new string?[n];
            activeStatus = new string?[n];
            for (var s = 0; s < n; s++)
            {
                if (!measured[s]) continue;
                var stage = workflow.Stages[s];
                activeStatus[s] = stage.States.FirstOrDefault() ?? stage.Name;
                queueStatus[s] = stage.QueueStates.FirstOrDefault() ?? activeStatus[s];
            }
            doneStatus = workflow.DoneStates.FirstOrDefault() ?? "Done";
        }

        /// <summary>An item is created in slot <paramref name="slot"/> (slots are reused once an item leaves).</summary>
        public void Created(int slot)
        {
            if (slot >= itemId.Length)
            {
                Array.Resize(ref itemId, Math.Max(slot + 1, itemId.Length * 2));
                Array.Resize(ref lastStatus, itemId.Length);
            }
            itemId[slot] = idPrefix + (++created).ToString(CultureInfo.InvariantCulture);
            lastStatus[slot] = null;
        }

        public void Queued(int slot, int stage, double hours) => Write(slot, queueStatus[stage], hours);

        public void Started(int slot, int stage, double hours) => Write(slot, activeStatus[stage], hours);

        public void Finished(int slot, double hours) => Write(slot, doneStatus, hours);

        public WorkItemLog Build() => builder.Build();

        private void Write(int slot, string? status, double hours)
        {
            // A stage without a queue status keeps its one status from entry to exit: the start of work is no change.
            if (status is null || string.Equals(status, lastStatus[slot], StringComparison.Ordinal)) return;
            lastStatus[slot] = status;
            builder.Add(itemId[slot]!, start.AddTicks(Quantity.HoursToTimeSpan(hours).Ticks), status);
        }
    }
}
