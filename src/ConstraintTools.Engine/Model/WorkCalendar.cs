using System;
using System.Globalization;

namespace ConstraintTools
{
    /// <summary>Working time of a team or a stage: the hours in which effort is spent.</summary>
    public sealed class WorkCalendar
    {
        public WorkCalendar(double hoursPerDay, double daysPerWeek)
        {
            HoursPerDay = hoursPerDay;
            DaysPerWeek = daysPerWeek;
        }

        public static WorkCalendar Default { get; } = new WorkCalendar(8, 5);

        /// <summary>An automated stage that works every calendar hour.</summary>
        public static WorkCalendar AllHours { get; } = new WorkCalendar(24, 7);

        public double HoursPerDay { get; }
        public double DaysPerWeek { get; }
        public double HoursPerWeek => HoursPerDay * DaysPerWeek;

        public override string ToString() =>
            HoursPerDay == 24 && DaysPerWeek == 7
                ? "24x7"
                : string.Format(CultureInfo.InvariantCulture, "{0}h x {1}d", HoursPerDay, DaysPerWeek);
    }
}
