using System;
using System.Linq;
using System.Threading;
using ConstraintTools.Forecasting;

namespace ConstraintTools.Tests;

/// <summary>
/// Monte Carlo forecasts from throughput history (issue 5): exact answers where the history leaves no
/// chance, daily histories counted by hand from a log, and the quantile definitions checked against
/// distributions computed exactly.
/// </summary>
public class ForecastTests
{
    private static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static DateTime Day(int day) => new(2026, 1, day, 0, 0, 0, DateTimeKind.Utc);

    private static ForecastOptions Options(int trials = 10_000, int seed = 1, int? maxParallelism = null) =>
        new() { Start = Start, Trials = trials, Seed = seed, MaxParallelism = maxParallelism };

    private static ThroughputHistory Counts(params int[] itemsPerDay) => ThroughputHistory.FromCounts(itemsPerDay);

    [Fact]
    public void AForecastFromAConstantThroughputIsExact()
    {
        var history = Counts(5, 5, 5, 5);

        var when = ThroughputForecast.WhenDone(history, 50, Options());
        Assert.Equal(new[] { 0.5, 0.85, 0.95 }, when.Select(f => f.Likelihood));
        Assert.All(when, f =>
        {
            Assert.Equal((ForecastQuestion.When, 50, 10, Start, Start.AddDays(10)), (f.Question, f.Items, f.Days, f.Start, f.Date));
            Assert.Equal(("throughput", (string?)null, 10_000, 1, 4, 5.0), (f.Source, f.Workflow, f.Trials, f.Seed, f.HistoryDays, f.ThroughputPerDay));
            Assert.Null(f.HistoryFrom);
        });

        var howMany = ThroughputForecast.HowManyBy(history, Start.AddDays(10), Options());
        Assert.All(howMany, f => Assert.Equal((ForecastQuestion.HowMany, 50, 10, Start.AddDays(10)), (f.Question, f.Items, f.Days, f.Date)));
    }

    [Fact]
    public void TheLastDaysWorkCountsButADayCutShortDoesNot()
    {
        // 51 items need an 11th day of 5; By with a time of day counts only the whole days before it.
        var history = Counts(5);

        Assert.All(ThroughputForecast.WhenDone(history, 51, Options()), f => Assert.Equal((11, Day(12)), (f.Days, f.Date)));
        Assert.All(ThroughputForecast.WhenDone(history, 1, Options()), f => Assert.Equal((1, Day(2)), (f.Days, f.Date)));
        Assert.All(ThroughputForecast.HowManyBy(history, Day(11).AddHours(18), Options()), f => Assert.Equal((50, 10, Day(11)), (f.Items, f.Days, f.Date)));
    }

    [Fact]
    public void StartIsAUtcDayAndByWithoutAKindIsUtc()
    {
        var options = Options();
        options.Start = new DateTime(2026, 1, 1, 15, 30, 0, DateTimeKind.Unspecified);

        var forecast = ThroughputForecast.HowManyBy(Counts(2), new DateTime(2026, 1, 4), options)[0];

        Assert.Equal((Start, DateTimeKind.Utc, 3, 6), (forecast.Start, forecast.Start.Kind, forecast.Days, forecast.Items));
    }

    /// <summary>
    /// History {0, 0, 2}: each day finishes 2 items with probability 1/3, so the days K until 2 items are done
    /// are geometric, P(K ≤ k) = 1 − (2/3)^k: 0.333, 0.556, 0.704, 0.802, 0.868, 0.912, 0.941, 0.961, …
    /// The answer at likelihood p is the smallest k with P(K ≤ k) ≥ p: 2 days at 50 %, 5 at 85 %, 8 at 95 %.
    /// </summary>
    [Fact]
    public void WhenIsTheNearestRankQuantileOfTheDaysNeeded()
    {
        var forecasts = ThroughputForecast.WhenDone(Counts(0, 0, 2), 2, Options(trials: 100_000));

        foreach (var forecast in forecasts)
        {
            var expected = Enumerable.Range(1, 100).First(k => 1 - Math.Pow(2.0 / 3, k) >= forecast.Likelihood);
            // Far enough from the boundary for 100,000 trials: P(K ≤ k − 1) < p − 0.008 and P(K ≤ k) > p + 0.01.
            Assert.True(1 - Math.Pow(2.0 / 3, expected - 1) < forecast.Likelihood - 0.008);
            Assert.True(1 - Math.Pow(2.0 / 3, expected) > forecast.Likelihood + 0.01);
            Assert.Equal(expected, forecast.Days);
        }
        Assert.Equal(new[] { 2, 5, 8 }, forecasts.Select(f => f.Days));
    }

    /// <summary>
    /// History {0, 2} over 4 days: the total is 2·Binomial(4, 1/2), so P(total ≥ 8, 6, 4, 2, 0) = 1/16, 5/16,
    /// 11/16, 15/16, 1. At likelihood p the answer is the most items reached with probability at least p:
    /// 4 at 50 %, 2 at 85 %, and 0 at 95 % (15/16 = 0.9375 falls short of it).
    /// </summary>
    [Fact]
    public void HowManyIsTheCountReachedWithTheLikelihood()
    {
        var forecasts = ThroughputForecast.HowManyBy(Counts(0, 2), Start.AddDays(4), Options(trials: 100_000));

        Assert.Equal(new[] { 4, 2, 0 }, forecasts.Select(f => f.Items));
        Assert.All(forecasts, f => Assert.Equal(4, f.Days));
    }

    [Fact]
    public void OneTrialIsTheAnswerAtEveryLikelihood()
    {
        var forecasts = ThroughputForecast.WhenDone(Counts(0, 1, 2, 3, 9), 30, Options(trials: 1));

        Assert.Single(forecasts.Select(f => f.Days).Distinct());
    }

    [Fact]
    public void TheSameSeedGivesTheSameForecastAndAnotherSeedAnother()
    {
        var history = Counts(Enumerable.Range(0, 40).Select(d => d * d % 17).ToArray());

        int[] Items(int seed) => ThroughputForecast.HowManyBy(history, Start.AddDays(30), Options(trials: 1000, seed: seed)).Select(f => f.Items).ToArray();
        int[] Days(int seed) => ThroughputForecast.WhenDone(history, 500, Options(trials: 1000, seed: seed)).Select(f => f.Days).ToArray();

        Assert.Equal(Items(1), Items(1));
        Assert.Equal(Days(7), Days(7));
        Assert.NotEqual(Items(1), Items(2));
        Assert.Equal(7, ThroughputForecast.WhenDone(history, 500, Options(seed: 7))[0].Seed);
    }

    [Fact]
    public void TheForecastDoesNotDependOnHowManyThreadsRunIt()
    {
        var history = Counts(3, 0, 7, 1, 4, 0, 0, 9, 2);

        var serial = ThroughputForecast.WhenDone(history, 300, Options(trials: 25_500, maxParallelism: 1));
        var parallel = ThroughputForecast.WhenDone(history, 300, Options(trials: 25_500));

        Assert.Equal(serial.Select(f => f.Days), parallel.Select(f => f.Days));
    }

    [Fact]
    public void ReportsProgressInTrialsAndStopsWhenCancelled()
    {
        var reported = 0;
        ThroughputForecast.WhenDone(Counts(1, 2), 10, Options(trials: 2500), n => InterlockedMax(ref reported, n));
        Assert.Equal(2500, reported);

        using var cancel = new CancellationTokenSource();
        var done = 0;
        Assert.ThrowsAny<OperationCanceledException>(() =>
            ThroughputForecast.WhenDone(Counts(1, 2), 10, Options(trials: ThroughputForecast.MaxTrials, maxParallelism: 1), n => { done = n; cancel.Cancel(); }, cancel.Token));
        Assert.Equal(ThroughputForecast.TrialsPerChunk, done);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }

    [Fact]
    public void ZeroThroughputCannotFinishItemsButFinishesNoneByADate()
    {
        var error = Assert.Throws<WindowException>(() => ThroughputForecast.WhenDone(Counts(0, 0, 0), 1, Options()));
        Assert.Equal(WindowProblem.NoThroughput, error.Problem);
        Assert.Contains("every day of the history has 0 items", error.Message);

        Assert.All(ThroughputForecast.HowManyBy(Counts(0, 0, 0), Start.AddDays(30), Options()), f => Assert.Equal(0, f.Items));
    }

    [Fact]
    public void ATrialLongerThanAHundredYearsIsAnError()
    {
        var error = Assert.Throws<WorkLimitException>(() => ThroughputForecast.WhenDone(Counts(1), ThroughputForecast.MaxDays + 1, Options(trials: 1)));
        Assert.Equal(WorkLimit.ForecastDays, error.Limit);
        Assert.Contains("36,525 days", error.Message);

        Assert.All(ThroughputForecast.WhenDone(Counts(1), ThroughputForecast.MaxDays, Options(trials: 1)), f => Assert.Equal(ThroughputForecast.MaxDays, f.Days));
    }

    [Fact]
    public void AForecastOfHoursOfWorkIsRefusedBeforeItStarts()
    {
        // One item a day: 30,000 items take 30,000 days a trial, times 10 million trials is 3e11 days to draw.
        var when = Assert.Throws<WorkLimitException>(() => ThroughputForecast.WhenDone(Counts(1), 30_000, Options(trials: 10_000_000)));
        Assert.Equal("This forecast would draw about 300,000,000,000 days (10,000,000 trials of about 30,000 days), more than the 100,000,000,000 allowed (several minutes of work); run fewer trials, or forecast fewer items than 30,000.", when.Message);

        var howMany = Assert.Throws<WorkLimitException>(() => ThroughputForecast.HowManyBy(Counts(1), Start.AddDays(20_000), Options(trials: 5_000_001)));
        Assert.Contains("about 100,000,020,000 days", howMany.Message);
        Assert.Contains("choose an earlier By", howMany.Message);

        // A trial that could never finish is capped at the hundred years it may run, not counted as endless.
        Assert.Contains("of about 36,525 days", Assert.Throws<WorkLimitException>(() => ThroughputForecast.WhenDone(Counts(0, 1), 1_000_000, Options(trials: 3_000_000))).Message);
    }

    [Fact]
    public void MessagesWriteNumbersTheSameInAnyCulture()
    {
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            var error = Assert.Throws<WorkLimitException>(() => ThroughputForecast.WhenDone(Counts(1), 30_000, Options(trials: 10_000_000)));
            Assert.EndsWith("run fewer trials, or forecast fewer items than 30,000.", error.Message);
            Assert.Contains("about 300,000,000,000 days", error.Message);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void RejectsArgumentsOutOfRange()
    {
        var history = Counts(1, 2);
        Assert.Equal("items", Assert.Throws<ArgumentException>(() => ThroughputForecast.WhenDone(history, 0, Options())).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => ThroughputForecast.WhenDone(history, 5, Options(trials: 0))).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => ThroughputForecast.WhenDone(history, 5, Options(trials: ThroughputForecast.MaxTrials + 1))).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => ThroughputForecast.WhenDone(history, 5, new ForecastOptions())).ParamName);
        Assert.Equal(WindowProblem.By, Assert.Throws<WindowException>(() => ThroughputForecast.HowManyBy(history, Start.AddHours(23), Options())).Problem);
        Assert.Equal(WindowProblem.By, Assert.Throws<WindowException>(() => ThroughputForecast.HowManyBy(history, Start.AddDays(-3), Options())).Problem);
        Assert.Equal(WindowProblem.By, Assert.Throws<WindowException>(() => ThroughputForecast.HowManyBy(history, Start.AddDays(ThroughputForecast.MaxDays + 1), Options())).Problem);
        Assert.Equal(WindowProblem.By, Assert.Throws<WindowException>(() => ThroughputForecast.HowManyBy(Counts(int.MaxValue / 2), Start.AddDays(3), Options())).Problem);
        Assert.Throws<ArgumentException>(() => Counts());
        Assert.Contains("day 2", Assert.Throws<ArgumentException>(() => Counts(1, -1)).Message);
    }

    /// <summary>
    /// Hours after Monday 5 January 2026, 00:00 UTC. Finishes: A at 20 h (5 Jan), B at 30 and C at 40 (6 Jan),
    /// D at 50 (7 Jan) but reopened at 75 and done again at 80 (8 Jan), E at 82 (8 Jan), F at 100, G at 105 and
    /// H at 110 (9 Jan). The first change is at 10 h and the last at 110 h, so 5 and 9 January are partial days.
    /// </summary>
    private static readonly (string Id, double Hours, string Status)[] Rows =
    {
        ("A", 10, "Ready"), ("A", 20, "Done"),
        ("B", 12, "Ready"), ("B", 14, "In Progress"), ("B", 30, "Done"),
        ("C", 13, "Ready"), ("C", 40, "Done"),
        ("D", 15, "Ready"), ("D", 50, "Done"), ("D", 75, "In Progress"), ("D", 80, "Done"),
        ("E", 16, "Ready"), ("E", 82, "Done"),
        ("F", 20, "Ready"), ("F", 90, "In Progress"), ("F", 100, "Done"),
        ("G", 21, "Ready"), ("G", 105, "Done"),
        ("H", 22, "Ready"), ("H", 110, "Done"),
    };

    [Fact]
    public void ALogsHistoryCountsItsWholeDaysOnly()
    {
        var history = ThroughputHistory.FromLog(FlowMeasurementTests.Build(Rows), FlowMeasurementTests.Delivery());

        // 6, 7 and 8 January; D counts on the 8th, where it was finished again after its reopening.
        Assert.Equal(new[] { 2, 0, 2 }, history.ItemsPerDay);
        Assert.Equal((Day(6), Day(9), Day(10)), (history.From, history.To, history.NextDay));
        Assert.Equal(("ordered", "Delivery", 4L, 4 / 3.0), (history.Source, history.Workflow, history.TotalItems, history.ThroughputPerDay));
    }

    [Fact]
    public void AWindowFromMidnightToMidnightCountsEveryDay()
    {
        var history = ThroughputHistory.FromLog(FlowMeasurementTests.Build(Rows), FlowMeasurementTests.Delivery(), Day(5), Day(10));

        Assert.Equal(new[] { 1, 2, 0, 2, 3 }, history.ItemsPerDay);
        Assert.Equal((Day(5), Day(10), Day(10)), (history.From, history.To, history.NextDay));
    }

    [Fact]
    public void TheWindowsEndIsTheMeasurementTime()
    {
        // At 8 January 00:00 D is done since the 7th: its reopening comes later.
        var history = ThroughputHistory.FromLog(FlowMeasurementTests.Build(Rows), FlowMeasurementTests.Delivery(), to: Day(8));
        Assert.Equal(new[] { 2, 1 }, history.ItemsPerDay);
        Assert.Equal(Day(8), history.NextDay);

        // Ending at noon, the 8th is partial: out of the history, and the forecast starts the next day.
        var noon = ThroughputHistory.FromLog(FlowMeasurementTests.Build(Rows), FlowMeasurementTests.Delivery(), to: Day(8).AddHours(12));
        Assert.Equal((Day(8), Day(9)), (noon.To, noon.NextDay));
    }

    [Fact]
    public void AForecastFromALogStartsTheDayAfterItsWindow()
    {
        var history = ThroughputHistory.FromLog(FlowMeasurementTests.Build(Rows), FlowMeasurementTests.Delivery());

        var forecast = ThroughputForecast.WhenDone(history, 2, new ForecastOptions())[0];

        Assert.Equal((Day(10), "ordered", "Delivery", 3, Day(6), Day(9)), (forecast.Start, forecast.Source, forecast.Workflow, forecast.HistoryDays, forecast.HistoryFrom, forecast.HistoryTo));
    }

    [Fact]
    public void ALogWindowWithoutAWholeDayOrAFinishedItemIsAnError()
    {
        var log = FlowMeasurementTests.Build(Rows);
        Assert.Contains("no whole UTC day", Assert.Throws<WindowException>(() => ThroughputHistory.FromLog(log, FlowMeasurementTests.Delivery(), Day(5).AddHours(1), Day(6).AddHours(23))).Message);

        var noDone = new Workflow("No done") { Stages = FlowMeasurementTests.Delivery().Stages };
        var history = ThroughputHistory.FromLog(log, noDone);
        Assert.Equal(0, history.TotalItems);
        Assert.Contains("lists no doneStates", Assert.Throws<WindowException>(() => ThroughputForecast.WhenDone(history, 5, new ForecastOptions())).Message);
    }
}
