using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ConstraintTools.Notation;
using ConstraintTools.Queueing;

namespace ConstraintTools.PowerShell
{
    /// <summary>Get-ConstraintPath: the constraints met on the way to a target throughput (identify, elevate, repeat).</summary>
    [Cmdlet(VerbsCommon.Get, "ConstraintPath")]
    [OutputType(typeof(ConstraintStep))]
    public sealed class GetConstraintPathCommand : WorkflowCommandBase
    {
        /// <summary>The workflows to analyse, usually from Import-Workflow; by name or from the pipeline.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [WorkflowFileTransformation]
        [ValidateNotNull]
        public Workflow[] Workflow { get; set; } = Array.Empty<Workflow>();

        protected override IEnumerable<Workflow> Workflows => Workflow;

        /// <summary>Items per calendar week to reach: '15/week', '3/day' or a number per week.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [RatePerWeekTransformation]
        [ValidateRange(double.Epsilon, double.MaxValue)]
        public double TargetThroughput { get; set; }

        protected override void Process(Workflow workflow)
        {
            var steps = ConstraintPath.Find(workflow, TargetThroughput);
            if (steps.Count == 0)
            {
                var ceiling = WorkflowAnalyzer.Analyze(workflow).ThroughputCeilingPerWeek;
                WriteWarning(ceiling.HasValue
                    ? $"{workflow.Name}: the ceiling of {Display.Rate(ceiling.Value)} items/week already meets the target; nothing needs elevating."
                    : $"{workflow.Name}: no stage has a known, finite capacity; measure the stages first.");
                return;
            }
            foreach (var step in steps) WriteObject(step);
            if (workflow.DemandPerWeek < TargetThroughput)
                WriteWarning($"{Display.Excerpt(workflow.Name)}: demand is only {Display.Rate(workflow.DemandPerWeek)} items/week, so throughput stays at {Display.Rate(steps.Last().ThroughputAfter)} however far the constraints are elevated.");
        }
    }
}
