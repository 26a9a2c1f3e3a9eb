using System;
using System.Collections.Generic;

namespace ConstraintTools.Flow
{
    /// <summary>
    /// How a workflow maps a log's statuses (SPEC section 4), case-insensitively: a status in a stage's
    /// <see cref="WorkflowStage.States"/> is active work in that stage, in its
    /// <see cref="WorkflowStage.QueueStates"/> waiting for it, in <see cref="Workflow.DoneStates"/> done;
    /// any other status is unmapped (unmeasured time). A status listed more than once maps to the first
    /// place that lists it (stages in order, each's states before its queue, then done).
    /// </summary>
    internal sealed class StatusMap
    {
        public const int Unmapped = -1;
        public const int Done = -2;

        private StatusMap(int[] codes, IReadOnlyList<string> unmapped)
        {
            Codes = codes;
            UnmappedStatuses = unmapped;
        }

        /// <summary>Per log status: stage·2 + 1 for active, stage·2 for queue, <see cref="Done"/> or <see cref="Unmapped"/>.</summary>
        public int[] Codes { get; }

        /// <summary>The log's statuses that map to nothing, in order of first appearance.</summary>
        public IReadOnlyList<string> UnmappedStatuses { get; }

        public static int StageOf(int code) => code >= 0 ? code >> 1 : -1;

        public static bool IsActive(int code) => code >= 0 && (code & 1) == 1;

        public static StatusMap For(WorkItemLog log, Workflow workflow)
        {
            var map = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (var s = 0; s < workflow.Stages.Count; s++)
            {
                foreach (var status in workflow.Stages[s].States) if (!map.ContainsKey(status)) map.Add(status, 2 * s + 1);
                foreach (var status in workflow.Stages[s].QueueStates) if (!map.ContainsKey(status)) map.Add(status, 2 * s);
            }
            foreach (var status in workflow.DoneStates) if (!map.ContainsKey(status)) map.Add(status, Done);

            var unmapped = new List<string>();
            var codes = new int[log.Statuses.Count];
            for (var i = 0; i < codes.Length; i++)
            {
                var name = log.StatusName(i);
                if (map.TryGetValue(name, out var code)) codes[i] = code;
                else
                {
                    codes[i] = Unmapped;
                    unmapped.Add(name);
                }
            }
            return new StatusMap(codes, unmapped);
        }
    }
}
