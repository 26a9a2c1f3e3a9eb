using System;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using ConstraintTools.Simulation;
using ConstraintTools.Statistics;
using ConstraintTools.Yaml;

namespace ConstraintTools.Benchmarks
{
    /// <summary>
    /// The simulator's speed in stage visits per second (issue 5: at least 5,000,000 per core) on a
    /// 10-stage line and on the 100-stage network with rework of <see cref="WorkflowGenerator"/>, and how
    /// replications scale with cores.
    /// </summary>
    [MemoryDiagnoser]
    [Config(typeof(VisitsPerSecondConfig))]
    public class SimulationBenchmarks
    {
        private Workflow workflow = null!;

        [Params("Line10", "Network100")]
        public string Model { get; set; } = "";

        [GlobalSetup]
        public void Setup() => workflow = Build(Model);

        /// <summary>One replication on one core.</summary>
        [Benchmark]
        public SimulationResult OneReplication() => FlowSimulator.Run(workflow, Options(Model, 1, 1));

        /// <summary>Eight replications, one at a time.</summary>
        [Benchmark]
        public SimulationResult EightReplicationsOneCore() => FlowSimulator.Run(workflow, Options(Model, 8, 1));

        /// <summary>Eight replications on every core.</summary>
        [Benchmark]
        public SimulationResult EightReplicationsAllCores() => FlowSimulator.Run(workflow, Options(Model, 8, null));

        /// <summary>Durations chosen for about a million stage visits a replication.</summary>
        internal static SimulationOptions Options(string model, int replications, int? parallelism) => new SimulationOptions
        {
            Duration = TimeSpan.FromDays(7 * (model == "Line10" ? 2500 : 800)),
            WarmUp = TimeSpan.FromDays(7 * 10),
            Replications = replications,
            Seed = 1,
            MaxParallelism = parallelism,
        };

        internal static Workflow Build(string model)
        {
            if (model == "Network100") return WorkflowYaml.Parse(new WorkflowGenerator(100).Yaml, "network100.yaml");
            // Ten stages in a line, every hour of the week, at 50–85 % with one to three servers and cvs from 0.5 to 1.5.
            var stages = Enumerable.Range(0, 10).Select(i =>
            {
                var servers = 1 + i % 3;
                var utilization = 0.5 + 0.035 * i;
                return new WorkflowStage($"Stage {i + 1:D2}")
                {
                    Servers = servers,
                    ServiceTimeHours = utilization * servers * 168 / 40,
                    Cv = 0.5 + 0.1 * i,
                };
            }).ToArray();
            return new Workflow("Line10") { Calendar = WorkCalendar.AllHours, DemandPerWeek = 40, Stages = stages };
        }

        private sealed class VisitsPerSecondConfig : ManualConfig
        {
            public VisitsPerSecondConfig() => AddColumn(new VisitsPerSecondColumn());
        }

        /// <summary>
        /// Stage visits per second of wall time. The visits of a case are found by running it once more in
        /// the host process: the simulation is seeded, so the count is the one the benchmark process had.
        /// </summary>
        private sealed class VisitsPerSecondColumn : IColumn
        {
            public string Id => nameof(VisitsPerSecondColumn);
            public string ColumnName => "Visits/s";
            public bool AlwaysShow => true;
            public ColumnCategory Category => ColumnCategory.Statistics;
            public int PriorityInCategory => 10;
            public bool IsNumeric => true;
            public UnitType UnitType => UnitType.Dimensionless;
            public string Legend => "Stage visits simulated per second of wall time";

            public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

            public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
            {
                var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
                if (mean is not double nanoseconds || benchmarkCase.Parameters[nameof(Model)] is not string model) return "-";
                var replications = benchmarkCase.Descriptor.WorkloadMethod.Name == nameof(OneReplication) ? 1 : 8;
                var visits = FlowSimulator.Run(Build(model), Options(model, replications, null)).Summary.StageVisits;
                return (visits / (nanoseconds / 1e9)).ToString("N0", CultureInfo.InvariantCulture);
            }

            public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
            public bool IsAvailable(Summary summary) => true;
        }
    }
}
