BeforeAll { . $PSScriptRoot/Common.ps1 }

Describe 'Get-ConstraintPath' {
    BeforeAll {
        $script:W = Import-Workflow (Join-Path $Examples 'ai-coding.yaml')
    }

    It 'walks the constraint path to a target' {
        $steps = $W | Get-ConstraintPath 10/week -ErrorVariable errs
        $table = $W | Get-ConstraintPath -TargetThroughput 10 | Format-Table -View Wide | Get-Rendered -Width 200

        $errs | Should -BeNullOrEmpty
        $steps.Stage | Should -BeExactly @('Review', 'Code')
        [math]::Round($steps[1].CapacityFactor, 12) | Should -Be 1.25
        $steps[1].TargetReached | Should -BeTrue
        $table -join "`n" | Should -Match ([regex]::Escape('Review x1.56, Code x1.25'))
        $table -join "`n" | Should -Match ([regex]::Escape('(target reached)'))
    }

    It 'warns when the target is already met' {
        $null = $W | Get-ConstraintPath -TargetThroughput 5 -WarningVariable warned -WarningAction SilentlyContinue

        @($warned).Count | Should -Be 1
        $warned[0].Message | Should -Match 'already meets the target'
    }
}
