using System;
using BenchmarkDotNet.Attributes;
using ConstraintTools.Queueing;
using ConstraintTools.Yaml;

namespace ConstraintTools.Benchmarks
{
    /// <summary>Import, analysis and both together, for workflows of growing size with rework loops.</summary>
    [MemoryDiagnoser]
    public class WorkflowBenchmarks
    {
        private const string SourceName = "generated.yaml";

        private string yaml = "";
        private Workflow parsed = null!;

        [Params(10, 1000, 10000)]
        public int Stages { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            var generator = new WorkflowGenerator(Stages);
            yaml = generator.Yaml;
            parsed = WorkflowYaml.Parse(yaml, SourceName);
            // Timing a workflow that analyses to the wrong answer would prove nothing.
            var report = WorkflowAnalyzer.Analyze(Fresh(parsed));
            if (report.Constraint != generator.ExpectedConstraint || !report.IsStable)
                throw new InvalidOperationException(
                    $"the generated workflow of {Stages} stages analyses to constraint '{report.Constraint}' (stable: {report.IsStable}); expected '{generator.ExpectedConstraint}', stable");
        }

        [Benchmark]
        public Workflow Import() => WorkflowYaml.Parse(yaml, SourceName);

        /// <summary>A fresh Workflow each time, because a Workflow keeps its compiled network and compiling is part of analysis.</summary>
        [Benchmark]
        public ConstraintReport Analyse() => WorkflowAnalyzer.Analyze(Fresh(parsed));

        [Benchmark]
        public ConstraintReport ImportAndAnalyse() => WorkflowAnalyzer.Analyze(WorkflowYaml.Parse(yaml, SourceName));

        /// <summary>Same stages, no cached network: the copy costs nothing next to what is measured.</summary>
        internal static Workflow Fresh(Workflow w) => new Workflow(w);
    }
}
