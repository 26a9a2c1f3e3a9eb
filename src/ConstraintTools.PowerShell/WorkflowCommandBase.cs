using System;
using System.Management.Automation;

namespace ConstraintTools.PowerShell
{
    /// <summary>Shared by cmdlets that take workflows from the pipeline and analyse each one.</summary>
    public abstract class WorkflowCommandBase : PSCmdlet
    {
        /// <summary>The workflows to analyse, usually from Import-Workflow.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ValidateNotNull]
        public Workflow[] Workflow { get; set; } = Array.Empty<Workflow>();

        protected override void ProcessRecord()
        {
            foreach (var workflow in Workflow)
            {
                try
                {
                    Process(workflow);
                }
                catch (WorkflowException ex)
                {
                    WriteError(new ErrorRecord(ex, "InvalidWorkflow", ErrorCategory.InvalidData, workflow));
                }
            }
        }

        protected abstract void Process(Workflow workflow);
    }
}
