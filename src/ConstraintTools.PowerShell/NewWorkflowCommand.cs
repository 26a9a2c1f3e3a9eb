using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace ConstraintTools.PowerShell
{
    /// <summary>New-Workflow: one workflow from every stage piped in (usually from New-WorkflowStage), checked as Import-Workflow checks a file.</summary>
    [Cmdlet(VerbsCommon.New, "Workflow")]
    [OutputType(typeof(Workflow))]
    public sealed class NewWorkflowCommand : ConstraintCmdlet
    {
        private readonly List<WorkflowStage> stages = new List<WorkflowStage>();

        /// <summary>The workflow's name.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = "";

        /// <summary>The stages in flow order; all stages piped in make one workflow.</summary>
        [Parameter(Position = 1, ValueFromPipeline = true)]
        [ValidateNotNull]
        public WorkflowStage[] Stage { get; set; } = Array.Empty<WorkflowStage>();

        /// <summary>Work entering the workflow: '10/week', '2/day' or a number per calendar week; 0 when not given.</summary>
        [Parameter]
        [RatePerWeekTransformation]
        public double Demand { get; set; }

        /// <summary>Coefficient of variation of the time between arrivals; 1 when not given.</summary>
        [Parameter]
        public double DemandCv { get; set; } = 1;

        /// <summary>The stage new work enters; the first stage when not given.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? EntryStage { get; set; }

        /// <summary>Value of one delivered item, for throughput accounting.</summary>
        [Parameter]
        public double Value { get; set; }

        /// <summary>Working hours per day of the workflow's calendar; 8 when not given.</summary>
        [Parameter]
        public double HoursPerDay { get; set; } = WorkCalendar.Default.HoursPerDay;

        /// <summary>Working days per week of the workflow's calendar; 5 when not given.</summary>
        [Parameter]
        public double DaysPerWeek { get; set; } = WorkCalendar.Default.DaysPerWeek;

        /// <summary>Log statuses that mean the work is finished.</summary>
        [Parameter]
        [ValidateNotNull]
        public string[] DoneStates { get; set; } = Array.Empty<string>();

        protected override void ProcessRecord() => stages.AddRange(Stage);

        protected override void EndProcessing()
        {
            var workflow = new Workflow(Name)
            {
                Calendar = new WorkCalendar(HoursPerDay, DaysPerWeek),
                DemandPerWeek = Demand,
                DemandCv = DemandCv,
                EntryStage = EntryStage,
                ValuePerItem = MyInvocation.BoundParameters.ContainsKey(nameof(Value)) ? Value : (double?)null,
                Stages = stages.ToArray(),
                DoneStates = DoneStates,
            };
            try
            {
                workflow.Validate();
            }
            catch (InputException ex)
            {
                ThrowTerminatingError(ErrorFor(ex, workflow));
            }
            WriteObject(workflow);
        }
    }
}
