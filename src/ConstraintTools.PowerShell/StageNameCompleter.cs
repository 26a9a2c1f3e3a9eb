using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using ConstraintTools.Yaml;

namespace ConstraintTools.PowerShell
{
    /// <summary>
    /// Completes -Stage with the stage names of the workflow the command will get: from -Workflow (a workflow, a
    /// variable holding workflows, or a workflow file's path), or from the command before it in the pipeline when
    /// that is a variable (<c>$w | Measure-Improvement -Stage</c>) or Import-Workflow with literal paths. PowerShell
    /// does not run other pipeline elements to complete, so nothing else gives names.
    /// </summary>
    public sealed class StageNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var typed = (wordToComplete ?? "").Trim('\'', '"');
            return Workflows(fakeBoundParameters["Workflow"])
                .Concat(Piped(commandAst))
                .SelectMany(w => w.Stages)
                .Select(s => s.Name)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Where(name => name.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .Select(name => new CompletionResult(Quote(name), name, CompletionResultType.ParameterValue, name));
        }

        private static IEnumerable<Workflow> Piped(CommandAst command)
        {
            if (command.Parent is not PipelineAst pipeline) return Enumerable.Empty<Workflow>();
            var at = pipeline.PipelineElements.IndexOf(command);
            if (at <= 0) return Enumerable.Empty<Workflow>();
            switch (pipeline.PipelineElements[at - 1])
            {
                case CommandExpressionAst { Expression: VariableExpressionAst variable }:
                    return Workflows(InSession("param($name) Get-Variable -Name $name -ValueOnly -ErrorAction Ignore", variable.VariablePath.UserPath));
                case CommandAst import when string.Equals(import.GetCommandName(), "Import-Workflow", StringComparison.OrdinalIgnoreCase):
                    // The paths Import-Workflow is given by position or by -Path/-LiteralPath, as literal strings only.
                    var paths = new List<string>();
                    for (var i = 1; i < import.CommandElements.Count; i++)
                    {
                        var element = import.CommandElements[i];
                        if (element is CommandParameterAst parameter)
                        {
                            if (parameter.Argument is StringConstantExpressionAst inline) paths.Add(inline.Value);
                            continue;
                        }
                        if (element is StringConstantExpressionAst literal) paths.Add(literal.Value);
                        else if (element is ArrayLiteralAst list) paths.AddRange(list.Elements.OfType<StringConstantExpressionAst>().Select(e => e.Value));
                    }
                    return paths.SelectMany(p => Workflows(p));
                default:
                    return Enumerable.Empty<Workflow>();
            }
        }

        private static IEnumerable<Workflow> Workflows(object? bound)
        {
            var value = bound is PSObject wrapped ? wrapped.BaseObject : bound;
            switch (value)
            {
                case Workflow workflow:
                    return new[] { workflow };
                case string path:
                    return InSession("param($path) Resolve-Path -Path $path -ErrorAction Ignore | Where-Object Provider -Like '*FileSystem' | ForEach-Object ProviderPath", path)
                        .OfType<string>().Where(File.Exists).SelectMany(Read);
                case IEnumerable many:
                    return many.Cast<object>().SelectMany(Workflows);
                default:
                    return Enumerable.Empty<Workflow>();
            }
        }

        private static IEnumerable<Workflow> Read(string file)
        {
            try
            {
                return new[] { WorkflowYaml.Load(file) };
            }
            catch (InputException)
            {
                // A file being written, or one that does not read: nothing to complete from.
                return Enumerable.Empty<Workflow>();
            }
        }

        /// <summary>
        /// Runs <paramref name="script"/> in the session completing: the session state cannot be read directly while
        /// the completion's own pipeline runs.
        /// </summary>
        private static IEnumerable<object> InSession(string script, string argument) =>
            ScriptBlock.Create(script).Invoke(argument).Where(o => o != null).Select(o => o.BaseObject);

        private static string Quote(string name) =>
            name.Any(c => char.IsWhiteSpace(c) || "'\"$`;,(){}[]@#|&<>".IndexOf(c) >= 0) ? "'" + name.Replace("'", "''") + "'" : name;
    }

    /// <summary>
    /// Completes a duration parameter with example durations in the notation it takes (1d, 4w, 26w) instead of file
    /// names: intervals and samples with short ones, a simulated run and its warm-up with long ones.
    /// </summary>
    public sealed class DurationCompleter : IArgumentCompleter
    {
        private static readonly string[] Short = { "1d", "1w", "2w", "4w", "13w" };
        private static readonly string[] Long = { "4w", "13w", "26w", "52w", "104w" };

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var typed = (wordToComplete ?? "").Trim('\'', '"');
            var examples = parameterName is "Duration" or "Horizon" or "WarmUp" ? Long : Short;
            return examples.Where(e => e.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .Select(e => new CompletionResult(e, e, CompletionResultType.ParameterValue, Describe(e)));
        }

        private static string Describe(string duration)
        {
            var count = int.Parse(duration.Substring(0, duration.Length - 1), System.Globalization.CultureInfo.InvariantCulture);
            var unit = duration.EndsWith("d", StringComparison.Ordinal) ? "day" : "week";
            return count == 1 ? $"1 {unit}" : $"{count} {unit}s";
        }
    }
}
