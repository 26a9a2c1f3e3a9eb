using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace ConstraintTools.PowerShell
{
    /// <summary>Shared by cmdlets that take workflows from the pipeline and handle each one.</summary>
    public abstract class WorkflowCommandBase : ConstraintCmdlet
    {
        /// <summary>The workflows bound to the cmdlet's -Workflow parameter.</summary>
        protected abstract IEnumerable<Workflow> Workflows { get; }

        protected override void ProcessRecord()
        {
            foreach (var workflow in Workflows)
            {
                try
                {
                    Process(workflow);
                }
                catch (InputException ex)
                {
                    WriteError(ErrorFor(ex, workflow));
                }
            }
        }

        protected abstract void Process(Workflow workflow);
    }

    /// <summary>
    /// For cmdlets whose only positional argument is the workflow: <c>Find-Constraint $w</c>.
    /// Cmdlets with another positional argument declare -Workflow by name only, so that
    /// <c>$w | Measure-Improvement Code</c> binds Code to the stage.
    /// </summary>
    public abstract class PositionalWorkflowCommandBase : WorkflowCommandBase
    {
        /// <summary>The workflows to handle, usually from Import-Workflow.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [WorkflowFileTransformation]
        [ValidateNotNull]
        public Workflow[] Workflow { get; set; } = Array.Empty<Workflow>();

        protected override IEnumerable<Workflow> Workflows => Workflow;
    }
}
