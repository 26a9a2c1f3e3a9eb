BeforeAll { . $PSScriptRoot/Common.ps1; . $PSScriptRoot/WorkflowHelpers.ps1 }

Describe 'Measure-Workflow' {
    BeforeAll {
        # The worked example of Find-Constraint.Tests.ps1: B is an M/M/2 at ρ 0.6 with Wq 14.175 h and te 25.2 h.
        $script:Line = Join-Path $TestDrive 'line.yaml'
        [IO.File]::WriteAllText($Line, $TwoStagesYaml)
        $script:AiCoding = Import-Workflow (Join-Path $Examples 'ai-coding.yaml')
    }

    It 'measures every stage' {
        $stages = Import-Workflow $Line | Measure-Workflow -ErrorVariable errs

        $errs | Should -BeNullOrEmpty
        $stages.Stage | Should -BeExactly @('A', 'B')
        $b = $stages[1]
        $b.Servers | Should -Be 2
        $b.Servers | Should -BeOfType [int]
        [math]::Round($b.CapacityPerWeek, 12) | Should -Be ([math]::Round(40 / 3, 12))
        [math]::Round($b.Utilization, 12) | Should -Be 0.6
        [math]::Round($b.WaitTime.TotalHours, 6) | Should -Be 14.175
        [math]::Round($b.Wip, 9) | Should -Be ([math]::Round(8 * (14.175 + 25.2) / 168, 9))
        $b.IsConstraint | Should -BeFalse
        $stages[0].IsConstraint | Should -BeTrue
    }

    It 'filters the examples'' stages by utilization' {
        $all = Import-Workflow (Join-Path $Examples '*.yaml') | Measure-Workflow -ErrorVariable errs
        $busy = Import-Workflow (Join-Path $Examples '*.yaml') | Measure-Workflow | Where-Object Utilization -gt 0.8

        $errs | Should -BeNullOrEmpty
        $expected = foreach ($stage in $all) { if ($stage.Utilization -is [double] -and $stage.Utilization -gt 0.8) { $stage.Stage } }
        $expected | Should -Not -BeNullOrEmpty
        $busy.Stage | Should -BeExactly $expected
    }

    It 'renders stages as a table with the constraint marked' {
        $lines = Import-Workflow $Line | Measure-Workflow | Format-Table -View Wide | Get-Rendered -Width 200

        $lines | Where-Object { $_.Contains('Workflow: Two stages') } | Should -Not -BeNullOrEmpty
        $header = $lines | Where-Object { $_.StartsWith('Stage') } | Select-Object -First 1
        $header | Should -Match 'Util'
        $header | Should -Match 'Cap/wk'
        $rowA = $lines | Where-Object { $_.StartsWith('A ') } | Select-Object -First 1
        $rowA | Should -Match 'CONSTRAINT'
        $rowA | Should -Match '80\.0%'
        $rowA | Should -Match '2\.8d' # Wq = 0.4 weeks = 2.8 days
        $rowB = $lines | Where-Object { $_.StartsWith('B ') } | Select-Object -First 1
        $rowB | Should -Not -Match 'CONSTRAINT'
        $rowB | Should -Match '60\.0%'
        $lines -join "`n" | Should -Not -Match "`e" -Because 'ANSI styling must not leak into plain text'
    }

    It 'projects WIP over a horizon given as a duration, a TimeSpan, hours or days' {
        $review = $AiCoding | Measure-Workflow -Horizon 12w -ErrorVariable errs | Where-Object Stage -eq Review
        $table = $AiCoding | Measure-Workflow -Horizon ([timespan]::FromDays(84)) | Get-Rendered -Width 200
        $hours = $AiCoding | Measure-Workflow -Horizon 2016 | Where-Object Stage -eq Review
        $days = $AiCoding | Measure-Workflow -Horizon 84d | Where-Object Stage -eq Review

        $errs | Should -BeNullOrEmpty
        @($review).Count | Should -Be 1
        [math]::Round($review.ProjectedWip, 9) | Should -Be 49
        $table -join "`n" | Should -Match '49 in 12w'
        [math]::Round($hours.ProjectedWip, 9) | Should -Be 49 # a bare number is hours: 2016 h = 12 weeks
        [math]::Round($days.ProjectedWip, 9) | Should -Be 49 # PowerShell reads 84d as the decimal 84: days
    }

    It 'refuses a horizon that is not a duration' {
        $e = { $AiCoding | Measure-Workflow -Horizon soon } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -BeExactly 'ParameterArgumentTransformationError,ConstraintTools.PowerShell.MeasureWorkflowCommand'
    }

    It 'refuses a horizon past what a number holds' {
        $e = { Measure-Workflow -Workflow (Import-Workflow (Join-Path $Examples 'code-review.yaml')) -Horizon 1e308w } | Should -Throw -PassThru
        $e.Exception.Message | Should -Match ([regex]::Escape("'1e308w' is too large a duration: in hours it is more than a number holds."))
    }
}
