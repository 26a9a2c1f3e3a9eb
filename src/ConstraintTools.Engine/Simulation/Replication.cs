using System;
using System.Collections.Generic;
using System.Threading;
using ConstraintTools.Flow;

namespace ConstraintTools.Simulation
{
    /// <summary>
    /// One replication of the discrete-event simulation of a workflow, in calendar hours. Items arrive with
    /// gamma gaps of the demand's mean and cv, queue first-come-first-served, are served by a stage's
    /// servers for a gamma time of the model's calendar service time te and the stage's cv, and are routed
    /// by the routing probabilities. A WIP limit holds an item at the stage that finished it (its server
    /// stays taken) until the next stage has room, so a full stage blocks upstream; work sent round a loop
    /// (rework: a route that closes a loop of the routing, wherever its stages stand in the list) enters
    /// regardless, so loops cannot deadlock. A cadence stage releases its
    /// queue only when a train departs, every cadence from time 0, at most batchSize items a train.
    /// Unmeasured stages take no time.
    /// </summary>
    internal sealed class Replication
    {
        private const int ArrivalEvent = 0;
        private const int ServiceEndEvent = 1;
        private const int TrainEvent = 2;
        private const int SampleEvent = 3;
        private const int WarmUpEvent = 4;
        private const int Outside = -1;

        /// <summary>More items in the system than this means the run has no hope of settling: stop with a clear error rather than exhaust memory.</summary>
        internal const int MaxItemsInSystem = 4_000_000;

        private readonly SimulationModel model;
        private readonly double duration;
        private readonly double warmUp;
        private readonly double sampleEvery;
        private long samplesTaken;
        private SimulationRandom random;
        private readonly EventHeap events = new EventHeap();

        // Items, by slot; free slots are reused.
        private double[] arrival = new double[256];
        private double[] entry = new double[256];
        private double[] start = new double[256];
        private int[] at = new int[256];
        private readonly Stack<int> freeSlots = new Stack<int>();
        private int slots;
        private int live;

        // Stages.
        private readonly IntQueue[] queue;
        private readonly IntQueue[] waiting;
        private readonly int[] busy;
        private readonly int[] wip;
        private readonly double[] last;
        private readonly Stack<int> refill = new Stack<int>();
        private double now;

        public Replication(SimulationModel model, double durationHours, double warmUpHours, double sampleEveryHours, SimulationRandom random)
        {
            this.model = model;
            duration = durationHours;
            warmUp = warmUpHours;
            sampleEvery = sampleEveryHours;
            this.random = random;
            var n = model.Count;
            queue = new IntQueue[n];
            waiting = new IntQueue[n];
            for (var s = 0; s < n; s++)
            {
                queue[s] = new IntQueue();
                waiting[s] = new IntQueue();
            }
            busy = new int[n];
            wip = new int[n];
            last = new double[n];
            Result = new ReplicationResult(n);
        }

        public ReplicationResult Result { get; }

        /// <summary>Told of every visit that leaves a stage (stage, hours): for tests that check when work moves.</summary>
        internal Action<int, double>? Departed { get; set; }

        /// <summary>When set, every status change of every item is written to it, from time 0 (the warm-up is for the figures only).</summary>
        internal StatusRecorder? Statuses { get; set; }

        public void Run(CancellationToken cancel)
        {
            if (model.ArrivalGap.Mean > 0 && !double.IsInfinity(model.ArrivalGap.Mean)) events.Push(model.ArrivalGap.Sample(ref random), ArrivalEvent, 0, 0);
            for (var s = 0; s < model.Count; s++)
                if (model.Cadence[s] > 0) events.Push(model.Cadence[s], TrainEvent, s, 0);
            events.Push(warmUp, WarmUpEvent, 0, 0);
            if (sampleEvery > 0) events.Push(0, SampleEvent, 0, 0);

            long handled = 0;
            while (events.Count > 0 && events.PeekTime() <= duration)
            {
                if ((++handled & 0xFFFF) == 0) cancel.ThrowIfCancellationRequested();
                events.Pop(out now, out var kind, out var stage, out var item);
                switch (kind)
                {
                    case ArrivalEvent: Arrive(); break;
                    case ServiceEndEvent: ServiceEnd(stage, item); break;
                    case TrainEvent: Train(stage); break;
                    case SampleEvent: Sample(); break;
                    default: Array.Copy(wip, Result.WipAtWarmUp, wip.Length); break;
                }
            }
            now = duration;
            for (var s = 0; s < model.Count; s++) Accrue(s);
            Array.Copy(wip, Result.WipAtEnd, wip.Length);
            Result.Backlog = waiting[model.Entry].Count;
        }

        private void Arrive()
        {
            var item = NewItem();
            if (now >= warmUp) Result.ExternalArrivals++;
            arrival[item] = now;
            at[item] = Outside;
            if (Admits(model.Entry)) Enter(item, model.Entry);
            else waiting[model.Entry].Enqueue(item);
            events.Push(now + model.ArrivalGap.Sample(ref random), ArrivalEvent, 0, 0);
        }

        private void ServiceEnd(int stage, int item)
        {
            var next = model.Route(stage, ref random, out var rework);
            if (next < 0)
            {
                Leave(item, stage);
                Exit(item);
            }
            else if (rework || Admits(next))
            {
                Leave(item, stage);
                Enter(item, next);
            }
            else
            {
                // Blocked: the item keeps its server and its place in this stage's WIP until the next stage has room.
                waiting[next].Enqueue(item);
                return;
            }
            Refill(stage);
        }

        private void Train(int stage)
        {
            var release = model.BatchSize[stage] > 0 ? Math.Min(model.BatchSize[stage], queue[stage].Count) : queue[stage].Count;
            for (var k = 0; k < release; k++) StartService(queue[stage].Dequeue(), stage);
            events.Push(now + model.Cadence[stage], TrainEvent, stage, 0);
        }

        private void Sample()
        {
            Result.Samples.Add((now, (int[])wip.Clone()));
            // A multiple, not a sum: adding the interval drifts, and the sample at the very end went missing.
            events.Push(++samplesTaken * sampleEvery, SampleEvent, 0, 0);
        }

        private bool Admits(int stage) => wip[stage] < model.WipLimit[stage];

        private void Enter(int item, int stage)
        {
            Accrue(stage);
            wip[stage]++;
            if (wip[stage] > Result.MaxWip[stage]) Result.MaxWip[stage] = wip[stage];
            at[item] = stage;
            entry[item] = now;
            Result.Visits++;
            if (now >= warmUp) Result.Arrivals[stage]++;
            if (model.Cadence[stage] > 0 || busy[stage] >= model.Servers[stage])
            {
                queue[stage].Enqueue(item);
                Statuses?.Queued(item, stage, now);
            }
            else StartService(item, stage);
        }

        private void StartService(int item, int stage)
        {
            Accrue(stage);
            busy[stage]++;
            start[item] = now;
            Statuses?.Started(item, stage, now);
            events.Push(now + model.Service[stage].Sample(ref random), ServiceEndEvent, stage, item);
        }

        private void Leave(int item, int stage)
        {
            Accrue(stage);
            wip[stage]--;
            busy[stage]--;
            Departed?.Invoke(stage, now);
            if (now < warmUp) return;
            Result.Departures[stage]++;
            Result.WaitHours[stage] += start[item] - entry[item];
            Result.CycleHours[stage] += now - entry[item];
        }

        private void Exit(int item)
        {
            if (now >= warmUp) Result.LeadTimes.Add(now - arrival[item]);
            Statuses?.Finished(item, now);
            freeSlots.Push(item);
            live--;
        }

        /// <summary>A stage whose server or WIP slot came free starts its next item and admits the next one waiting to enter, which may free a blocked server upstream in turn.</summary>
        private void Refill(int stage)
        {
            refill.Push(stage);
            while (refill.Count > 0)
            {
                var s = refill.Pop();
                if (model.Cadence[s] == 0)
                    while (busy[s] < model.Servers[s] && queue[s].Count > 0) StartService(queue[s].Dequeue(), s);
                while (waiting[s].Count > 0 && wip[s] < model.WipLimit[s])
                {
                    var item = waiting[s].Dequeue();
                    var from = at[item];
                    if (from != Outside) Leave(item, from);
                    Enter(item, s);
                    if (from != Outside) refill.Push(from);
                }
            }
        }

        /// <summary>Adds the time since the stage last changed, from the warm-up on, to its WIP and busy integrals.</summary>
        private void Accrue(int stage)
        {
            var from = Math.Max(last[stage], warmUp);
            if (now > from)
            {
                Result.WipArea[stage] += wip[stage] * (now - from);
                Result.BusyArea[stage] += busy[stage] * (now - from);
            }
            last[stage] = now;
        }

        private int NewItem()
        {
            if (++live > MaxItemsInSystem)
                throw new WorkLimitException(WorkLimit.SimulatedItems, FormattableString.Invariant($"more than {MaxItemsInSystem:N0} items are in the workflow at once: it cannot settle at this demand. Shorten -Duration or relieve the overloaded stages (Find-Constraint shows them)."));
            var item = freeSlots.Count > 0 ? freeSlots.Pop() : NewSlot();
            Statuses?.Created(item);
            return item;
        }

        private int NewSlot()
        {
            if (slots == arrival.Length)
            {
                var size = slots * 2;
                Array.Resize(ref arrival, size);
                Array.Resize(ref entry, size);
                Array.Resize(ref start, size);
                Array.Resize(ref at, size);
            }
            return slots++;
        }
    }
}
