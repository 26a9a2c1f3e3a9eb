# The staged module as PowerShell sees it: manifest, exports, help and declared output types.
BeforeDiscovery {
    $script:Cmdlets = 'ConvertFrom-WorkflowYaml', 'ConvertTo-WorkItemLog', 'ConvertTo-Workflow', 'ConvertTo-WorkflowDiagram', 'ConvertTo-WorkflowYaml',
        'Export-FlowReport', 'Export-Workflow', 'Find-Constraint', 'Get-ConstraintPath', 'Get-CumulativeFlow', 'Get-Forecast', 'Get-WorkItemAge',
        'Import-WorkItemLog', 'Import-Workflow', 'Invoke-FlowSimulation', 'Measure-Flow', 'Measure-Improvement', 'Measure-Workflow', 'New-Workflow',
        'New-WorkflowStage', 'Test-Workflow'
    $script:OutputTypes = @(
        @{ Cmdlet = 'Import-Workflow'; Types = 'ConstraintTools.Workflow' }
        @{ Cmdlet = 'ConvertFrom-WorkflowYaml'; Types = 'ConstraintTools.Workflow' }
        @{ Cmdlet = 'ConvertTo-WorkflowDiagram'; Types = 'System.String' }
        @{ Cmdlet = 'Measure-Workflow'; Types = 'ConstraintTools.StageMetrics' }
        @{ Cmdlet = 'Measure-Improvement'; Types = 'ConstraintTools.ImprovementResult' }
        @{ Cmdlet = 'Get-ConstraintPath'; Types = 'ConstraintTools.ConstraintStep' }
        @{ Cmdlet = 'Import-WorkItemLog'; Types = 'ConstraintTools.WorkItemLog' }
        @{ Cmdlet = 'ConvertTo-WorkItemLog'; Types = 'ConstraintTools.WorkItemLog' }
        @{ Cmdlet = 'Get-CumulativeFlow'; Types = 'ConstraintTools.CumulativeFlowPoint' }
        @{ Cmdlet = 'Get-WorkItemAge'; Types = 'ConstraintTools.WorkItemAge' }
        @{ Cmdlet = 'ConvertTo-Workflow'; Types = 'ConstraintTools.Workflow' }
        @{ Cmdlet = 'Get-Forecast'; Types = 'ConstraintTools.Forecast' }
        @{ Cmdlet = 'Export-FlowReport'; Types = 'System.IO.FileInfo' }
        @{ Cmdlet = 'Measure-Flow'; Types = 'ConstraintTools.StageFlow', 'ConstraintTools.FlowSummary' }
        @{ Cmdlet = 'Test-Workflow'; Types = 'ConstraintTools.AuditFinding', 'System.Boolean' }
        @{ Cmdlet = 'Find-Constraint'; Types = 'ConstraintTools.ConstraintReport', 'ConstraintTools.FlowConstraintReport', 'ConstraintTools.ConstraintWindow' }
        @{ Cmdlet = 'Invoke-FlowSimulation'; Types = 'ConstraintTools.SimulatedStage', 'ConstraintTools.SimulationSummary', 'ConstraintTools.WipSample', 'ConstraintTools.WorkItemLog' }
    )
}

BeforeAll {
    . $PSScriptRoot/Common.ps1
    $script:Manifest = Join-Path $RepoRoot 'out/ConstraintTools/ConstraintTools.psd1'
    $script:Expected = $Cmdlets
}

Describe 'The manifest' {
    It 'is valid and exports exactly the cmdlets, for Core and Desktop, at the assemblies'' version' {
        $tested = Test-ModuleManifest $Manifest
        @($tested.ExportedCmdlets.Keys | Sort-Object) | Should -BeExactly @($Expected | Sort-Object)
        $tested.CompatiblePSEditions | Should -Contain 'Core'
        $tested.CompatiblePSEditions | Should -Contain 'Desktop'
        $tested.Description | Should -Not -BeNullOrEmpty
        $assembly = [Reflection.AssemblyName]::GetAssemblyName((Join-Path $RepoRoot 'out/ConstraintTools/ConstraintTools.PowerShell.dll')).Version
        $tested.Version | Should -Be ([version]::new($assembly.Major, $assembly.Minor, $assembly.Build))
    }

    It 'gives the imported module exactly those commands' {
        @(Get-Command -Module ConstraintTools | ForEach-Object Name | Sort-Object) | Should -BeExactly @($Expected | Sort-Object)
    }
}

Describe 'Help of <_>' -ForEach $Cmdlets {
    BeforeAll { $script:Cmdlet = $_ }

    It 'has a written synopsis and at least two examples' {
        $help = Get-Help $Cmdlet
        # An auto-generated synopsis is just the syntax.
        $help.Synopsis | Should -Not -BeLike "*$Cmdlet *"
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
        (Get-Help $Cmdlet -Examples | Out-String) | Should -BeLike "*$Cmdlet*"
    }

    It 'describes every parameter' {
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
        # A parameter hidden from help and completion (DontShow, bound only from the pipeline) has nothing to describe.
        $shown = (Get-Command $Cmdlet).Parameters.Values | Where-Object {
            $_.Name -notin $common -and -not ($_.Attributes | Where-Object { $_ -is [Parameter] -and $_.DontShow })
        }
        # One Get-Help a cmdlet: it reads the help file each time.
        $described = @{}
        foreach ($entry in (Get-Help $Cmdlet -Full).parameters.parameter) { $described[$entry.name] = $entry.description.Text -join '' }
        foreach ($parameter in $shown.Name) {
            "$($described[$parameter])".Length | Should -BeGreaterThan 20 -Because "$Cmdlet -$parameter needs a description"
        }
    }
}

Describe 'about_ConstraintTools' {
    It 'explains the schema, the formulas and the cmdlets' {
        $about = Get-Help about_ConstraintTools | Out-String
        $about | Should -BeLike '*serviceTime*'
        $about | Should -BeLike '*Little*'
        $about | Should -BeLike '*Find-Constraint*'
    }
}

Describe '<Cmdlet> declares its output types' -ForEach $OutputTypes {
    It 'in the order its help lists them' {
        @((Get-Command $Cmdlet).OutputType | ForEach-Object Name) | Should -BeExactly $Types
    }
}
