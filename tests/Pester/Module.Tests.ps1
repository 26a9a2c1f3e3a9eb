# The staged module as PowerShell sees it: manifest, exports, help and declared output types.
BeforeDiscovery {
    # The help tests cover every cmdlet the staged manifest exports; the manifest test holds that list against this one.
    $script:Exported = @((Import-PowerShellDataFile (Join-Path $PSScriptRoot '../../out/ConstraintTools/ConstraintTools.psd1')).CmdletsToExport)
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
    # The hand-written MAML help, read once: its syntax and parameters are held against Get-Command.
    $script:Maml = [xml](Get-Content -Raw (Join-Path $RepoRoot 'out/ConstraintTools/en-US/ConstraintTools.PowerShell.dll-Help.xml'))
    $script:MamlNs = [Xml.XmlNamespaceManager]::new($Maml.NameTable)
    $MamlNs.AddNamespace('command', 'http://schemas.microsoft.com/maml/dev/command/2004/10')
    $MamlNs.AddNamespace('maml', 'http://schemas.microsoft.com/maml/2004/10')
    $script:Common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters

    # The parameters a user sees: no common parameter, and none hidden from help and completion (DontShow, bound only
    # from the pipeline), which has nothing to describe and no place in the syntax.
    function script:Test-Shown($Parameter) {
        $Parameter.Name -notin $Common -and -not ($Parameter.Attributes | Where-Object { $_ -is [Parameter] -and $_.DontShow })
    }

    # A type as the syntax shows it: String[], TimeSpan for a Nullable[TimeSpan].
    function script:Get-ShownTypeName([type] $Type) {
        $underlying = [Nullable]::GetUnderlyingType($Type)
        if ($underlying) { $underlying.Name } else { $Type.Name }
    }

    # A position as the MAML writes it: 0-based, or 'named'.
    function script:Get-MamlPosition([int] $Position) { if ($Position -lt 0) { 'named' } else { "$Position" } }
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

Describe 'Help of <_>' -ForEach $Exported {
    BeforeAll {
        $script:Cmdlet = $_
        $script:Command = Get-Command $Cmdlet
        $script:HelpNode = $Maml.SelectSingleNode("//command:command[command:details/command:name='$Cmdlet']", $MamlNs)
    }

    It 'has a written synopsis and at least two examples' {
        $help = Get-Help $Cmdlet
        # An auto-generated synopsis is just the syntax.
        $help.Synopsis | Should -Not -BeLike "*$Cmdlet *"
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
        (Get-Help $Cmdlet -Examples | Out-String) | Should -BeLike "*$Cmdlet*"
    }

    It 'describes every parameter' {
        $shown = $Command.Parameters.Values | Where-Object { Test-Shown $_ }
        # One Get-Help a cmdlet: it reads the help file each time.
        $described = @{}
        foreach ($entry in (Get-Help $Cmdlet -Full).parameters.parameter) { $described[$entry.name] = $entry.description.Text -join '' }
        foreach ($parameter in $shown.Name) {
            "$($described[$parameter])".Length | Should -BeGreaterThan 20 -Because "$Cmdlet -$parameter needs a description"
        }
    }

    It 'has a syntax item for each parameter set, with its parameters, mandatory flags, positions and types' {
        $HelpNode | Should -Not -BeNullOrEmpty -Because "the MAML help has a command named $Cmdlet"
        $items = @($HelpNode.SelectNodes('command:syntax/command:syntaxItem', $MamlNs))
        $sets = @($Command.ParameterSets)
        $items.Count | Should -Be $sets.Count -Because "$Cmdlet has the parameter sets $($sets.Name -join ', ')"
        $wrong = [Collections.Generic.List[string]]::new()
        $matched = @{}
        foreach ($item in $items) {
            $given = @($item.SelectNodes('command:parameter', $MamlNs) | Where-Object { $_.SelectSingleNode('maml:name', $MamlNs).InnerText -notin $Common })
            $names = @($given | ForEach-Object { $_.SelectSingleNode('maml:name', $MamlNs).InnerText } | Sort-Object)
            # The set whose parameters the item names, whatever their order.
            $set = $sets | Where-Object { -not $matched[$_.Name] -and ((@($_.Parameters | Where-Object { Test-Shown $_ } | ForEach-Object Name | Sort-Object) -join ' ') -eq ($names -join ' ')) } |
                Select-Object -First 1
            if (-not $set) { $wrong.Add("the syntax item -$($names -join ' -') is no parameter set of $Cmdlet"); continue }
            $matched[$set.Name] = $true
            foreach ($node in $given) {
                $name = $node.SelectSingleNode('maml:name', $MamlNs).InnerText
                $parameter = $set.Parameters | Where-Object Name -eq $name
                if ($node.HasAttribute('required') -and $node.required -ne "$($parameter.IsMandatory)".ToLowerInvariant()) {
                    $wrong.Add("set $($set.Name): -$name is required=""$($node.required)"", but Mandatory is $($parameter.IsMandatory)")
                }
                if ($node.HasAttribute('position') -and $node.position -ne (Get-MamlPosition $parameter.Position)) {
                    $wrong.Add("set $($set.Name): -$name is position=""$($node.position)"", but its position is $(Get-MamlPosition $parameter.Position)")
                }
                # A switch shows no value (-Summary); any other parameter shows its type (-Duration <TimeSpan>).
                $value = $node.SelectSingleNode('command:parameterValue', $MamlNs)
                $type = if ($parameter.ParameterType -eq [switch]) { $null } else { Get-ShownTypeName $parameter.ParameterType }
                if ("$($value.InnerText)" -ne "$type") { $wrong.Add("set $($set.Name): -$name shows the value <$($value.InnerText)>, but takes $(if ($type) { "<$type>" } else { 'none (a switch)' })") }
            }
        }
        $wrong -join "`n" | Should -BeNullOrEmpty
    }

    It 'gives each parameter, in its parameters section, the mandatory flag and position Get-Command has' {
        $wrong = [Collections.Generic.List[string]]::new()
        $documented = @{}
        foreach ($node in $HelpNode.SelectNodes('command:parameters/command:parameter', $MamlNs)) {
            $name = $node.SelectSingleNode('maml:name', $MamlNs).InnerText
            $documented[$name] = $true
            $parameter = $Command.Parameters[$name]
            if (-not $parameter) { $wrong.Add("-$name is no parameter of $Cmdlet"); continue }
            # One value for the section: a parameter mandatory or positional in one set and not in another has none to check.
            $in = @($parameter.ParameterSets.Values)
            $mandatory = @($in.IsMandatory | Select-Object -Unique)
            $position = @($in | ForEach-Object { Get-MamlPosition $_.Position } | Select-Object -Unique)
            if ($mandatory.Count -eq 1 -and $node.required -ne "$($mandatory[0])".ToLowerInvariant()) {
                $wrong.Add("-$name is required=""$($node.required)"", but Mandatory is $($mandatory[0])")
            }
            if ($position.Count -eq 1 -and $node.position -ne $position[0]) { $wrong.Add("-$name is position=""$($node.position)"", but its position is $($position[0])") }
        }
        foreach ($parameter in $Command.Parameters.Values | Where-Object { Test-Shown $_ }) {
            if (-not $documented[$parameter.Name]) { $wrong.Add("-$($parameter.Name) is missing from the parameters section") }
        }
        $wrong -join "`n" | Should -BeNullOrEmpty
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
