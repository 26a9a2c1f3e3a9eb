BeforeAll { . $PSScriptRoot/Common.ps1 }

Describe 'Measure-Improvement' {
    BeforeAll {
        $script:AiCoding = Join-Path $Examples 'ai-coding.yaml'
        $script:W = Import-Workflow $AiCoding
    }

    It 'shows that faster coding adds no throughput' {
        $row = $W | Measure-Improvement Code -CapacityFactor 5 -ErrorVariable errs

        $errs | Should -BeNullOrEmpty
        @($row).Count | Should -Be 1
        $row.PSObject.TypeNames[0] | Should -BeExactly 'ConstraintTools.ImprovementResult'
        [math]::Round($row.ThroughputAfter, 12) | Should -Be 6.4
        [math]::Round($row.ThroughputGainPercent, 12) | Should -Be 0.0
        $row.Verdict | Should -BeExactly 'No throughput gain: Code is not the constraint (Review is); WIP in front of Review grows 1.6 items/week faster.'
    }

    It 'tries the change on every stage without -Stage' {
        $gains = $W | Measure-Improvement -CapacityFactor 5 -ErrorVariable errs | Where-Object ThroughputGainPercent -gt 0

        $errs | Should -BeNullOrEmpty
        @($gains).Count | Should -Be 1
        $gains.Stage | Should -BeExactly 'Review'
    }

    It 'shows progress trying every stage and refuses a workflow too large to try stage by stage' {
        # Progress records cannot be redirected in a script, so the pipeline runs in a PowerShell of its own.
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript("Import-Module '$(Join-Path $RepoRoot 'out/ConstraintTools/ConstraintTools.psd1')' -ErrorAction Stop").Invoke()
            $shell.Commands.Clear()
            $null = $shell.AddScript(@"
`$w = Import-Workflow '$AiCoding'
`$w | Measure-Improvement -CapacityFactor 2 | ForEach-Object Stage
`$huge = New-Workflow Huge -Demand 5 -Stage (1..15000 | ForEach-Object { New-WorkflowStage "S`$_" -ServiceTime 1h })
`$huge | Measure-Improvement -CapacityFactor 2
'after'
"@)

            $output = $shell.Invoke()

            $output | Should -BeExactly @('Refinement', 'Code', 'Review', 'Integration', 'Go-to-market', 'after')
            $progress = @($shell.Streams.Progress | Where-Object Activity -EQ 'Trying capacity x2 on each stage of AI-assisted delivery')
            $progress | Where-Object { $_.StatusDescription -eq '2 of 5 stages' -and $_.PercentComplete -eq 40 } | Should -Not -BeNullOrEmpty
            $progress[-1].RecordType | Should -Be ([System.Management.Automation.ProgressRecordType]::Completed)
            $shell.Streams.Error.Count | Should -Be 1
            $tooLong = $shell.Streams.Error[0]
            $tooLong.FullyQualifiedErrorId | Should -BeExactly 'ImprovementTooLong,ConstraintTools.PowerShell.MeasureImprovementCommand'
            $tooLong.CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::LimitsExceeded)
            $tooLong.Exception.Message | Should -Match 'each of the 15,000 stages'
        }
        finally { $shell.Dispose() }
    }

    It 'lists the valid stages for a wrong stage name' {
        $rows = Measure-Improvement -Workflow $W -Stage Reveiw, Code -Servers 6 -ErrorVariable errs -ErrorAction SilentlyContinue

        @($rows).Count | Should -Be 1
        $rows.Stage | Should -BeExactly 'Code'
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeExactly 'StageNotFound,ConstraintTools.PowerShell.MeasureImprovementCommand'
        $errs[0].Exception.Message | Should -Match ([regex]::Escape("has no stage 'Reveiw'; did you mean 'Review'? (stages: Refinement, Code, Review, Integration, Go-to-market)"))
    }

    It 'stops its statement when no change is given' {
        $e = { $W | Measure-Improvement -Stage Code } | Should -Throw -PassThru
        # Pester's own try would end the whole block; a trap that continues goes on after the failed statement, as a script does.
        $after = & {
            trap { continue }
            $W | Measure-Improvement -Stage Code
            'next statement'
        }

        $e.FullyQualifiedErrorId | Should -BeExactly 'NoChangeGiven,ConstraintTools.PowerShell.MeasureImprovementCommand'
        $e.Exception.Message | Should -Match 'Give at least one change'
        $after | Should -BeExactly 'next statement'
    }

    It 'completes the stage names of the workflow given' {
        $line = 'Measure-Improvement -Workflow $W -Stage Re'

        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -BeExactly @('Refinement', 'Review')
    }

    It 'quotes completed names with spaces' {
        $ux = Import-Workflow (Join-Path $Examples 'hidden-ux-research.yaml')
        $line = 'Measure-Improvement -Workflow $ux -Stage UX'

        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -BeExactly "'UX research'"
    }

    It 'renders improvements as a table' {
        $table = $W | Measure-Improvement -Stage Review -CapacityFactor 5 | Format-Table -View Wide | Get-Rendered -Width 200

        $table -join "`n" | Should -Match 'Review\s+capacity x5\s+6\.4 -> 8\s+\+25%\s+unstable -> unstable\s+Review -> Code\s+Throughput rises 25%'
    }
}
