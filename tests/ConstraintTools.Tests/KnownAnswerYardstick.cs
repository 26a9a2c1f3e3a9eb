using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using ConstraintTools.Flow;

namespace ConstraintTools.Tests;

/// <summary>How often <see cref="FlowConstraint.Find(WorkItemLog, Workflow, DateTime?, DateTime?, System.Threading.CancellationToken)"/> gives the known answer, per kind of log.</summary>
public static class KnownAnswerYardstick
{
    public sealed record Outcome(KnownAnswerCase Case, FlowConstraintReport Report)
    {
        public bool Right => Case.IsAnsweredBy(Report);
    }

    public static IReadOnlyList<Outcome> Run(int perKind, int firstSeed = 1) =>
        Enum.GetValues<KnownAnswerKind>()
            .SelectMany(kind => Enumerable.Range(firstSeed, perKind).Select(seed => KnownAnswerLogs.Generate(kind, seed)))
            .AsParallel().AsOrdered()
            .Select(c => new Outcome(c, FlowConstraint.Find(c.Log, c.Analysed)))
            .ToList();

    /// <summary>A Markdown table of the share answered right per kind and overall, and the wrong answers.</summary>
    public static string Report(IReadOnlyList<Outcome> outcomes, bool listWrong = true)
    {
        var text = new StringBuilder();
        text.AppendLine("| Kind | Logs | Right | Share |");
        text.AppendLine("| --- | ---: | ---: | ---: |");
        foreach (var kind in outcomes.GroupBy(o => o.Case.Kind))
            text.AppendLine(Row(kind.Key.ToString(), kind.ToList()));
        text.AppendLine(Row("**All**", outcomes));
        if (listWrong)
            foreach (var wrong in outcomes.Where(o => !o.Right))
                text.AppendLine(CultureInfo.InvariantCulture, $"- {wrong.Case}: said {wrong.Report.Verdict} {wrong.Report.Constraint} ({wrong.Report.Confidence})");
        return text.ToString();
    }

    private static string Row(string label, IReadOnlyCollection<Outcome> outcomes)
    {
        var right = outcomes.Count(o => o.Right);
        return string.Format(CultureInfo.InvariantCulture, "| {0} | {1} | {2} | {3:0.0} % |", label, outcomes.Count, right, 100.0 * right / outcomes.Count);
    }
}
