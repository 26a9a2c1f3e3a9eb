using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using ConstraintTools.Notation;

namespace ConstraintTools.PowerShell
{
    /// <summary>
    /// New-WorkflowStage: a stage from parameters, or one per pipeline row (Import-Csv output binds by
    /// property name). Values are taken as text, as CSV cells hold them, and parsed here so that a bad
    /// cell is an error naming the stage and the field; an empty cell means "not given".
    /// </summary>
    [Cmdlet(VerbsCommon.New, "WorkflowStage")]
    [OutputType(typeof(WorkflowStage))]
    public sealed class NewWorkflowStageCommand : ConstraintCmdlet
    {
        private readonly List<string> problems = new List<string>();

        /// <summary>The stage's name, unique in its workflow (case-insensitive).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [AllowNull]
        public string? Name { get; set; }

        /// <summary>People or slots working in parallel: a whole number, 1 when not given.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Servers { get; set; }

        /// <summary>
        /// Effort per item per server: '30m', '4h', '1.5d', '2w' or a number of hours. Days and weeks
        /// are working time of -Calendar, or of the default 8 h x 5 day calendar when -Calendar is not
        /// given (the stage does not know its workflow's calendar yet).
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? ServiceTime { get; set; }

        /// <summary>Calendar capacity of the whole stage instead of a service time: '12/week', '3/day' or a number per week.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Capacity { get; set; }

        /// <summary>Coefficient of variation of the service time; 1 when not given.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Cv { get; set; }

        /// <summary>Share of working time the servers are available, '0.1' or '10%'; 1 when not given.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Availability { get; set; }

        /// <summary>The stage's own working time as hours per day x days per week, e.g. '24x7' for an automated stage.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Calendar { get; set; }

        /// <summary>Release-train period in calendar time, e.g. '2w': work leaves only when a train departs.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Cadence { get; set; }

        /// <summary>Items one release train takes; unlimited when not given. Needs -Cadence.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? BatchSize { get; set; }

        /// <summary>Work in progress observed in the stage today, for audits.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Wip { get; set; }

        /// <summary>The stage's WIP limit.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? WipLimit { get; set; }

        /// <summary>
        /// Where work goes next: a stage name, 'done' to exit, or 'Build:0.3,Deploy:0.7' for probabilistic
        /// routing; also Route objects or hashtables such as @{ to = 'Build'; probability = 0.3 }.
        /// Not given: the next stage in the workflow (the last one exits).
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public object[]? Next { get; set; }

        /// <summary>Log statuses that mean active work in this stage; a cell 'In Progress;Coding' holds two.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string[]? States { get; set; }

        /// <summary>Log statuses that mean waiting for this stage; a cell 'Ready;Blocked' holds two.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string[]? Queue { get; set; }

        /// <summary>The pipeline row itself, so that an error about it points at the row; bound by value, never given by hand.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        private string Who => string.IsNullOrWhiteSpace(Name) ? "A stage without a name" : $"Stage '{Display.Excerpt(Name)}'";

        protected override void ProcessRecord()
        {
            problems.Clear();
            if (string.IsNullOrWhiteSpace(Name)) problems.Add($"{Who}: -Name is empty; every stage needs a name.");
            var calendar = ParseCalendar();
            var stage = new WorkflowStage(Name ?? "")
            {
                Servers = Whole(Servers, nameof(Servers)) ?? 1,
                ServiceTimeHours = Duration(ServiceTime, nameof(ServiceTime), calendar ?? WorkCalendar.Default),
                CapacityPerWeek = Rate(Capacity, nameof(Capacity)),
                Cv = Number(Cv, nameof(Cv)) ?? 1,
                Availability = Number(Availability, nameof(Availability)) ?? 1,
                Calendar = calendar,
                Cadence = ParseCadence(),
                BatchSize = Whole(BatchSize, nameof(BatchSize)),
                ObservedWip = Whole(Wip, nameof(Wip)),
                WipLimit = Whole(WipLimit, nameof(WipLimit)),
                Routes = ParseRoutes(),
                States = Statuses(States),
                QueueStates = Statuses(Queue),
            };
            if (problems.Count == 0) CheckWithTheEngine(stage);
            if (problems.Count == 0)
            {
                WriteObject(stage);
                return;
            }
            foreach (var problem in problems)
                WriteError(new ErrorRecord(new PSArgumentException(problem), "InvalidStageValue", ErrorCategory.InvalidArgument, InputObject ?? (object?)Name));
        }

        /// <summary>
        /// Applies the engine's own rules (servers, times, availability, routes) to the stage alone, in a
        /// stand-in workflow where every stage it routes to exists. A row is refused here for exactly the
        /// reasons New-Workflow would refuse it, and the other rows still make their stages.
        /// </summary>
        private void CheckWithTheEngine(WorkflowStage stage)
        {
            var targets = stage.Routes
                .Select(r => r.To)
                .OfType<string>()
                .Where(to => !string.Equals(to, stage.Name, StringComparison.OrdinalIgnoreCase))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Select(to => new WorkflowStage(to));
            var standIn = new Workflow("stand-in") { Stages = new[] { stage }.Concat(targets).ToArray() };
            try
            {
                standIn.Validate();
            }
            catch (InputException ex)
            {
                var who = $"stage '{Display.Excerpt(stage.Name)}': ";
                var reason = ex.Reason.StartsWith(who, StringComparison.Ordinal) ? ex.Reason.Substring(who.Length) : ex.Reason;
                problems.Add($"{Who}, -{ParameterOf(ex.Field)}: {reason}.");
            }
        }

        /// <summary>The parameter behind an engine field path such as 'stages[0].calendar.hoursPerDay'.</summary>
        private static string ParameterOf(string? field)
        {
            var key = (field ?? "").Split('.').Skip(1).FirstOrDefault() ?? "name";
            key = key.Split('[')[0];
            return char.ToUpperInvariant(key[0]) + key.Substring(1);
        }

        private static bool Given(string? cell) => !string.IsNullOrWhiteSpace(cell);

        private void Problem(string parameter, string? cell, string reason) => problems.Add($"{Who}: -{parameter} '{Display.Excerpt(cell)}' {reason}.");

        private int? Whole(string? cell, string parameter)
        {
            if (!Given(cell)) return null;
            if (int.TryParse(cell!.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)) return number;
            Problem(parameter, cell, "is not a whole number");
            return null;
        }

        private double? Number(string? cell, string parameter)
        {
            if (!Given(cell)) return null;
            if (Quantity.TryParseNumber(cell!, out var number)) return number;
            Problem(parameter, cell, "is not a number");
            return null;
        }

        private double? Duration(string? cell, string parameter, WorkCalendar calendar)
        {
            if (!Given(cell)) return null;
            if (Quantity.TryParseDurationHours(cell, calendar, out var hours)) return hours;
            // A [TimeSpan] arrives as its text, 01:30:00; it is that many hours of work.
            if (TimeSpan.TryParse(cell, System.Globalization.CultureInfo.InvariantCulture, out var span)) return span.TotalHours;
            Problem(parameter, cell, "is not a duration; " + Hints.DurationOrTimeSpan);
            return null;
        }

        private double? Rate(string? cell, string parameter)
        {
            if (!Given(cell)) return null;
            if (Quantity.TryParseRatePerWeek(cell!.Trim(), out var perWeek)) return perWeek;
            Problem(parameter, cell, "is not a rate; " + Hints.Rate);
            return null;
        }

        private WorkCalendar? ParseCalendar()
        {
            if (!Given(Calendar)) return null;
            if (WorkCalendar.TryParse(Calendar, out var calendar)) return calendar;
            Problem(nameof(Calendar), Calendar, "is not a calendar; " + Hints.Calendar);
            return null;
        }

        /// <summary>A calendar period; a TimeSpan given to the string parameter arrives as '14.00:00:00' and is taken too.</summary>
        private TimeSpan? ParseCadence()
        {
            if (!Given(Cadence)) return null;
            if (Quantity.TryParseDurationHours(Cadence, WorkCalendar.AllHours, out var hours)) return Quantity.HoursToTimeSpan(hours);
            if (TimeSpan.TryParse(Cadence, CultureInfo.InvariantCulture, out var period)) return period;
            Problem(nameof(Cadence), Cadence, "is not a duration; " + Hints.CalendarPeriod);
            return null;
        }

        private static IReadOnlyList<string> Statuses(string[]? cells) =>
            cells is null
                ? Array.Empty<string>()
                : cells.Where(c => c != null).SelectMany(c => c.Split(';')).Select(s => s.Trim()).Where(s => s.Length > 0).ToArray();

        private IReadOnlyList<Route> ParseRoutes()
        {
            var parts = new List<(string? To, double? Probability)>();
            foreach (var item in (Next ?? Array.Empty<object>()).Select(Unwrap))
            {
                switch (item)
                {
                    case null:
                        break;
                    case Route route:
                        parts.Add((route.To, route.Probability));
                        break;
                    case string text:
                        parts.AddRange(text.Split(',').Where(Given).Select(RouteText));
                        break;
                    case IDictionary map:
                        AddRoute(parts, key => map.Keys.Cast<object>().Where(k => string.Equals(k?.ToString(), key, StringComparison.OrdinalIgnoreCase)).Select(k => map[k]).FirstOrDefault());
                        break;
                    case PSObject row:
                        AddRoute(parts, key => row.Properties[key]?.Value);
                        break;
                    default:
                        Problem(nameof(Next), item.ToString(), "is not a route; give a stage name, 'done', 'Build:0.3,Deploy:0.7', a Route or @{ to = 'Build'; probability = 0.3 }");
                        break;
                }
            }
            if (parts.Count > 1 && parts.Any(p => p.Probability is null))
                problems.Add($"{Who}: -Next names {parts.Count} stages; give each a probability, e.g. 'Build:0.3,Deploy:0.7'.");
            return parts.Select(p => new Route(p.To, p.Probability ?? 1)).ToArray();
        }

        /// <summary>A custom object stays a PSObject so its properties can be read; anything else is its base object.</summary>
        private static object? Unwrap(object? item) =>
            item is PSObject wrapped && !(wrapped.BaseObject is PSCustomObject) ? wrapped.BaseObject : item;

        /// <summary>'Build', 'done' or 'Build:0.3'; a colon is part of the name unless a number follows the last one.</summary>
        private static (string? To, double? Probability) RouteText(string text)
        {
            var colon = text.LastIndexOf(':');
            if (colon > 0 && Quantity.TryParseNumber(text.Substring(colon + 1), out var probability))
                return (Target(text.Substring(0, colon).Trim()), probability);
            return (Target(text.Trim()), null);
        }

        /// <summary>A route from the 'to' and 'probability' of a hashtable or object, names taken exactly as given.</summary>
        private void AddRoute(List<(string? To, double? Probability)> parts, Func<string, object?> field)
        {
            var to = field("to")?.ToString();
            var probability = field("probability");
            if (!Given(to))
            {
                problems.Add($"{Who}: -Next: a route has no 'to' (a stage name or 'done').");
                return;
            }
            if (probability is null)
            {
                parts.Add((Target(to!), null));
                return;
            }
            if (Quantity.TryParseNumber(Convert.ToString(probability is PSObject p ? p.BaseObject : probability, CultureInfo.InvariantCulture) ?? "", out var number))
                parts.Add((Target(to!), number));
            else
                problems.Add($"{Who}: -Next: the route to '{Display.Excerpt(to)}' has probability '{Display.Excerpt(Convert.ToString(probability, CultureInfo.InvariantCulture))}', which is not a number.");
        }

        private static string? Target(string name) => string.Equals(name, "done", StringComparison.OrdinalIgnoreCase) ? null : name;
    }
}
