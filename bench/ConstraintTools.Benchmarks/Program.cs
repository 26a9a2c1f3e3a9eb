using BenchmarkDotNet.Running;

namespace ConstraintTools.Benchmarks
{
    public static class Program
    {
        // BenchmarkSwitcher rather than BenchmarkRunner so --filter, --job and friends work from the command line.
        public static void Main(string[] args) =>
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
