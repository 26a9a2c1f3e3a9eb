using System;
using System.Collections.Generic;
using System.Threading;

namespace ConstraintTools.Flow
{
    /// <summary>One status interval [Start, Stop) of an item; the item's last interval has Stop = <see cref="ItemTimeline.Open"/>.</summary>
    internal struct StatusInterval
    {
        public long Start;
        public long Stop;
        public int Code;

        /// <summary>The status's index in the log.</summary>
        public int Status;
    }

    /// <summary>
    /// A visit: a maximal run of an item's consecutive intervals mapped to one stage (queue or active).
    /// Queue and active ticks leave out the item's last, still open interval.
    /// </summary>
    internal struct StageVisit
    {
        /// <summary>Where the item went after the visit: another visit's stage, <see cref="ItemTimeline.Exit"/> (a done status) or <see cref="ItemTimeline.Unknown"/> (still open, or nothing mapped follows).</summary>
        public int Next;
        public int Stage;
        public long Start;
        public long Stop;
        public long QueueTicks;
        public long ActiveTicks;

        public bool IsOpen => Stop == ItemTimeline.Open;
    }

    /// <summary>
    /// Turns one item's status changes, up to a measurement time, into status intervals and stage
    /// visits; the buffers are reused from item to item. Changes at the same instant leave intervals of
    /// zero length, which are dropped.
    /// </summary>
    internal sealed class ItemTimeline
    {
        public const long Open = long.MaxValue;
        public const int Exit = -2;
        public const int Unknown = -1;

        private const int ItemsBetweenPolls = 4096;

        private readonly WorkItemLog log;
        private readonly int[] codes;
        private readonly long endTicks;
        private readonly CancellationToken cancel;
        private readonly int[] visitStamp;
        private StatusInterval[] intervals = new StatusInterval[16];
        private StageVisit[] visits = new StageVisit[8];

        /// <param name="endTicks">Changes at or after this instant (UTC ticks) are ignored, as if the log were read then.</param>
        /// <param name="cancel">Polled every few thousand items, so that Ctrl+C need not wait for a whole log of millions.</param>
        public ItemTimeline(WorkItemLog log, StatusMap map, int stageCount, long endTicks, CancellationToken cancel = default)
        {
            this.log = log;
            codes = map.Codes;
            this.endTicks = endTicks;
            this.cancel = cancel;
            visitStamp = new int[stageCount];
            for (var s = 0; s < stageCount; s++) visitStamp[s] = -1;
        }

        public int IntervalCount { get; private set; }
        public int VisitCount { get; private set; }

        /// <summary>The item's first change (UTC ticks).</summary>
        public long FirstTicks { get; private set; }

        /// <summary>Start of the item's trailing run of done intervals, or −1 when it is not done.</summary>
        public long DoneTicks { get; private set; }

        /// <summary>True when the item visited some stage more than once.</summary>
        public bool Reworked { get; private set; }

        /// <summary>True when the item has left the flow at the measurement time: finished, or discarded.</summary>
        public bool IsDone => DoneTicks >= 0;

        /// <summary>True when the item left the flow as a discarded outcome (Won't Do, Duplicate), which is not finished.</summary>
        public bool IsDiscarded { get; private set; }

        /// <summary>True when the item is done and not discarded: it counts in throughput and lead time.</summary>
        public bool IsFinished => IsDone && !IsDiscarded;

        public ref StatusInterval Interval(int i) => ref intervals[i];
        public ref StageVisit Visit(int i) => ref visits[i];

        /// <summary>The last interval (the item's status at the measurement time); only valid after a Load that returned true.</summary>
        public ref StatusInterval Last => ref intervals[IntervalCount - 1];

        /// <summary>Loads <paramref name="item"/>; false when it has no change before the measurement time.</summary>
        /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
        public bool Load(int item)
        {
            if ((item & (ItemsBetweenPolls - 1)) == 0) cancel.ThrowIfCancellationRequested();
            var first = log.FirstEvent(item);
            var last = log.FirstEvent(item + 1);
            var end = first;
            while (end < last && log.Ticks(end) < endTicks) end++;
            IntervalCount = 0;
            VisitCount = 0;
            DoneTicks = -1;
            IsDiscarded = false;
            Reworked = false;
            if (end == first) return false;
            FirstTicks = log.Ticks(first);

            for (var e = first; e < end; e++)
            {
                var start = log.Ticks(e);
                var stop = e == end - 1 ? Open : log.Ticks(e + 1);
                if (stop == start) continue;
                if (IntervalCount == intervals.Length) Array.Resize(ref intervals, intervals.Length * 2);
                intervals[IntervalCount++] = new StatusInterval { Start = start, Stop = stop, Code = codes[log.StatusOf(e)], Status = log.StatusOf(e) };
            }

            // A discarded item leaves the flow on entering its excluded status, whether or not the workflow lists
            // that status as done: the time after it is no stage's and no unmeasured wait.
            var excluded = log.IsExcluded(item);
            if (excluded)
                for (var i = IntervalCount - 1; i >= 0 && log.IsExcludedStatus(intervals[i].Status); i--) intervals[i].Code = StatusMap.Done;

            var runStage = -1;
            for (var i = 0; i < IntervalCount; i++)
            {
                ref var interval = ref intervals[i];
                var stage = StatusMap.StageOf(interval.Code);
                if (interval.Code == StatusMap.Done)
                {
                    if (DoneTicks < 0) DoneTicks = interval.Start;
                }
                else DoneTicks = -1;

                if (stage != runStage)
                {
                    if (runStage >= 0) visits[VisitCount - 1].Stop = interval.Start;
                    if (stage >= 0) StartVisit(item, stage, interval.Start);
                    else if (interval.Code == StatusMap.Done) SetNextOfPendingVisits(Exit);
                    runStage = stage;
                }
                if (stage < 0 || interval.Stop == Open) continue;
                ref var visit = ref visits[VisitCount - 1];
                if (StatusMap.IsActive(interval.Code)) visit.ActiveTicks += interval.Stop - interval.Start;
                else visit.QueueTicks += interval.Stop - interval.Start;
            }
            IsDiscarded = excluded && IsDone;
            return true;
        }

        private void StartVisit(int item, int stage, long start)
        {
            SetNextOfPendingVisits(stage);
            if (visitStamp[stage] == item) Reworked = true;
            visitStamp[stage] = item;
            if (VisitCount == visits.Length) Array.Resize(ref visits, visits.Length * 2);
            visits[VisitCount++] = new StageVisit { Stage = stage, Start = start, Stop = Open, Next = Unknown };
        }

        /// <summary>The last visit learns where the item went, unless an earlier mapped status already told (unmapped time in between does not count).</summary>
        private void SetNextOfPendingVisits(int next)
        {
            if (VisitCount > 0 && visits[VisitCount - 1].Next == Unknown && !visits[VisitCount - 1].IsOpen)
                visits[VisitCount - 1].Next = next;
        }
    }
}
