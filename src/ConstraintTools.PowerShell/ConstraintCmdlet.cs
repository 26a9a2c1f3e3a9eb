using System;
using System.Management.Automation;
using System.Threading;
using ConstraintTools.Notation;

namespace ConstraintTools.PowerShell
{
    /// <summary>
    /// The root of the module's cmdlets: the token Ctrl+C cancels, a bad argument as a terminating error, and the
    /// engine's exceptions as error records through the one table in <see cref="Errors.For"/>.
    /// </summary>
    public abstract class ConstraintCmdlet : PSCmdlet
    {
        private readonly CancellationTokenSource stopping = new CancellationTokenSource();

        /// <summary>Cancelled by Ctrl+C; long work polls it, so a stop need not wait for a log of millions of changes.</summary>
        protected CancellationToken StopToken => stopping.Token;

        protected override void StopProcessing() => stopping.Cancel();

        /// <summary>The id of an <see cref="InputException"/> about what this cmdlet reads (a workflow, unless it reads files or logs).</summary>
        protected virtual string InvalidInputErrorId => "InvalidWorkflow";

        /// <summary>The record of an engine exception about <paramref name="target"/>, with its id and category from the table.</summary>
        protected ErrorRecord ErrorFor(Exception exception, object? target) => Errors.For(exception, target, InvalidInputErrorId);

        /// <summary>Stops the command: an argument that no input can make right.</summary>
        protected void ThrowArgumentError(string message, string errorId, object? target) =>
            ThrowArgumentError(new PSArgumentException(message), errorId, target);

        /// <inheritdoc cref="ThrowArgumentError(string, string, object?)"/>
        protected void ThrowArgumentError(Exception exception, string errorId, object? target) =>
            ThrowTerminatingError(Errors.Record(exception, errorId, ErrorCategory.InvalidArgument, target));

        /// <summary>Stops the command when -Interval is not positive (InvalidInterval): no log can be cut into such windows.</summary>
        protected void RequirePositiveInterval(TimeSpan interval)
        {
            if (interval <= TimeSpan.Zero) ThrowArgumentError($"-Interval must be positive; it is {Display.Duration(interval)}.", "InvalidInterval", interval);
        }
    }
}
