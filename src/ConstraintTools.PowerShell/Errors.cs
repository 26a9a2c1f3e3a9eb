using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace ConstraintTools.PowerShell
{
    /// <summary>Error records from the engine's exceptions, worded for the person at the prompt.</summary>
    internal static class Errors
    {
        /// <summary>
        /// An error record for <paramref name="exception"/>. An <see cref="ArgumentException"/> naming its
        /// parameter appends " (Parameter 'history')" to its message: the engine's parameter, which means
        /// nothing to the user, so the record carries the message without it (the original is its inner exception).
        /// </summary>
        public static ErrorRecord Record(Exception exception, string errorId, ErrorCategory category, object? target)
        {
            if (exception is ArgumentException argument && !string.IsNullOrEmpty(argument.ParamName))
            {
                // The suffix in the runtime's own words, whatever its language.
                var suffix = new ArgumentException("", argument.ParamName).Message;
                var message = argument.Message;
                var at = message.LastIndexOf(suffix, StringComparison.Ordinal);
                if (at >= 0) exception = new ArgumentException(message.Remove(at, suffix.Length), argument);
            }
            return new ErrorRecord(exception, errorId, category, target);
        }

        // Each limit's error id, as scripts catch them.
        private static readonly Dictionary<WorkLimit, string> LimitIds = new Dictionary<WorkLimit, string>
        {
            [WorkLimit.SimulatedItems] = "SimulationLimit",
            [WorkLimit.SimulatedVisits] = "SimulationTooLong",
            [WorkLimit.SimulatedLogChanges] = "SimulationTooLong",
            [WorkLimit.WipSamples] = "TooManyWipSamples",
            [WorkLimit.ForecastDays] = "ForecastTooLong",
            [WorkLimit.StageAnalyses] = "ImprovementTooLong",
            [WorkLimit.Intervals] = "TooManyIntervals",
        };

        // Each window problem's error id and category.
        private static readonly Dictionary<WindowProblem, (string Id, ErrorCategory Category)> WindowIds = new Dictionary<WindowProblem, (string, ErrorCategory)>
        {
            [WindowProblem.Empty] = ("InvalidWindow", ErrorCategory.InvalidArgument),
            [WindowProblem.NoThroughput] = ("NoThroughput", ErrorCategory.InvalidData),
            [WindowProblem.Start] = ("InvalidStart", ErrorCategory.InvalidArgument),
            [WindowProblem.By] = ("InvalidBy", ErrorCategory.InvalidArgument),
        };

        /// <summary>
        /// The one table from the engine's exceptions to error ids and categories: input that cannot be read or analysed
        /// (<paramref name="invalidInputId"/>, which says what was read), work beyond a limit, and a window that cannot
        /// be measured or forecast.
        /// </summary>
        public static ErrorRecord For(Exception exception, object? target, string invalidInputId)
        {
            switch (exception)
            {
                case InputException:
                    return Record(exception, invalidInputId, ErrorCategory.InvalidData, target);
                case WorkLimitException limit:
                    return Record(exception, LimitIds[limit.Limit], ErrorCategory.LimitsExceeded, target);
                case WindowException window:
                    var (id, category) = WindowIds[window.Problem];
                    return Record(exception, id, category, target);
                default:
                    throw new ArgumentException($"No error id for {exception.GetType().Name}.", nameof(exception), exception);
            }
        }
    }
}
