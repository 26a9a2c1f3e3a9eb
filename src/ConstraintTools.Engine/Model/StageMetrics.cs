using System;

namespace ConstraintTools
{
    /// <summary>What the queueing model says about one stage (SPEC section 3). Rates are items per calendar week.</summary>
    public sealed class StageMetrics
    {
        public string Workflow { get; internal set; } = "";
        public string Stage { get; internal set; } = "";

        /// <summary>1-based position of the stage in the workflow.</summary>
        public int Position { get; internal set; }

        public int Servers { get; internal set; }

        /// <summary>μ; null when the stage is unmeasured or, as a cadence stage without batchSize, unlimited.</summary>
        public double? CapacityPerWeek { get; internal set; }

        /// <summary>Visits per item entering the workflow; above 1 where rework loops back.</summary>
        public double VisitRatio { get; internal set; }

        /// <summary>Offered arrival rate λ·V.</summary>
        public double ArrivalRatePerWeek { get; internal set; }

        /// <summary>Arrivals the stage really receives in the fluid model, after overloaded stages upstream hold work back.</summary>
        public double InflowPerWeek { get; internal set; }

        /// <summary>Offered load ρ = λ·V / μ as a fraction; null when the stage is unmeasured.</summary>
        public double? Utilization { get; internal set; }

        /// <summary>Share of capacity actually used in the fluid model, after upstream stages throttle the flow.</summary>
        public double? BusyFraction { get; internal set; }

        /// <summary>Departure rate in the fluid model: min(arrivals, capacity).</summary>
        public double ThroughputPerWeek { get; internal set; }

        public bool IsConstraint { get; internal set; }

        /// <summary>True when arrivals stay below capacity, so the queue settles (the fluid model's arrivals).</summary>
        public bool IsStable { get; internal set; }

        /// <summary>Arrivals minus departures in the fluid model: how fast inventory piles up in front of the stage.</summary>
        public double QueueGrowthPerWeek { get; internal set; }

        /// <summary>Mean wait in queue per visit (Allen–Cunneen; cadence/2 for a release train); null when unstable or unmeasured.</summary>
        public TimeSpan? WaitTime { get; internal set; }
        /// <summary><see cref="WaitTime"/> in hours, a number that Export-Csv, ConvertTo-Json and Measure-Object keep.</summary>
        public double? WaitTimeHours => WaitTime?.TotalHours;

        /// <summary>Calendar time in service per visit.</summary>
        public TimeSpan? ServiceTime { get; internal set; }
        /// <summary><see cref="ServiceTime"/> in hours, a number that Export-Csv, ConvertTo-Json and Measure-Object keep.</summary>
        public double? ServiceTimeHours => ServiceTime?.TotalHours;

        /// <summary>Wait plus service per visit; null when unstable or unmeasured.</summary>
        public TimeSpan? CycleTime { get; internal set; }
        /// <summary><see cref="CycleTime"/> in hours, a number that Export-Csv, ConvertTo-Json and Measure-Object keep.</summary>
        public double? CycleTimeHours => CycleTime?.TotalHours;

        /// <summary>Expected work in progress by Little's law; null when unstable or unmeasured.</summary>
        public double? Wip { get; internal set; }

        /// <summary>The horizon asked for with Measure-Workflow -Horizon; null otherwise.</summary>
        public TimeSpan? Horizon { get; internal set; }
        /// <summary><see cref="Horizon"/> in hours, a number that Export-Csv, ConvertTo-Json and Measure-Object keep.</summary>
        public double? HorizonHours => Horizon?.TotalHours;

        /// <summary>
        /// WIP after <see cref="Horizon"/>: the steady-state WIP of a stable stage; for one whose queue
        /// grows, the observed WIP (0 when unknown) plus the growth over the horizon.
        /// </summary>
        public double? ProjectedWip { get; internal set; }

        public int? ObservedWip { get; internal set; }
        public int? WipLimit { get; internal set; }

        /// <summary>Coefficient of variation of the arrivals this stage sees (QNA).</summary>
        public double ArrivalCv { get; internal set; }

        public bool IsMeasured { get; internal set; }

        public override string ToString() => Stage;
    }
}
