BeforeAll {
    . $PSScriptRoot/Common.ps1
    . $PSScriptRoot/LogHelpers.ps1
    # An error no test asks for fails the test it is written in.
    $ErrorActionPreference = 'Stop'
}

# A log at the ends of the calendar (LogHelpers.ps1's New-CalendarEdgeLog), through every log measure; .NET's range
# errors ("Ticks must be between DateTime.MinValue.Ticks and …") were thrown there. Get-Forecast.Tests.ps1 has the forecasts'.
Describe 'A log spanning the whole calendar' {
    BeforeAll {
        $log = New-CalendarEdgeLog
        $w = New-CalendarEdgeWorkflow
    }

    It 'is read by every log measure' {
        $summary = @($log | Measure-Flow -Workflow $w -Summary)
        $points = @($log | Get-CumulativeFlow -Workflow $w -Interval 36500d)
        $ages = @($log | Get-WorkItemAge -Workflow $w)
        $found = @($log | Find-Constraint -Workflow $w)
        $fitted = @($log | ConvertTo-Workflow -Workflow $w -WarningAction SilentlyContinue)
        $report = @($w | Export-FlowReport (Join-Path $TestDrive r.html) -Log $log -PassThru)
        $forecasts = @($log | Get-Forecast -Workflow $w -By 2027-01-01 -Start 2026-01-01)

        $summary.Count | Should -Be 1
        $summary[0].PSObject.TypeNames[0] | Should -BeExactly 'ConstraintTools.FlowSummary'
        $summary[0].Finished | Should -Be 2
        $points[-1].PSObject.TypeNames[0] | Should -BeExactly 'ConstraintTools.CumulativeFlowPoint'
        $points[-1].AsOf | Should -Be ([datetime]::MaxValue)
        $ages.Count | Should -Be 1
        $ages[0].Id | Should -BeExactly 'B'
        $found.Count | Should -Be 1
        $fitted.Count | Should -Be 1
        $report.Count | Should -Be 1
        $forecasts | ForEach-Object { $_.PSObject.TypeNames[0] } | Should -BeExactly (@('ConstraintTools.Forecast') * 3)
    }
}
