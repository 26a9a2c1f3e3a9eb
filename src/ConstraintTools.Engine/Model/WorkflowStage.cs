using System;
using System.Collections.Generic;

namespace ConstraintTools
{
    /// <summary>One stage of a workflow as the model describes it.</summary>
    public sealed class WorkflowStage
    {
        public WorkflowStage(string name) => Name = name;

        /// <summary>A copy of <paramref name="template"/>, to change with an object initializer.</summary>
        public WorkflowStage(WorkflowStage template)
        {
            Name = template.Name;
            Servers = template.Servers;
            ServiceTimeHours = template.ServiceTimeHours;
            CapacityPerWeek = template.CapacityPerWeek;
            Cv = template.Cv;
            Availability = template.Availability;
            Calendar = template.Calendar;
            Cadence = template.Cadence;
            BatchSize = template.BatchSize;
            ObservedWip = template.ObservedWip;
            WipLimit = template.WipLimit;
            Routes = template.Routes;
            States = template.States;
            QueueStates = template.QueueStates;
        }

        public string Name { get; }

        /// <summary>People or slots working in parallel.</summary>
        public int Servers { get; init; } = 1;

        /// <summary>Effort per item per server, in working hours of the stage's calendar.</summary>
        public double? ServiceTimeHours { get; init; }

        /// <summary>Calendar capacity of the whole stage, given instead of a service time.</summary>
        public double? CapacityPerWeek { get; init; }

        /// <summary>Coefficient of variation of the service time.</summary>
        public double Cv { get; init; } = 1;

        /// <summary>Share of working time the servers are available (an approver: 0.1).</summary>
        public double Availability { get; init; } = 1;

        /// <summary>The stage's own working time; null means the workflow's calendar.</summary>
        public WorkCalendar? Calendar { get; init; }

        /// <summary>Release-train period in calendar time: work leaves only when a train departs.</summary>
        public TimeSpan? Cadence { get; init; }
        /// <summary><see cref="Cadence"/> in hours, a number that Export-Csv, ConvertTo-Json and Measure-Object keep.</summary>
        public double? CadenceHours => Cadence?.TotalHours;

        /// <summary>Items one release train takes; null means unlimited.</summary>
        public int? BatchSize { get; init; }

        /// <summary>Observed current work in progress, for audits.</summary>
        public int? ObservedWip { get; init; }

        public int? WipLimit { get; init; }

        /// <summary>Where work goes next; empty means the next stage in the list (the last one exits).</summary>
        public IReadOnlyList<Route> Routes { get; init => field = ItemList.Of(value); } = ItemList<Route>.Empty;

        /// <summary>Log statuses that mean active work in this stage.</summary>
        public IReadOnlyList<string> States { get; init => field = ItemList.Of(value); } = ItemList<string>.Empty;

        /// <summary>Log statuses that mean waiting for this stage.</summary>
        public IReadOnlyList<string> QueueStates { get; init => field = ItemList.Of(value); } = ItemList<string>.Empty;

        /// <summary>False when nothing says how fast the stage works: no service time, capacity or cadence.</summary>
        public bool IsMeasured => ServiceTimeHours.HasValue || CapacityPerWeek.HasValue || Cadence.HasValue;

        public override string ToString() => Name;
    }
}
