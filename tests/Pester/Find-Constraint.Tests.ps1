BeforeAll { . $PSScriptRoot/Common.ps1; . $PSScriptRoot/WorkflowHelpers.ps1 }

Describe 'Find-Constraint' {
    BeforeAll {
        # M/M/1 then M/M/2, worked by hand: A has μ = 40/4 = 10/wk, ρ = 0.8, Wq = ρ/(μ−λ) = 0.4 wk,
        # te = 0.1 wk; B has μ₁ = 40/6, A = 1.2 Erlangs, P0 = 1/4, C = 0.45, Wq = 0.45/(40/3 − 8) wk
        # = 14.175 h, te = 0.15 wk. Lead time = 67.2 + 16.8 + 14.175 + 25.2 = 123.375 h.
        $script:Line = Join-Path $TestDrive 'line.yaml'
        [IO.File]::WriteAllText($Line, $TwoStagesYaml)
    }

    It 'names each example workflow''s constraint' {
        $reports = Import-Workflow (Join-Path $Examples 'code-review.yaml'), (Join-Path $Examples 'support-desk.yaml') | Find-Constraint
        $reports.Constraint | Should -Be @('Review', 'Fix')
        $reports[0].PSObject.TypeNames[0] | Should -Be 'ConstraintTools.ConstraintReport'
    }

    It 'finds the constraint of a log' {
        $log = Import-WorkItemLog (Join-Path $Examples 'delivery-log.csv')
        $found = $log | Find-Constraint -Workflow (Join-Path $Examples 'delivery-log.yaml')
        $found.Verdict | Should -Be 'Stage'
        $found.Constraint | Should -Be 'Code Review'
        $found.Confidence | Should -Be 'High'
    }

    It 'finds the constraint of a worked example' {
        $report = Import-Workflow $Line | Find-Constraint -ErrorVariable errs

        $errs | Should -BeNullOrEmpty
        @($report).Count | Should -Be 1
        $report.Constraint | Should -BeExactly 'A'
        [math]::Round($report.Utilization, 12) | Should -Be 0.8
        [math]::Round($report.ThroughputPerWeek, 12) | Should -Be 8
        [math]::Round($report.ThroughputCeilingPerWeek, 12) | Should -Be 10
        $report.NextConstraint | Should -BeExactly 'B'
        [math]::Round($report.RelocationFactor, 12) | Should -Be ([math]::Round(0.8 / 0.6, 12))
        [math]::Round($report.LeadTime.TotalHours, 6) | Should -Be 123.375
        $report.Evidence | Should -Not -BeNullOrEmpty
        $report.PSObject.TypeNames[0] | Should -BeExactly 'ConstraintTools.ConstraintReport'
    }

    It 'renders the constraint report as a table' {
        $report = Import-Workflow $Line | Find-Constraint | Format-Table -View Wide | Get-Rendered -Width 200

        $report -join "`n" | Should -Match 'Constraint'
        $report | Where-Object { $_.StartsWith('Two stages') } | Select-Object -First 1 |
            Should -Match 'Two stages\s+A\s+80\.0%\s+8\s+8\s+10\s+B\s+x1\.33\s+5\.1d'
    }

    It 'explains an invalid workflow built in code' {
        Find-Constraint -Workflow ([ConstraintTools.Workflow]::new('empty')) -ErrorVariable errs -ErrorAction SilentlyContinue

        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeExactly 'InvalidWorkflow,ConstraintTools.PowerShell.FindConstraintCommand'
        $errs[0].Exception.Message | Should -Match 'no stages'
    }
}
