using System;
using System.Collections.Generic;
using System.Globalization;
using ConstraintTools.Notation;

namespace ConstraintTools
{
    /// <summary>A what-if change to one stage: any of its capacity factor, servers, service time and availability.</summary>
    public sealed class StageChange
    {
        /// <summary>Multiplies the stage's capacity: shorter service time, more capacity, or (for a release train) more frequent trains.</summary>
        public double? CapacityFactor { get; init; }

        public int? Servers { get; init; }

        /// <summary>New effort per item, such as <c>4h</c> or <c>1.5d</c>: its days count in the stage's working time.</summary>
        public WorkDuration? ServiceTime { get; init; }

        public double? Availability { get; init; }

        public bool IsEmpty => !CapacityFactor.HasValue && !Servers.HasValue && ServiceTime is null && !Availability.HasValue;

        /// <summary>
        /// The stage as it would be after the change; throws <see cref="InputException"/> when the
        /// change cannot apply. A stage given by its capacity scales that capacity with servers and availability.
        /// </summary>
        public WorkflowStage ApplyTo(WorkflowStage stage, WorkCalendar workflowCalendar)
        {
            double? serviceHours = null;
            if (ServiceTime != null)
            {
                var hours = ServiceTime.HoursIn(stage.Calendar ?? workflowCalendar);
                if (!(hours > 0) || double.IsInfinity(hours))
                    throw new InputException($"'{Display.Excerpt(ServiceTime.Text)}' is not a positive duration; {Hints.Duration}");
                serviceHours = hours;
            }
            if (CapacityFactor is double factor && !(factor > 0 && !double.IsInfinity(factor)))
                throw new InputException($"the capacity factor must be a positive number, not {factor.ToString(CultureInfo.InvariantCulture)}");
            if (!stage.IsMeasured && serviceHours is null && (CapacityFactor.HasValue || Availability.HasValue || Servers.HasValue))
                throw new InputException($"nobody measures stage '{Display.Excerpt(stage.Name)}', so its capacity cannot be changed; give it a service time first (-ServiceTime)");
            var servers = Servers ?? stage.Servers;
            var availability = Availability ?? stage.Availability;
            var changed = new WorkflowStage(stage)
            {
                Servers = servers,
                Availability = availability,
                ServiceTimeHours = serviceHours ?? stage.ServiceTimeHours,
                CapacityPerWeek = serviceHours.HasValue ? null : stage.CapacityPerWeek * servers / stage.Servers * availability / stage.Availability,
            };
            if (CapacityFactor is not double f) return changed;
            if (changed.Cadence is TimeSpan cadence)
                return new WorkflowStage(changed) { Cadence = Quantity.HoursToTimeSpan(cadence.TotalHours / f) };
            if (changed.CapacityPerWeek is double capacity)
                return new WorkflowStage(changed) { CapacityPerWeek = capacity * f };
            return new WorkflowStage(changed) { ServiceTimeHours = changed.ServiceTimeHours / f };
        }

        /// <summary>The change in words, e.g. "capacity x5, servers 3".</summary>
        public override string ToString()
        {
            var parts = new List<string>();
            if (CapacityFactor is double factor) parts.Add("capacity x" + factor.ToString("0.###", CultureInfo.InvariantCulture));
            if (Servers is int servers) parts.Add("servers " + servers.ToString(CultureInfo.InvariantCulture));
            if (ServiceTime != null) parts.Add("service time " + ServiceTime);
            if (Availability is double availability) parts.Add("availability " + (availability * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%");
            return parts.Count == 0 ? "no change" : string.Join(", ", parts);
        }
    }
}
