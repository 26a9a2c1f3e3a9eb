BeforeAll {
    . $PSScriptRoot/Common.ps1
    . $PSScriptRoot/LogHelpers.ps1
    # An error no test asks for fails the test it is written in.
    $ErrorActionPreference = 'Stop'

    function January([int] $Day) { [datetime]::new(2026, 1, $Day, 0, 0, 0, [DateTimeKind]::Utc) }
}

# The tracker's log runs from 5 January 2026 00:00 to 6 January 10:00 UTC: its one whole day, 5 January, finishes
# one item (A), so forecasts from it are exact, and start on 7 January.
Describe 'Get-Forecast' {
    BeforeAll {
        $log = New-TrackerLog
        $w = New-TrackerWorkflow
    }

    It 'forecasts when items are done from daily counts' {
        $forecasts = @(Get-Forecast -Throughput 5, 5, 5 -Items 50 -Start 2026-01-01)

        $forecasts | ForEach-Object { $_.PSObject.TypeNames[0] } | Should -BeExactly (@('ConstraintTools.Forecast') * 3)
        $forecasts.Likelihood | Should -Be 0.5, 0.85, 0.95
        foreach ($f in $forecasts) {
            $f.Items, $f.Days, $f.Date, $f.Start | Should -Be 50, 10, (January 11), (January 1)
            $f.Source, $f.Trials, $f.Seed, $f.HistoryDays, $f.ThroughputPerDay | Should -Be 'throughput', 10000, 1, 3, 5.0
        }
    }

    It 'takes daily counts from the pipeline and starts today by default' {
        $forecasts = @(5, 5 | Get-Forecast -By ([DateTime]::UtcNow.Date.AddDays(10)))

        $forecasts.Count | Should -Be 3
        foreach ($f in $forecasts) {
            $f.Items, $f.Days, $f.Start, $f.Question.ToString() | Should -Be 50, 10, ([DateTime]::UtcNow.Date), 'HowMany'
        }
    }

    It 'takes the seed and the trials from the caller' {
        $counts = 0..40 | ForEach-Object { $_ * $_ % 17 }

        $first = Get-Forecast -Throughput $counts -By 2026-03-01 -Start 2026-01-01 -Trials 500 -Seed 3 | ForEach-Object Items
        $again = Get-Forecast -Throughput $counts -By 2026-03-01 -Start 2026-01-01 -Trials 500 -Seed 3 | ForEach-Object Items
        $other = Get-Forecast -Throughput $counts -By 2026-03-01 -Start 2026-01-01 -Trials 500 -Seed 4 | ForEach-Object Items
        $given = Get-Forecast -Throughput 1 -Items 1 -Trials 7 -Seed 4 -Start 2026-01-01 | ForEach-Object { $_.Trials, $_.Seed }

        $again | Should -Be $first
        $other | Should -Not -Be $first
        $given | Should -Be 7, 4, 7, 4, 7, 4
    }

    It 'forecasts from a log, starting the day after its history' {
        $forecasts = @($log | Get-Forecast -Workflow $w -Items 3; Get-Forecast $log -Workflow $w -By 2026-01-17)

        $forecasts.Count | Should -Be 6
        foreach ($f in $forecasts[0..2]) { $f.Items, $f.Days, $f.Date, $f.Start | Should -Be 3, 3, (January 10), (January 7) }
        foreach ($f in $forecasts) {
            $f.Source, $f.Workflow, $f.HistoryDays, $f.HistoryFrom, $f.HistoryTo, $f.ThroughputPerDay | Should -Be 'tracker', 'Delivery', 1, (January 5), (January 6), 1.0
        }
        foreach ($f in $forecasts[3..5]) { $f.Items, $f.Days, $f.Date | Should -Be 10, 10, (January 17) }
    }

    It 'chooses the history by a window and moves the forecast by -Start' {
        # 5 January finishes A; 6 January D (reopened, done again at 04:00) and B (10:00).
        $forecasts = @($log | Get-Forecast -Workflow $w -From 2026-01-05 -To 2026-01-07 -By 2026-02-02 -Start 2026-01-31)

        $forecasts.Count | Should -Be 3
        foreach ($f in $forecasts) { $f.HistoryDays, $f.ThroughputPerDay, $f.Start, $f.Days | Should -Be 2, 1.5, (January 31), 2 }
        # Two days of 1 or 2: P(total ≥ 3) = 3/4, P(total ≥ 2) = 1.
        $forecasts.Items | Should -Be 3, 2, 2
    }

    It 'renders as a table' {
        $lines = @($log | Get-Forecast -Workflow $w -Items 3; Get-Forecast -Throughput 4 -By 2026-03-01 -Start 2026-02-01) | Format-Table -View Wide | Get-Rendered -Width 200

        $lines -ccontains 'Source           Likelihood  Items Done by     Days Start      Done/day History days  Trials       Seed' | Should -BeTrue
        $lines -ccontains 'tracker                 50%      3 2026-01-10     3 2026-01-07        1            1   10000          1' | Should -BeTrue
        $lines -ccontains 'tracker                 95%      3 2026-01-10     3 2026-01-07        1            1   10000          1' | Should -BeTrue
        $lines -ccontains 'throughput              85%    112 2026-03-01    28 2026-02-01        4            1   10000          1' | Should -BeTrue
    }

    It 'stops at <Command>' -ForEach @(
        @{ Command = { Get-Forecast -Throughput 1, 2 }; ErrorId = 'MissingItemsOrBy' }
        @{ Command = { Get-Forecast -Throughput 1, 2 -Items 3 -By 2030-01-01 }; ErrorId = 'ItemsAndByTogether' }
        @{ Command = { Get-Forecast -Throughput 0, 0 -Items 3 }; ErrorId = 'NoThroughput' }
        @{ Command = { Get-Forecast -Throughput 1 -Items 40000 }; ErrorId = 'ForecastTooLong' }
        @{ Command = { Get-Forecast -Throughput 1 -Items 30000 -Trials 10000000 }; ErrorId = 'ForecastTooLong' }
        @{ Command = { Get-Forecast -Throughput 1 -By 2026-01-01T12:00 -Start 2026-01-01 }; ErrorId = 'InvalidBy' }
        @{ Command = { $log | Get-Forecast -Workflow $w -By 2026-01-06 -Start 2026-01-07 }; ErrorId = 'InvalidBy' }
        @{ Command = { $log | Get-Forecast -Workflow $w }; ErrorId = 'MissingItemsOrBy' }
        @{ Command = { Get-Forecast -Throughput 1 -Items 0 }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Command = { Get-Forecast -Throughput 1, -1 -Items 3 }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Command = { Get-Forecast -Throughput 1 -Items 3 -Trials 0 }; ErrorId = 'ParameterArgumentValidationError' }
    ) {
        # Caught without -ErrorAction Stop: a terminating error.
        $ErrorActionPreference = 'Continue'

        $caught = try { & $Command; 'not stopped' } catch { $_ }

        $caught | Should -BeOfType ([System.Management.Automation.ErrorRecord])
        $caught.FullyQualifiedErrorId | Should -BeExactly "$ErrorId,ConstraintTools.PowerShell.GetForecastCommand"
    }

    It 'writes an error for the log it cannot forecast from, and goes on' {
        $none = New-Workflow -Name None -Stage $w.Stages

        $forecasts = @(
            $log, $log | Get-Forecast -Workflow $none -Items 3 -ErrorAction SilentlyContinue -ErrorVariable +refused
            $log | Get-Forecast -Workflow $w -Items 3 -To 2026-01-05T12:00 -ErrorAction SilentlyContinue -ErrorVariable +refused
            $log | Get-Forecast -Workflow $w -By 2026-01-07T12:00 -ErrorAction SilentlyContinue -ErrorVariable +refused
        )

        $forecasts.Count | Should -Be 0
        $refused | ForEach-Object { $_.FullyQualifiedErrorId.Split(',')[0] } | Should -BeExactly 'NoThroughput', 'NoThroughput', 'InvalidWindow', 'InvalidBy'
        $refused | ForEach-Object { $_.TargetObject.Source } | Should -BeExactly (@('tracker') * 4)
        $refused[0].Exception.Message | Should -BeLikeExactly '*lists no doneStates*'
    }

    It 'names no parameter of the engine in a message' {
        $none = New-Workflow -Name None -Stage $w.Stages

        $null = $log | Get-Forecast -Workflow $none -Items 3 -ErrorAction SilentlyContinue -ErrorVariable +refused
        $null = $log | Get-Forecast -Workflow $w -By 2026-01-07T12:00 -ErrorAction SilentlyContinue -ErrorVariable +refused
        $caught = try { Get-Forecast -Throughput 0, 0 -Items 3 } catch { $_ }
        $messages = @($refused; $caught) | ForEach-Object { $_.Exception.Message }

        $messages.Count | Should -Be 3
        $messages[0] | Should -BeExactly "No forecast of when 3 items are done: workflow 'None' lists no doneStates, so no item of the log is ever finished, so at that throughput they are never done."
        @($messages | Where-Object { $_.Contains("(Parameter '") }) | Should -BeNullOrEmpty
    }

    It 'shows progress in a long forecast and stops promptly' {
        $shell = New-ModuleShell
        # About 20,000 days a trial, 4 million trials: minutes of work unless it stops, and just within the limit.
        $null = $shell.AddScript('Get-Forecast -Throughput 0, 0, 0, 1 -Items 5000 -Trials 4000000 -Start 2026-01-01')
        $null = Register-ObjectEvent -InputObject $shell.Streams.Progress -EventName DataAdded -SourceIdentifier ForecastProgress
        try {
            $run = $shell.BeginInvoke()
            $shown = Wait-Event -SourceIdentifier ForecastProgress -Timeout 20

            $shown | Should -Not -BeNullOrEmpty -Because 'a progress record is due within 20 s'
            $shell.Streams.Progress[0].Activity | Should -BeLikeExactly '*when 5000 items are done*'
            $shell.Streams.Progress[0].StatusDescription | Should -BeLikeExactly '*of 4000000 trials*'

            # Minutes of trials are left: ending well within the wait means the stop cancelled them.
            Stop-ModuleShell $shell $run
        }
        finally {
            Unregister-Event -SourceIdentifier ForecastProgress
            Remove-Event -SourceIdentifier ForecastProgress -ErrorAction SilentlyContinue
        }
    }
}

# At the end of the calendar, where DateTime arithmetic past it threw .NET's range errors.
Describe 'Get-Forecast at the end of the calendar' {
    BeforeAll {
        $ages = New-CalendarEdgeLog
        $doing = New-CalendarEdgeWorkflow
    }

    It 'writes an error for each log ending on the last day, which leaves no day to start on' {
        $forecasts = @($ages, $ages | Get-Forecast -Workflow $doing -Items 1 -ErrorAction SilentlyContinue -ErrorVariable refused)

        $forecasts.Count | Should -Be 0
        $refused.Count | Should -Be 2
        $refused[0].FullyQualifiedErrorId | Should -BeExactly 'InvalidStart,ConstraintTools.PowerShell.GetForecastCommand'
        $refused[0].Exception.Message | Should -BeExactly 'The history ends on 9999-12-31, the last day of the calendar, so a forecast from it has no day to start on; give a start day.'
    }

    It 'stops at a start too late for a forecast that would run past the calendar' {
        $ErrorActionPreference = 'Continue'

        $date = (Get-Forecast -Throughput 1 -Items 1 -Start 9999-12-30)[0].Date
        $caught = try { Get-Forecast -Throughput 1 -Items 3 -Start 9999-12-30; 'not stopped' } catch { $_ }

        $date | Should -Be ([datetime]::new(9999, 12, 31))
        $caught.FullyQualifiedErrorId | Should -BeExactly 'InvalidStart,ConstraintTools.PowerShell.GetForecastCommand'
        $caught.Exception.Message | Should -BeExactly 'A trial starting on 9999-12-30 needed more days than the 1 left before the end of 9999-12-31, the last day of the calendar, to finish 3 items; start the forecast earlier, or forecast fewer items.'
    }
}
