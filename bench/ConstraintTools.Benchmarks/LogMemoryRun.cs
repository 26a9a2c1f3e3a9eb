using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading;
using ConstraintTools.Flow;
using ConstraintTools.Logs;
using ConstraintTools.Yaml;

namespace ConstraintTools.Benchmarks
{
    /// <summary>
    /// <c>memory [events] [file]</c>: writes a generated changelog (10 million changes unless told;
    /// to a temporary file, deleted afterwards, unless a file is named), then reads and measures it once,
    /// printing the time and the peak memory, to show memory follows the changes kept and not the file.
    /// </summary>
    public static class LogMemoryRun
    {
        private const double MiB = 1024.0 * 1024.0;

        public static int Run(string[] args)
        {
            var events = args.Length > 0 ? int.Parse(args[0], NumberStyles.AllowThousands, CultureInfo.InvariantCulture) : 10_000_000;
            var keep = args.Length > 1;
            var path = keep ? Path.GetFullPath(args[1]) : Path.Combine(Path.GetTempPath(), $"ct-log-memory-{Environment.ProcessId}.csv");
            try
            {
                var generator = new LogGenerator(events);
                var written = Stopwatch.StartNew();
                generator.WriteCsv(path);
                Console.WriteLine($"wrote {events:N0} changes of {generator.Items:N0} items ({generator.OpenItems:N0} open) to {path}: "
                    + $"{new FileInfo(path).Length / MiB:N1} MiB in {written.Elapsed.TotalSeconds:N1} s");
                var workflow = WorkflowYaml.Parse(LogGenerator.WorkflowYaml, "generated.yaml");

                var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
                var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
                var pausedBefore = GC.GetTotalPauseDuration();
                var collectionsBefore = new[] { GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2) };
                Console.WriteLine($"before reading: GC heap {heapBefore / MiB:N1} MiB, working set {Environment.WorkingSet / MiB:N1} MiB");
                using var process = Process.GetCurrentProcess();
                using var sampler = new HeapSampler();

                var clock = Stopwatch.StartNew();
                var log = WorkItemLogReader.Read(path);
                var read = clock.Elapsed;
                var peakHeapReading = sampler.Peak;
                process.Refresh();
                var peakWorkingSetReading = process.PeakWorkingSet64;
                var report = FlowMeasurement.Measure(log, workflow);
                var total = clock.Elapsed;
                var peakHeap = sampler.Stop();
                process.Refresh();

                var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
                var paused = GC.GetTotalPauseDuration() - pausedBefore;
                var collections = $"{GC.CollectionCount(0) - collectionsBefore[0]}/{GC.CollectionCount(1) - collectionsBefore[1]}/{GC.CollectionCount(2) - collectionsBefore[2]}";
                var retained = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
                Console.WriteLine($"read {log.EventCount:N0} changes of {log.ItemCount:N0} items in {read.TotalSeconds:N2} s; measured in {(total - read).TotalSeconds:N2} s "
                    + $"({report.Summary.Finished:N0} finished, {report.Summary.OpenItems:N0} open)");
                Console.WriteLine($"read + measure: {total.TotalSeconds:N2} s, {log.EventCount / total.TotalSeconds:N0} changes/s");
                Console.WriteLine($"peak working set (whole process, generation included): {peakWorkingSetReading / MiB:N0} MiB by the end of reading, "
                    + $"{process.PeakWorkingSet64 / MiB:N0} MiB by the end of measuring");
                Console.WriteLine($"peak GC heap (sampled every 5 ms, garbage not yet collected included): {peakHeapReading / MiB:N0} MiB while reading, "
                    + $"{peakHeap / MiB:N0} MiB while reading and measuring");
                Console.WriteLine($"log kept: {retained / MiB:N1} MiB ({(double)retained / log.EventCount:N1} bytes a change); "
                    + $"allocated while reading and measuring: {allocated / MiB:N0} MiB; GC runs (gen0/1/2) {collections}, paused {paused.TotalSeconds:N2} s");
                GC.KeepAlive(log);
                return 0;
            }
            finally
            {
                if (!keep) File.Delete(path);
            }
        }

        /// <summary>
        /// The largest GC heap seen while reading: the last GC's figures miss the moment just before a
        /// collection, which is the peak.
        /// </summary>
        private sealed class HeapSampler : IDisposable
        {
            private readonly Thread thread;
            private volatile bool stopping;
            private long peak;

            public long Peak => Interlocked.Read(ref peak);

            public HeapSampler()
            {
                thread = new Thread(Sample) { IsBackground = true, Name = "heap sampler" };
                thread.Start();
            }

            private void Sample()
            {
                while (!stopping)
                {
                    Interlocked.Exchange(ref peak, Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false)));
                    Thread.Sleep(5);
                }
            }

            public long Stop()
            {
                stopping = true;
                thread.Join();
                return peak;
            }

            public void Dispose() => Stop();
        }
    }
}
