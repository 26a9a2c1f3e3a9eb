BeforeAll {
    . $PSScriptRoot/Common.ps1
    . $PSScriptRoot/LogHelpers.ps1
    # An error no test asks for fails the test it is written in.
    $ErrorActionPreference = 'Stop'
}

Describe 'Get-CumulativeFlow' {
    BeforeAll {
        $log = New-TrackerLog
        $w = New-TrackerWorkflow
    }

    It 'writes a row per interval and stage' {
        $points = @($log | Get-CumulativeFlow -Workflow $w -Interval 12h)

        $points.Count | Should -Be 12
        $points | ForEach-Object { $_.PSObject.TypeNames[0] } | Should -BeExactly (@('ConstraintTools.CumulativeFlowPoint') * 12)
        $points[0..3].Stage | Should -BeExactly 'Dev', 'Review', '(unmapped)', 'Done'
        $points[0].Count, $points[0].CumulativeArrivals, $points[0].CumulativeDepartures | Should -Be 1, 4, 3
        $points[11].Count | Should -Be 3
        $points[8].Date | Should -Be ([datetime]::new(2026, 1, 6, 0, 0, 0, [DateTimeKind]::Utc))
    }

    It 'renders a table and stops at an interval of 0' {
        $table = $log | Get-CumulativeFlow -Workflow $w -Interval 1d | Get-Rendered -Width 200
        $caught = try { $log | Get-CumulativeFlow -Workflow $w -Interval 0; 'not stopped' } catch { $_ }

        $table -ccontains 'Date             Stage           Count  Queue Active Arrived Departed' | Should -BeTrue
        $table -ccontains '2026-01-05 00:00 Dev                 2      0      2       6        4' | Should -BeTrue
        $table -ccontains '2026-01-06 00:00 Done                3                     4' | Should -BeTrue
        $caught.FullyQualifiedErrorId | Should -BeExactly 'InvalidInterval,ConstraintTools.PowerShell.GetCumulativeFlowCommand'
    }

    It 'names an interval of a tick as one in the message, as too many intervals rather than a bad window' {
        $null = $log | Get-CumulativeFlow -Workflow $w -Interval ([timespan]1) -ErrorAction SilentlyContinue -ErrorVariable refused

        $refused.Count | Should -Be 1
        $refused[0].Exception.Message | Should -BeExactly 'An interval of 100ns cuts the window (2026-01-05 00:00:00Z to 2026-01-06 10:00:00Z) into 1,224,000,000,001 intervals, more than 100,000; choose a longer interval or a shorter window.'
        $refused[0].FullyQualifiedErrorId | Should -BeExactly 'TooManyIntervals,ConstraintTools.PowerShell.GetCumulativeFlowCommand'
        $refused[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
    }
}
