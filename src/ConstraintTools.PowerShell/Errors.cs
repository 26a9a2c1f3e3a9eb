using System;
using System.Management.Automation;
using ConstraintTools.Notation;

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

        /// <summary>The terminating error of an -Interval that is not positive, as Find-Constraint and Export-FlowReport refuse it.</summary>
        public static ErrorRecord InvalidInterval(TimeSpan interval) =>
            new ErrorRecord(new ArgumentException($"-Interval must be positive; it is {Display.Duration(interval)}."), "InvalidInterval", ErrorCategory.InvalidArgument, interval);
    }
}
