using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace ConstraintTools.PowerShell
{
    /// <summary>Completes -Stage with the stage names of the workflow given with -Workflow.</summary>
    public sealed class StageNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var typed = (wordToComplete ?? "").Trim('\'', '"');
            return Workflows(fakeBoundParameters["Workflow"])
                .SelectMany(w => w.Stages)
                .Select(s => s.Name)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Where(name => name.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .Select(name => new CompletionResult(Quote(name), name, CompletionResultType.ParameterValue, name));
        }

        private static IEnumerable<Workflow> Workflows(object? bound)
        {
            var value = bound is PSObject wrapped ? wrapped.BaseObject : bound;
            if (value is Workflow workflow) return new[] { workflow };
            if (value is IEnumerable many && value is not string)
                return many.Cast<object>().Select(o => o is PSObject p ? p.BaseObject : o).OfType<Workflow>();
            return Enumerable.Empty<Workflow>();
        }

        private static string Quote(string name) =>
            name.Any(c => char.IsWhiteSpace(c) || "'\"$`;,(){}[]@#|&<>".IndexOf(c) >= 0) ? "'" + name.Replace("'", "''") + "'" : name;
    }
}
