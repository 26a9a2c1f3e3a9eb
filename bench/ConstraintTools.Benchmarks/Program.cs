using BenchmarkDotNet.Running;

namespace ConstraintTools.Benchmarks
{
    public static class Program
    {
        // BenchmarkSwitcher rather than BenchmarkRunner so --filter, --job and friends work from the command line.
        // "memory" runs one large log outside BenchmarkDotNet, whose repeated runs would hide the peak of a single one.
        // "yardstick [logs a kind] [first seed]" scores the constraint found in known-answer logs (issue 13): accuracy, not time.
        public static int Main(string[] args)
        {
            if (args.Length > 0 && args[0] == "memory") return LogMemoryRun.Run(args[1..]);
            if (args.Length > 0 && args[0] == "yardstick")
            {
                var perKind = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100;
                var firstSeed = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1;
                System.Console.Write(Tests.KnownAnswerYardstick.Report(Tests.KnownAnswerYardstick.Run(perKind, firstSeed)));
                return 0;
            }
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
            return 0;
        }
    }
}
