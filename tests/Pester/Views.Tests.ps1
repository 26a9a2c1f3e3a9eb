# Every table view in the format file, rendered at 80 and 120 columns: the columns that must show at each width,
# no line wider than the console, no figure cut short, and one decimal separator in a row under de-DE.
BeforeAll {
    . $PSScriptRoot/Common.ps1
    $ai = Import-Workflow (Join-Path $Examples 'ai-coding.yaml')
    $all = Import-Workflow (Join-Path $Examples '*.yaml')
    $w = Import-Workflow (Join-Path $Examples 'delivery-log.yaml')
    $log = Import-WorkItemLog (Join-Path $Examples 'delivery-log.csv')
    $simulation = @($all | Invoke-FlowSimulation -Seed 1 -Replications 5 -ErrorAction SilentlyContinue)
    $script:Outputs = @{
        Workflow             = @($all)
        StageMetrics         = @($ai | Measure-Workflow)
        ConstraintReport     = @($all | Find-Constraint)
        ImprovementResult    = @($ai | Measure-Improvement -CapacityFactor 5)
        ConstraintStep       = @($ai | Get-ConstraintPath -TargetThroughput 10/week)
        AuditFinding         = @($ai | Test-Workflow)
        WorkflowStage        = @($ai.Stages)
        WorkItemLog          = @($log)
        StatusChange         = @($log.Events | Select-Object -First 5)
        StageFlow            = @($log | Measure-Flow -Workflow $w | Where-Object { $_.PSObject.TypeNames -contains 'ConstraintTools.StageFlow' })
        FlowSummary          = @($log | Measure-Flow -Workflow $w -Summary | Where-Object { $_.PSObject.TypeNames -contains 'ConstraintTools.FlowSummary' })
        FlowConstraintReport = @($log | Find-Constraint -Workflow $w)
        ConstraintWindow     = @($log | Find-Constraint -Workflow $w -Interval 4w)
        StageLoad            = @(($log | Find-Constraint -Workflow $w).Loads)
        CumulativeFlowPoint  = @($log | Get-CumulativeFlow -Workflow $w -Interval 1w | Select-Object -First 10)
        WorkItemAge          = @($log | Get-WorkItemAge -Workflow $w | Select-Object -First 10)
        SimulatedStage       = @($simulation | Where-Object { $_.PSObject.TypeNames -contains 'ConstraintTools.SimulatedStage' })
        SimulationSummary    = @($all | Invoke-FlowSimulation -Seed 1 -Replications 5 -Summary -ErrorAction SilentlyContinue)
        WipSample            = @($ai | Invoke-FlowSimulation -Seed 1 -Replications 1 -TimeSeries | Where-Object { $_.PSObject.TypeNames -contains 'ConstraintTools.WipSample' } | Select-Object -First 10)
        Forecast             = @($log | Get-Forecast -Workflow $w -Items 100)
    }
}

Describe 'Format views' {
    It 'names a view for every table type the tests render' {
        $tables = ([xml](Get-Content (Join-Path $RepoRoot 'module/ConstraintTools.Format.ps1xml') -Raw)).Configuration.ViewDefinitions.View |
            Where-Object { $_.TableControl } | ForEach-Object { $_.ViewSelectedBy.TypeName -replace '^ConstraintTools\.' } | Sort-Object -Unique
        $tables | Should -Be ($Outputs.Keys | Sort-Object)
    }

    It 'renders <Type> at <Width> columns within the width, with <Keep>' -ForEach @(
        @{ Type = 'StageMetrics'; Width = 80; Keep = 'Stage', 'Role', 'Util', 'Grow/wk', 'Wait', 'Cycle', 'WIP' }
        @{ Type = 'StageMetrics'; Width = 120; Keep = 'Stage', 'Role', 'Util', 'Grow/wk', 'Wait', 'Cycle', 'WIP' }
        @{ Type = 'ConstraintReport'; Width = 80; Keep = 'Workflow', 'Constraint', 'Util', 'Next', 'Lead' }
        @{ Type = 'ConstraintReport'; Width = 120; Keep = 'Workflow', 'Constraint', 'Util', 'Next', 'Lead', 'Unmeasured' }
        @{ Type = 'StageFlow'; Width = 80; Keep = 'Stage', 'Done/wk', 'WIP', 'Util', 'p50', 'p85', 'Wait', 'Active' }
        @{ Type = 'FlowConstraintReport'; Width = 80; Keep = 'Workflow', 'Constraint', 'Confidence', 'Load', 'Next' }
        @{ Type = 'ImprovementResult'; Width = 80; Keep = 'Stage', 'Change', 'Gain', 'Constraint', 'Verdict' }
        @{ Type = 'SimulatedStage'; Width = 80; Keep = 'Stage', 'Role', 'Util', 'Done/wk', 'Wait' }
        @{ Type = 'SimulationSummary'; Width = 80; Keep = 'Workflow', 'Done/wk', 'Lead time', 'p85', 'Constraint' }
    ) {
        $lines = $Outputs[$Type] | Get-Rendered -Width $Width
        $header = $lines | Where-Object { $_ -match '^\S' } | Select-Object -First 1
        foreach ($name in $Keep) { $header | Should -Match "(^| )$([regex]::Escape($name))( |$)" }
    }

    It 'keeps every <_> line within 80 and 120 columns, no header broken over lines' -ForEach @(
        'Workflow', 'StageMetrics', 'ConstraintReport', 'ImprovementResult', 'ConstraintStep', 'AuditFinding', 'WorkflowStage',
        'WorkItemLog', 'StatusChange', 'StageFlow', 'FlowSummary', 'FlowConstraintReport', 'ConstraintWindow', 'StageLoad',
        'CumulativeFlowPoint', 'WorkItemAge', 'SimulatedStage', 'SimulationSummary', 'WipSample', 'Forecast'
    ) {
        $Outputs[$_].Count | Should -BeGreaterThan 0
        foreach ($width in 80, 120) {
            $lines = @($Outputs[$_] | Get-Rendered -Width $width)
            $lines | Where-Object Length -gt $width | Should -BeNullOrEmpty
            # A header too wide for its column breaks onto a second line above the dashes.
            $rules = @(0..($lines.Count - 1) | Where-Object { $lines[$_] -match '^ *-+( +-+)*$' })
            $rules | Should -Not -BeNullOrEmpty
            foreach ($rule in $rules) { $lines[$rule - 2] | Should -Not -Match '^\S+( +\S+)* {2,}\S' -Because "the line above '$($lines[$rule - 1])' is not a header's second half" }
        }
    }

    It 'shows every column of <_> in its Wide view at 120 columns, within the width' -ForEach @(
        'StageMetrics', 'ConstraintReport', 'ImprovementResult', 'ConstraintStep', 'WorkItemLog', 'StageFlow', 'FlowSummary',
        'FlowConstraintReport', 'StageLoad', 'WorkItemAge', 'SimulatedStage', 'SimulationSummary', 'Forecast'
    ) {
        $type = $_
        $view = ([xml](Get-Content (Join-Path $RepoRoot 'module/ConstraintTools.Format.ps1xml') -Raw)).Configuration.ViewDefinitions.View |
            Where-Object { $_.Name -eq 'Wide' -and $_.ViewSelectedBy.TypeName -eq "ConstraintTools.$type" }
        $view | Should -Not -BeNullOrEmpty
        $width = 120
        $lines = @($Outputs[$type] | Format-Table -View Wide | Get-Rendered -Width $width)
        $lines | Where-Object Length -gt $width | Should -BeNullOrEmpty
        # A right-aligned value too long for its column is cut from the left: '…stable' for unstable.
        $lines | Where-Object { $_ -match '(^| )…\S' } | Should -BeNullOrEmpty
        $header = $lines | Where-Object { $_ -match '^ *[A-Z]' -and $_ -notmatch '^ +Workflow: ' } | Select-Object -First 1
        # Every column but a last one of free text (it takes what is left, or nothing) shows at 120.
        $labels = @($view.TableControl.TableHeaders.TableColumnHeader | Where-Object Width | ForEach-Object Label)
        foreach ($label in $labels) { $header | Should -Match "(^| )$([regex]::Escape($label))( |$)" }
    }

    It 'prints each <Header> of <Type> whole, as the Display helper gives it' -ForEach @(
        @{ Type = 'SimulatedStage'; Header = 'Cycle'; View = 'Wide'; Value = { [ConstraintTools.Notation.Display]::WithHalfWidth([ConstraintTools.Notation.Display]::Duration($_.CycleTime), [ConstraintTools.Notation.Display]::Duration($_.CycleTimeHalfWidth)) } }
        @{ Type = 'SimulatedStage'; Header = 'Wait'; Value = { [ConstraintTools.Notation.Display]::WithHalfWidth([ConstraintTools.Notation.Display]::Duration($_.WaitTime), [ConstraintTools.Notation.Display]::Duration($_.WaitTimeHalfWidth)) } }
        @{ Type = 'SimulationSummary'; Header = 'Lead time'; Value = { [ConstraintTools.Notation.Display]::WithHalfWidth([ConstraintTools.Notation.Display]::Duration($_.LeadTime), [ConstraintTools.Notation.Display]::Duration($_.LeadTimeHalfWidth)) } }
        @{ Type = 'SimulationSummary'; Header = 'p85'; Value = { [ConstraintTools.Notation.Display]::Duration($_.LeadTimeP85) } }
        @{ Type = 'StageFlow'; Header = 'p85'; Value = { [ConstraintTools.Notation.Display]::Duration($_.TimeInStageP85) } }
        @{ Type = 'StageFlow'; Header = 'Util'; Value = { [ConstraintTools.Notation.Display]::Percent($_.Utilization) } }
        @{ Type = 'ConstraintReport'; Header = 'Done/wk'; View = 'Wide'; Value = { [ConstraintTools.Notation.Display]::Rate($_.ThroughputPerWeek) } }
        @{ Type = 'StageMetrics'; Header = 'Util'; Value = { [ConstraintTools.Notation.Display]::Percent($_.Utilization) } }
    ) {
        $rows = @($Outputs[$Type])
        $show = if ($View) { { param($row) $row | Format-Table -View $View } } else { { param($row) $row } }
        $expected = @($rows | ForEach-Object $Value)
        # A Wide view is for consoles of 120 columns and more.
        foreach ($width in $(if ($View) { 120 } else { 80, 120 })) {
            # One row at a time, as a slow cmdlet streams them: each table is sized from its single row.
            for ($i = 0; $i -lt $rows.Count; $i++) {
                $lines = @(& $show $rows[$i] | Get-Rendered -Width $width | Where-Object { $_ -and $_ -notmatch '^ +Workflow: ' })
                $rule = [array]::FindIndex($lines, [Predicate[string]] { param($l) $l -match '^ *-+( +-+)*$' })
                $lines[$rule - 1] | Should -Match "(^| )$([regex]::Escape($Header))( |$)"
                $row = $lines[$rule + 1]
                $row | Should -Match "(^| )$([regex]::Escape($expected[$i]))( |$)" -Because "row $i at $width columns"
                $row | Should -Not -Match '…[\d.±]|[\d.±]…' -Because "row $i at $width columns has no figure cut short"
            }
        }
    }

    It 'writes a <_> row in one culture under de-DE' -ForEach @('StageMetrics', 'ConstraintReport', 'StageFlow', 'StageLoad', 'SimulatedStage', 'SimulationSummary', 'WorkflowStage', 'ImprovementResult', 'WipSample', 'Forecast') {
        $thread = [System.Threading.Thread]::CurrentThread
        $culture = $thread.CurrentCulture
        try {
            $thread.CurrentCulture = [cultureinfo]'de-DE'
            $lines = @($Outputs[$_] | Get-Rendered -Width 200)
        }
        finally { $thread.CurrentCulture = $culture }
        $lines | Where-Object { $_ -match '\d,\d' } | Should -BeNullOrEmpty
        ($lines -join "`n") | Should -Match '\d\.\d'
    }
}
