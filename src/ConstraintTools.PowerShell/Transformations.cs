using System;
using System.Management.Automation;

namespace ConstraintTools.PowerShell
{
    /// <summary>
    /// Lets a TimeSpan parameter take the workflow notation too: '12w', '3d', '36h' (calendar time), and a
    /// bare number as hours. PowerShell reads an unquoted 1d or 1.5d as the decimal number 1 or 1.5, so a
    /// decimal is taken as days: -Interval 1d means one day, as the user wrote it.
    /// </summary>
    public sealed class CalendarDurationTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value is string text)
            {
                if (Quantity.TryParseDurationHours(text, WorkCalendar.AllHours, out var hours)) return Quantity.HoursToTimeSpan(hours);
                if (TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var span)) return span;
                throw new ArgumentTransformationMetadataException($"'{text}' is not a duration; write 30m, 4h, 1.5d, 2w, 2h15m, a TimeSpan or a number of hours.");
            }
            if (value is decimal days)
                return Quantity.HoursToTimeSpan((double)days * 24);
            // PowerShell would read a bare number as ticks; in this module a number of time is hours.
            if (value is int || value is long || value is double)
                return Quantity.HoursToTimeSpan(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
            return value;
        }
    }

    /// <summary>Lets a rate parameter take the workflow notation: '15/week', '3/day', or a number per week.</summary>
    public sealed class RatePerWeekTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value is string text)
            {
                if (Quantity.TryParseRatePerWeek(text, out var perWeek)) return perWeek;
                throw new ArgumentTransformationMetadataException($"'{text}' is not a rate; write N/hour, N/day, N/week, N/month or a number per week.");
            }
            return value;
        }
    }
}
