using System.Globalization;
using System.Linq;
using ConstraintTools.Notation;

namespace ConstraintTools.Queueing
{
    /// <summary>
    /// The elimination steps one analysis may take, all its solves together, before it is refused: a few seconds of
    /// work. Markowitz ordering keeps every routing shape met in practice (a line, rework to one stage from everywhere,
    /// nested loops) near its edge count, so only a tangle of random back edges across thousands of stages, overloaded
    /// at many of them (each overload round of the fluid model solves the loop again), comes near it.
    /// </summary>
    internal sealed class EliminationBudget
    {
        public const long MaxSteps = 10_000_000;

        private long spent;

        /// <summary>Steps taken so far: a workflow's edges times a small number when the ordering keeps fill-in down.</summary>
        public long Spent => spent;

        public void Spend(long steps, int[] members, WorkflowNetwork network)
        {
            spent += steps;
            if (spent <= MaxSteps) return;
            throw new InputException(string.Format(CultureInfo.InvariantCulture,
                "the rework loops among {0:N0} stages ({1}, …) cross each other so much that solving them takes more than {2:N0} elimination steps (many seconds of work); route rework to fewer stages",
                members.Length, string.Join(", ", members.Take(3).Select(i => Display.Excerpt(network.StageName(i)))), MaxSteps), "stages");
        }
    }
}
