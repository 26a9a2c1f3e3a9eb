namespace ConstraintTools.Simulation
{
    /// <summary>A growable FIFO of ints.</summary>
    internal sealed class IntQueue
    {
        private int[] items = new int[16];
        private int head;

        public int Count { get; private set; }

        public void Enqueue(int value)
        {
            if (Count == items.Length)
            {
                var grown = new int[items.Length * 2];
                for (var i = 0; i < Count; i++) grown[i] = items[(head + i) % items.Length];
                items = grown;
                head = 0;
            }
            items[(head + Count) % items.Length] = value;
            Count++;
        }

        public int Dequeue()
        {
            var value = items[head];
            head = (head + 1) % items.Length;
            Count--;
            return value;
        }
    }
}
