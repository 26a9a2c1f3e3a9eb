using System;
using System.Management.Automation;
using ConstraintTools.Flow;

namespace ConstraintTools.PowerShell
{
    /// <summary>Get-WorkItemAge: the open items of a log, oldest first, with their age and where they sit (ageing work in progress).</summary>
    [Cmdlet(VerbsCommon.Get, "WorkItemAge")]
    [OutputType(typeof(WorkItemAge))]
    public sealed class GetWorkItemAgeCommand : LogCommandBase
    {
        /// <summary>The time to take the ages at; defaults to the log's last event. Changes after it are ignored. Give (Get-Date) for ages as of now.</summary>
        [Parameter]
        public DateTime? AsOf { get; set; }

        protected override void Process(WorkItemLog log)
        {
            foreach (var age in WorkItemAging.Measure(log, Workflow, AsOf, StopToken)) WriteObject(age);
        }
    }
}
