using BenchmarkDotNet.Running;

namespace ConstraintTools.Benchmarks
{
    public static class Program
    {
        // BenchmarkSwitcher rather than BenchmarkRunner so --filter, --job and friends work from the command line.
        // "memory" runs one large log outside BenchmarkDotNet, whose repeated runs would hide the peak of a single one.
        public static int Main(string[] args)
        {
            if (args.Length > 0 && args[0] == "memory") return LogMemoryRun.Run(args[1..]);
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
            return 0;
        }
    }
}
