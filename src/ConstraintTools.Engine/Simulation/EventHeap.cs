using System;

namespace ConstraintTools.Simulation
{
    /// <summary>A binary min-heap of events by time, then by the order they were scheduled, so that ties resolve the same way every run.</summary>
    internal sealed class EventHeap
    {
        private struct Entry
        {
            public double Time;
            public long Order;
            public int Kind;
            public int Stage;
            public int Item;
        }

        private Entry[] heap = new Entry[64];
        private long scheduled;

        public int Count { get; private set; }

        public double PeekTime() => heap[0].Time;

        public void Push(double time, int kind, int stage, int item)
        {
            if (Count == heap.Length) Array.Resize(ref heap, heap.Length * 2);
            var entry = new Entry { Time = time, Order = scheduled++, Kind = kind, Stage = stage, Item = item };
            var i = Count++;
            while (i > 0)
            {
                var parent = (i - 1) >> 1;
                if (!Before(ref entry, ref heap[parent])) break;
                heap[i] = heap[parent];
                i = parent;
            }
            heap[i] = entry;
        }

        public void Pop(out double time, out int kind, out int stage, out int item)
        {
            ref var top = ref heap[0];
            time = top.Time;
            kind = top.Kind;
            stage = top.Stage;
            item = top.Item;
            var lastEntry = heap[--Count];
            var i = 0;
            while (true)
            {
                var child = 2 * i + 1;
                if (child >= Count) break;
                if (child + 1 < Count && Before(ref heap[child + 1], ref heap[child])) child++;
                if (!Before(ref heap[child], ref lastEntry)) break;
                heap[i] = heap[child];
                i = child;
            }
            heap[i] = lastEntry;
        }

        private static bool Before(ref Entry a, ref Entry b) => a.Time < b.Time || (a.Time == b.Time && a.Order < b.Order);
    }
}
