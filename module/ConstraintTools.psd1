@{
    RootModule           = 'ConstraintTools.PowerShell.dll'
    ModuleVersion        = '0.1.0'
    CompatiblePSEditions = @('Desktop', 'Core')
    GUID                 = '5b0f3c2e-8d4a-4f1e-9a57-2c6e1d7b9f30'
    Author               = 'ConstraintTools contributors'
    CompanyName          = 'ConstraintTools'
    Copyright            = '(c) ConstraintTools contributors. MIT License.'
    Description          = 'Finds the constraint (bottleneck) in an end-to-end workflow from a YAML model: stage utilization, WIP, queue growth, waiting and lead time, where work piles up, and where the constraint moves once relieved.'
    PowerShellVersion    = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    # Loaded at import so scripts can use engine types such as [ConstraintTools.WorkItemLogBuilder] before any cmdlet runs.
    RequiredAssemblies   = @('ConstraintTools.Engine.dll')
    FormatsToProcess     = @('ConstraintTools.Format.ps1xml')
    CmdletsToExport      = @(
        'Import-Workflow'
        'ConvertFrom-WorkflowYaml'
        'ConvertTo-WorkflowYaml'
        'ConvertTo-WorkflowDiagram'
        'Export-Workflow'
        'New-WorkflowStage'
        'New-Workflow'
        'Measure-Workflow'
        'Find-Constraint'
        'Measure-Improvement'
        'Get-ConstraintPath'
        'Test-Workflow'
        'Import-WorkItemLog'
        'ConvertTo-WorkItemLog'
        'Measure-Flow'
        'Get-CumulativeFlow'
        'Get-WorkItemAge'
        'ConvertTo-Workflow'
        'Invoke-FlowSimulation'
        'Get-Forecast'
        'Export-FlowReport'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('TheoryOfConstraints', 'Bottleneck', 'Flow', 'Queueing', 'Kanban', 'WIP', 'LeadTime', 'PSEdition_Core', 'PSEdition_Desktop')
            LicenseUri = 'https://opensource.org/licenses/MIT'
        }
    }
}
