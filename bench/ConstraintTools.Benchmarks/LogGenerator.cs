using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace ConstraintTools.Benchmarks
{
    /// <summary>
    /// Writes a realistic Jira-like changelog (Key, Changed, From, To) of a given number of status
    /// changes: items arrive about every 10 minutes and flow through five stages, each with a queue
    /// and an active status. One review in five requests changes and one test in ten fails, both going
    /// back to development; one item in twenty is blocked for a while after analysis (a status no
    /// stage maps). Queues are often passed through at once, so many changes share an instant. Each
    /// change carries the offset of whoever made it (+01:00, Z, -05:00, +05:30), one item in twenty is
    /// written with milliseconds, and the items still in flight when the log ends stay open.
    /// </summary>
    /// <remarks>
    /// Rows come out in time order, items interleaved, as a changelog export writes them. The generator
    /// keeps only the items in flight, so writing 10 million changes takes little memory.
    /// </remarks>
    public sealed class LogGenerator
    {
        /// <summary>The workflow the log follows, the one of examples/delivery-log.yaml.</summary>
        public const string WorkflowYaml = """
            name: Delivery (generated changelog)
            calendar:
              hoursPerDay: 8
              daysPerWeek: 5
            demand:
              rate: 30/week
              cv: 1.0
            doneStates: [Done]
            stages:
              - name: Analysis
                servers: 2
                serviceTime: 2h
                cv: 0.8
                states: [Analysis]
                queue: [To Do]
              - name: Development
                servers: 10
                serviceTime: 1d
                cv: 0.8
                states: [In Progress]
                queue: [Ready for Dev, Changes Requested]
              - name: Code Review
                servers: 2
                serviceTime: 2.25h
                cv: 1.0
                states: [In Review]
                queue: [Ready for Review]
                next:
                  - { to: Development, probability: 0.2 }
                  - { to: Test, probability: 0.8 }
              - name: Test
                servers: 2
                serviceTime: 1.5h
                cv: 0.5
                states: [Testing]
                queue: [Ready for Test]
              - name: Deploy
                serviceTime: 30m
                cv: 0.3
                states: [Deploying]
                queue: [Ready to Deploy]
                next: done
            """;

        private const string Header = "Key,Changed,From,To";
        private const double MeanArrivalGapMinutes = 10;
        private const double ChangesRequestedShare = 0.2;
        private const double TestFailedShare = 0.1;
        private const double BlockedShare = 0.05;
        private const double PassedAtOnceShare = 0.4;
        private const double MillisecondsShare = 0.05;
        private static readonly DateTime Start = new DateTime(2026, 6, 1, 7, 0, 0, DateTimeKind.Utc);

        private enum Status { ToDo, Analysis, Blocked, ReadyForDev, InProgress, ReadyForReview, InReview, ChangesRequested, ReadyForTest, Testing, ReadyToDeploy, Deploying, Done }

        private static readonly string[] StatusNames =
        {
            "To Do", "Analysis", "Blocked", "Ready for Dev", "In Progress", "Ready for Review", "In Review", "Changes Requested",
            "Ready for Test", "Testing", "Ready to Deploy", "Deploying", "Done",
        };

        /// <summary>Mean hours spent in each status, in <see cref="Status"/> order.</summary>
        private static readonly double[] MeanHours = { 8, 2, 48, 12, 16, 10, 2, 6, 6, 3, 12, 0.5, 0 };

        private static readonly (TimeSpan Offset, string Text)[] Offsets =
        {
            (TimeSpan.FromHours(1), "+01:00"), (TimeSpan.Zero, "Z"), (TimeSpan.FromHours(-5), "-05:00"), (new TimeSpan(5, 30, 0), "+05:30"),
        };

        private static readonly double[] OffsetShares = { 0.6, 0.2, 0.15, 0.05 };

        private readonly int seed;

        public LogGenerator(int events, int seed = 20260601)
        {
            if (events < 1) throw new ArgumentOutOfRangeException(nameof(events), "at least one status change");
            Events = events;
            this.seed = seed;
        }

        public int Events { get; }

        /// <summary>Items still in flight when the last change was written; filled in by the last write.</summary>
        public int OpenItems { get; private set; }

        public int Items { get; private set; }

        public void WriteCsv(string path)
        {
            using var writer = NewWriter(path);
            writer.Write(Header);
            writer.Write('\n');
            var line = new StringBuilder(96);
            foreach (var change in Changes())
            {
                line.Clear();
                line.Append(change.Key).Append(',');
                AppendTimestamp(line, change);
                line.Append(',').Append(change.From).Append(',').Append(change.To).Append('\n');
                writer.Write(line);
            }
        }

        /// <summary>The same changes as JSON lines, with the same property names as the CSV's columns.</summary>
        public void WriteJsonLines(string path)
        {
            using var writer = NewWriter(path);
            var line = new StringBuilder(128);
            foreach (var change in Changes())
            {
                line.Clear();
                line.Append("{\"key\":\"").Append(change.Key).Append("\",\"changed\":\"");
                AppendTimestamp(line, change);
                line.Append("\",\"from\":");
                if (change.From.Length == 0) line.Append("null");
                else line.Append('"').Append(change.From).Append('"');
                line.Append(",\"to\":\"").Append(change.To).Append("\"}\n");
                writer.Write(line);
            }
        }

        private static StreamWriter NewWriter(string path) => new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);

        private static void AppendTimestamp(StringBuilder line, in Change change)
        {
            var local = new DateTime(change.UtcTicks, DateTimeKind.Unspecified) + change.Offset.Offset;
            line.Append(local.ToString(change.Milliseconds ? "yyyy-MM-ddTHH:mm:ss.fff" : "yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture));
            line.Append(change.Offset.Text);
        }

        private readonly struct Change
        {
            public Change(string key, long utcTicks, (TimeSpan Offset, string Text) offset, bool milliseconds, string from, string to)
            {
                Key = key;
                UtcTicks = utcTicks;
                Offset = offset;
                Milliseconds = milliseconds;
                From = from;
                To = to;
            }

            public string Key { get; }
            public long UtcTicks { get; }
            public (TimeSpan Offset, string Text) Offset { get; }
            public bool Milliseconds { get; }
            public string From { get; }
            public string To { get; }
        }

        private sealed class Item
        {
            public Item(string key, bool milliseconds, long ticks)
            {
                Key = key;
                Milliseconds = milliseconds;
                Ticks = ticks;
            }

            public string Key { get; }
            public bool Milliseconds { get; }
            public long Ticks { get; set; }
            public Status Status { get; set; } = Status.ToDo;
            public Status? Previous { get; set; }
        }

        /// <summary>The changes in time order. A fixed seed makes every run write the same log, so figures compare.</summary>
        private IEnumerable<Change> Changes()
        {
            var random = new Random(seed);
            var inFlight = new PriorityQueue<Item, long>();
            var nextArrival = Start.Ticks;
            var number = 100;
            Items = 0;
            for (var written = 0; written < Events; written++)
            {
                Item item;
                if (inFlight.Count == 0 || nextArrival <= inFlight.Peek().Ticks)
                {
                    number++;
                    item = new Item("DLV-" + number.ToString(CultureInfo.InvariantCulture), random.NextDouble() < MillisecondsShare, nextArrival);
                    Items++;
                    nextArrival += Hours(random, MeanArrivalGapMinutes / 60, item.Milliseconds);
                }
                else item = inFlight.Dequeue();

                yield return new Change(item.Key, item.Ticks, PickOffset(random), item.Milliseconds,
                    item.Previous is Status previous ? StatusNames[(int)previous] : "", StatusNames[(int)item.Status]);
                if (item.Status == Status.Done) continue;
                var next = Next(item.Status, random);
                var isQueue = item.Status is Status.ToDo or Status.ReadyForDev or Status.ReadyForReview or Status.ChangesRequested
                    or Status.ReadyForTest or Status.ReadyToDeploy;
                if (!(isQueue && item.Status != Status.ToDo && random.NextDouble() < PassedAtOnceShare))
                    item.Ticks += Hours(random, MeanHours[(int)item.Status], item.Milliseconds);
                item.Previous = item.Status;
                item.Status = next;
                inFlight.Enqueue(item, item.Ticks);
            }
            OpenItems = inFlight.Count;
        }

        private static Status Next(Status status, Random random) => status switch
        {
            Status.ToDo => Status.Analysis,
            Status.Analysis => random.NextDouble() < BlockedShare ? Status.Blocked : Status.ReadyForDev,
            Status.Blocked => Status.ReadyForDev,
            Status.ReadyForDev => Status.InProgress,
            Status.InProgress => Status.ReadyForReview,
            Status.ReadyForReview => Status.InReview,
            Status.InReview => random.NextDouble() < ChangesRequestedShare ? Status.ChangesRequested : Status.ReadyForTest,
            Status.ChangesRequested => Status.InProgress,
            Status.ReadyForTest => Status.Testing,
            Status.Testing => random.NextDouble() < TestFailedShare ? Status.InProgress : Status.ReadyToDeploy,
            Status.ReadyToDeploy => Status.Deploying,
            Status.Deploying => Status.Done,
            _ => throw new ArgumentOutOfRangeException(nameof(status)),
        };

        /// <summary>An exponential duration in ticks, whole seconds unless the item is written with milliseconds.</summary>
        private static long Hours(Random random, double mean, bool milliseconds)
        {
            var ticks = (long)(-Math.Log(1 - random.NextDouble()) * mean * TimeSpan.TicksPerHour);
            var unit = milliseconds ? TimeSpan.TicksPerMillisecond : TimeSpan.TicksPerSecond;
            return Math.Max(unit, ticks / unit * unit);
        }

        private static (TimeSpan Offset, string Text) PickOffset(Random random)
        {
            var x = random.NextDouble();
            for (var i = 0; i < OffsetShares.Length - 1; i++)
            {
                if (x < OffsetShares[i]) return Offsets[i];
                x -= OffsetShares[i];
            }
            return Offsets[^1];
        }
    }
}
