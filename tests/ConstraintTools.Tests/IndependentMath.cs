using System;
using System.Collections.Generic;
using System.Linq;
using ConstraintTools.Simulation;

namespace ConstraintTools.Tests;

/// <summary>
/// SPEC section 3 written out again, from the public model only, in the most literal form:
/// dense matrices, factorial sums, plain iteration. Deliberately shares no code with the engine
/// (which uses sparse elimination, the Erlang B recursion and a Newton step), so that a test
/// comparing the two catches a mistake in either.
/// </summary>
internal sealed class IndependentModel
{
    public const double HoursPerWeek = 168;

    public IndependentModel(Workflow workflow)
    {
        Workflow = workflow;
        var stages = workflow.Stages;
        N = stages.Count;
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < N; i++) index[stages[i].Name] = i;

        P = new double[N, N];
        Exit = new double[N];
        Entry = new double[N];
        Entry[workflow.EntryStage is null ? 0 : index[workflow.EntryStage]] = 1;
        Capacity = new double[N];
        ServiceWeeks = new double[N];
        TouchHours = new double[N];
        CadenceWeeks = new double[N];
        Servers = new int[N];
        Measured = new bool[N];
        for (var i = 0; i < N; i++)
        {
            var stage = stages[i];
            if (stage.Routes.Count == 0)
            {
                if (i + 1 < N) P[i, i + 1] = 1;
                else Exit[i] = 1;
            }
            foreach (var route in stage.Routes)
            {
                if (route.To is null) Exit[i] += route.Probability;
                else P[i, index[route.To]] += route.Probability;
            }

            var hoursPerWeek = (stage.Calendar ?? workflow.Calendar).HoursPerDay * (stage.Calendar ?? workflow.Calendar).DaysPerWeek;
            Servers[i] = stage.Servers;
            Measured[i] = stage.ServiceTimeHours.HasValue || stage.CapacityPerWeek.HasValue || stage.Cadence.HasValue;
            Capacity[i] = double.PositiveInfinity;
            if (stage.ServiceTimeHours is double hours)
            {
                ServiceWeeks[i] = hours / (stage.Availability * hoursPerWeek);
                TouchHours[i] = hours;
                if (stage.Cadence is null) Capacity[i] = stage.Servers * stage.Availability * hoursPerWeek / hours;
            }
            if (stage.CapacityPerWeek is double given)
            {
                Capacity[i] = given;
                // A stage given as a rate is an M/M/m with m servers sharing it: each takes m/μ per item.
                ServiceWeeks[i] = stage.Servers / given;
            }
            if (stage.Cadence is TimeSpan cadence)
            {
                CadenceWeeks[i] = cadence.TotalHours / HoursPerWeek;
                if (stage.BatchSize is int batch) Capacity[i] = batch / CadenceWeeks[i];
            }
        }
        Lambda = workflow.DemandPerWeek;
        Visits = SolveTraffic();
    }

    public Workflow Workflow { get; }
    public int N { get; }
    public double Lambda { get; }

    /// <summary>P[i, j]: the share of work leaving stage i that goes to stage j.</summary>
    public double[,] P { get; }

    public double[] Exit { get; }
    public double[] Entry { get; }
    public double[] Capacity { get; }
    public double[] ServiceWeeks { get; }
    public double[] TouchHours { get; }
    public double[] CadenceWeeks { get; }
    public int[] Servers { get; }
    public bool[] Measured { get; }
    public double[] Visits { get; }

    public int Index(string name) => Workflow.Stages.Select((s, i) => (s, i)).First(x => string.Equals(x.s.Name, name, StringComparison.OrdinalIgnoreCase)).i;

    public double OfferedLoad(int i) => double.IsPositiveInfinity(Capacity[i]) ? 0 : Lambda * Visits[i] / Capacity[i];

    /// <summary>(I − Pᵀ) V = e by dense Gaussian elimination.</summary>
    private double[] SolveTraffic()
    {
        var a = new double[N, N];
        for (var j = 0; j < N; j++)
        {
            a[j, j] = 1;
            for (var i = 0; i < N; i++) a[j, i] -= P[i, j];
        }
        return IndependentMath.SolveDense(a, (double[])Entry.Clone());
    }

    /// <summary>
    /// The fluid fixed point a = λe + Pᵀ·min(a, μ), by plain iteration from zero: the map is monotone,
    /// so the iterates rise to the least fixed point; every loop leaks, so they get there geometrically.
    /// </summary>
    public double[] FluidArrivals()
    {
        var a = new double[N];
        for (var round = 0; round < 100_000; round++)
        {
            var next = new double[N];
            for (var j = 0; j < N; j++)
            {
                next[j] = Lambda * Entry[j];
                for (var i = 0; i < N; i++) next[j] += Math.Min(a[i], Capacity[i]) * P[i, j];
            }
            var change = 0.0;
            for (var j = 0; j < N; j++) change = Math.Max(change, Math.Abs(next[j] - a[j]));
            a = next;
            if (change <= 1e-15 * Math.Max(1, Lambda)) return a;
        }
        throw new InvalidOperationException("the fluid iteration did not settle");
    }

    /// <summary>Mean wait in an M/M/m queue, in weeks, for this stage at arrival rate a.</summary>
    public double MmmWaitWeeks(int i, double a) => IndependentMath.MmmWait(Servers[i], a, Capacity[i] / Servers[i]);
}

internal static class IndependentMath
{
    /// <summary>Ax = b with partial pivoting; A and b are overwritten.</summary>
    public static double[] SolveDense(double[,] a, double[] b)
    {
        var n = b.Length;
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < n; r++)
                if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col])) pivot = r;
            if (a[pivot, col] == 0) throw new InvalidOperationException("singular traffic equations");
            if (pivot != col)
            {
                for (var c = 0; c < n; c++) (a[col, c], a[pivot, c]) = (a[pivot, c], a[col, c]);
                (b[col], b[pivot]) = (b[pivot], b[col]);
            }
            for (var r = col + 1; r < n; r++)
            {
                var factor = a[r, col] / a[col, col];
                if (factor == 0) continue;
                for (var c = col; c < n; c++) a[r, c] -= factor * a[col, c];
                b[r] -= factor * b[col];
            }
        }
        var x = new double[n];
        for (var r = n - 1; r >= 0; r--)
        {
            var sum = b[r];
            for (var c = r + 1; c < n; c++) sum -= a[r, c] * x[c];
            x[r] = sum / a[r, r];
        }
        return x;
    }

    public static double Factorial(int k)
    {
        var f = 1.0;
        for (var i = 2; i <= k; i++) f *= i;
        return f;
    }

    /// <summary>Erlang C by the textbook factorial sum, for offered load A = λ/μ₁ &lt; m.</summary>
    public static double ErlangC(int m, double offered)
    {
        var sum = 0.0;
        for (var k = 0; k < m; k++) sum += Math.Pow(offered, k) / Factorial(k);
        var top = Math.Pow(offered, m) / Factorial(m) * m / (m - offered);
        return top / (sum + top);
    }

    public static double MmmWait(int m, double lambda, double serverRate) =>
        ErlangC(m, lambda / serverRate) / (m * serverRate - lambda);

    /// <summary>Mean number in an M/M/m system, L = A + C·A/(m − A): a second route to WIP.</summary>
    public static double MmmInSystem(int m, double lambda, double serverRate)
    {
        var offered = lambda / serverRate;
        return offered + ErlangC(m, offered) * offered / (m - offered);
    }

    /// <summary>Allen–Cunneen: the M/M/m wait scaled by (ca² + cs²)/2.</summary>
    public static double AllenCunneen(int m, double lambda, double serverRate, double arrivalScv, double serviceScv) =>
        MmmWait(m, lambda, serverRate) * (arrivalScv + serviceScv) / 2;

    /// <summary>Hopp &amp; Spearman linking equation, as SPEC section 3 writes it.</summary>
    public static double DepartureScv(double utilization, int m, double arrivalScv, double serviceScv) =>
        1 + (1 - utilization * utilization) * (arrivalScv - 1) + utilization * utilization * (serviceScv - 1) / Math.Sqrt(m);

    public static double Split(double p, double scv) => p * scv + 1 - p;
}

internal static class Expect
{
    public const double Relative = 1e-9;

    public static void Close(double expected, double? actual, string what, double relative = Relative, double absolute = 0)
    {
        Assert.True(actual.HasValue, $"{what}: expected {expected:R}, got null");
        var tolerance = Math.Max(absolute, relative * Math.Abs(expected));
        Assert.True(Math.Abs(actual!.Value - expected) <= tolerance,
            $"{what}: expected {expected:R}, got {actual.Value:R} (difference {actual.Value - expected:R}, tolerance {tolerance:R})");
    }

    /// <summary>A duration at 1e-9 relative; a TimeSpan holds whole ticks, so one tick is always allowed.</summary>
    public static void Hours(double expectedHours, TimeSpan? actual, string what)
    {
        Assert.True(actual.HasValue, $"{what}: expected {expectedHours:R} h, got null");
        var expectedTicks = expectedHours * TimeSpan.TicksPerHour;
        var tolerance = Math.Max(1, Relative * Math.Abs(expectedTicks));
        Assert.True(Math.Abs(actual!.Value.Ticks - expectedTicks) <= tolerance,
            $"{what}: expected {expectedHours:R} h, got {actual.Value.TotalHours:R} h");
    }

    public static StageMetrics Stage(ConstraintReport report, string name) =>
        report.Stages.Single(s => string.Equals(s.Stage, name, StringComparison.OrdinalIgnoreCase));
}
