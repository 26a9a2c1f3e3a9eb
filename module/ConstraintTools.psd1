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
            Tags         = @('TheoryOfConstraints', 'Bottleneck', 'Flow', 'Queueing', 'Kanban', 'WIP', 'LeadTime', 'PSEdition_Core', 'PSEdition_Desktop')
            LicenseUri   = 'https://opensource.org/licenses/MIT'
            ProjectUri   = 'https://github.com/ConstraintTools/ConstraintTools'
            ReleaseNotes = @'
0.1.0, the first release:
- Model analysis: each stage's utilization, visits, waiting, cycle time, WIP and queue growth, and the constraint with its evidence, from a YAML workflow (Import-Workflow, Measure-Workflow, Find-Constraint, Test-Workflow).
- Constraint path and what-if: where the constraint moves as throughput grows (Get-ConstraintPath) and what relieving a stage really gives (Measure-Improvement).
- Logs: work-item logs from CSV, JSON lines or objects (Import-WorkItemLog, ConvertTo-WorkItemLog), flow measures and the constraint from the data with a confidence level (Measure-Flow, Find-Constraint -Log), a workflow fitted to a log (ConvertTo-Workflow).
- Cumulative flow (Get-CumulativeFlow) and work item ageing (Get-WorkItemAge).
- Simulation with confidence intervals (Invoke-FlowSimulation) and Monte Carlo forecasts from throughput (Get-Forecast).
- A self-contained HTML report (Export-FlowReport) and Mermaid or Graphviz diagrams (ConvertTo-WorkflowDiagram).
- Third-party assemblies are isolated in the module's dependencies folder, so modules that ship other versions of them load side by side.
'@
        }
    }
}
