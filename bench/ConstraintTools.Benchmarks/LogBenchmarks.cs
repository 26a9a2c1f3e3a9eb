using System;
using System.Globalization;
using System.IO;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using ConstraintTools.Flow;
using ConstraintTools.Logs;
using ConstraintTools.Statistics;
using ConstraintTools.Yaml;

namespace ConstraintTools.Benchmarks
{
    /// <summary>
    /// Reading a generated changelog of status changes and measuring its flow: the issue asks for at
    /// least a million changes a second on one core for read + measure.
    /// </summary>
    [MemoryDiagnoser]
    [Config(typeof(EventsPerSecondConfig))]
    public class LogBenchmarks
    {
        private string folder = "";
        private string csvPath = "";
        private string jsonLinesPath = "";
        private Workflow workflow = null!;
        private WorkItemLog log = null!;

        [Params(1_000_000)]
        public int Events { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            folder = Directory.CreateTempSubdirectory("ct-log-bench-").FullName;
            csvPath = Path.Combine(folder, "changelog.csv");
            jsonLinesPath = Path.Combine(folder, "changelog.jsonl");
            var generator = new LogGenerator(Events);
            generator.WriteCsv(csvPath);
            generator.WriteJsonLines(jsonLinesPath);
            workflow = WorkflowYaml.Parse(LogGenerator.WorkflowYaml, "generated.yaml");
            log = WorkItemLogReader.Read(csvPath);
            // Timing a read that loses rows, or a measure that maps nothing, would prove nothing.
            Check(log, generator, "CSV");
            Check(WorkItemLogReader.Read(jsonLinesPath), generator, "JSON lines");
            var report = FlowMeasurement.Measure(log, workflow);
            if (report.Summary.OpenItems != generator.OpenItems || report.Summary.Finished + report.Summary.OpenItems != generator.Items
                || report.Summary.UnmappedStatuses.Count != 1)
                throw new InvalidOperationException(
                    $"measured {report.Summary.Finished} finished and {report.Summary.OpenItems} open items, unmapped [{string.Join(", ", report.Summary.UnmappedStatuses)}]; "
                    + $"generated {generator.Items} items of which {generator.OpenItems} open, and only 'Blocked' unmapped");
        }

        private static void Check(WorkItemLog read, LogGenerator generator, string format)
        {
            if (read.EventCount != generator.Events || read.ItemCount != generator.Items || read.SkippedRows != 0 || read.DuplicateRows != 0)
                throw new InvalidOperationException(
                    $"the {format} log reads as {read.EventCount} events of {read.ItemCount} items ({read.SkippedRows} skipped, {read.DuplicateRows} duplicates); "
                    + $"generated {generator.Events} events of {generator.Items} items");
        }

        [GlobalCleanup]
        public void Cleanup() => Directory.Delete(folder, recursive: true);

        [Benchmark]
        public WorkItemLog Read() => WorkItemLogReader.Read(csvPath);

        [Benchmark]
        public FlowReport Measure() => FlowMeasurement.Measure(log, workflow);

        [Benchmark]
        public FlowReport ReadAndMeasure() => FlowMeasurement.Measure(WorkItemLogReader.Read(csvPath), workflow);

        [Benchmark]
        public WorkItemLog ReadJsonLines() => WorkItemLogReader.Read(jsonLinesPath);

        private sealed class EventsPerSecondConfig : ManualConfig
        {
            public EventsPerSecondConfig() => AddColumn(new EventsPerSecondColumn());
        }

        /// <summary>Status changes handled per second: the <see cref="Events"/> parameter over the mean time.</summary>
        private sealed class EventsPerSecondColumn : IColumn
        {
            public string Id => nameof(EventsPerSecondColumn);
            public string ColumnName => "Events/s";
            public bool AlwaysShow => true;
            public ColumnCategory Category => ColumnCategory.Statistics;
            public int PriorityInCategory => 10;
            public bool IsNumeric => true;
            public UnitType UnitType => UnitType.Dimensionless;
            public string Legend => "Status changes per second: Events / Mean";

            public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

            public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
            {
                var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
                if (mean is not double nanoseconds || benchmarkCase.Parameters[nameof(Events)] is not int events) return "-";
                return (events / (nanoseconds / 1e9)).ToString("N0", CultureInfo.InvariantCulture);
            }

            public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
            public bool IsAvailable(Summary summary) => true;
        }
    }
}
