BeforeAll { . $PSScriptRoot/Common.ps1; . $PSScriptRoot/LogHelpers.ps1 }

# The log of the engine's FlowMeasurementTests (hours after 5 January 2026, rows out of order), built with the
# WorkItemLogBuilder, and its workflow.
Describe 'Measure-Flow' {
    BeforeAll {
        $log = New-TrackerLog
        $w = New-TrackerWorkflow
    }

    It 'writes each stage, and with -Summary only the summary' {
        $stages = @($log | Measure-Flow -Workflow $w)
        $summaries = @($log | Measure-Flow -Workflow $w -Summary)

        $stages.ForEach({ $_.PSObject.TypeNames[0] }) | Should -Be 'ConstraintTools.StageFlow', 'ConstraintTools.StageFlow'
        $dev = $stages[0]
        $dev.Stage, $dev.Arrivals, $dev.Departures, $dev.CurrentWip, $dev.Servers | Should -Be 'Dev', 8, 8, 0, 2
        [math]::Round($dev.Utilization, 12) | Should -Be ([math]::Round((52 / 34.0 / 2), 12))
        $dev.TimeInStageP95 | Should -Be ([timespan]::FromHours(16))
        $dev.TimeInStageP95Hours | Should -Be 16
        $review = $stages[1]
        $review.Stage, $review.Arrivals, $review.Departures, $review.NetFlow, $review.CurrentWip | Should -Be 'Review', 4, 3, 1, 1
        [math]::Round($review.QueueWip, 12) | Should -Be ([math]::Round((13 / 34.0), 12))

        $summaries.ForEach({ $_.PSObject.TypeNames[0] }) | Should -Be 'ConstraintTools.FlowSummary'
        $summary = $summaries[0]
        $summary.Finished, $summary.OpenItems, $summary.Log | Should -Be 3, 2, 'tracker'
        [math]::Round($summary.FlowEfficiency, 12) | Should -Be ([math]::Round((49 / 73.0), 12))
        [math]::Round($summary.ReworkRate, 12) | Should -Be ([math]::Round((2 / 3.0), 12))
        $summary.LeadTimeP50 | Should -Be ([timespan]::FromHours(27))
        $summary.LeadTimeP50Hours | Should -Be 27
    }

    It 'declares one output type for each parameter set' {
        $command = Get-Command Measure-Flow
        $declared = $command.ImplementingType.GetCustomAttributes([System.Management.Automation.OutputTypeAttribute], $false) |
            ForEach-Object { '{0}: {1}' -f ($_.ParameterSetName -join ','), ($_.Type.Name -join ',') }

        $command.DefaultParameterSet | Should -Be 'Stages'
        $declared | Sort-Object | Should -Be 'Stages: ConstraintTools.StageFlow', 'Summary: ConstraintTools.FlowSummary'
        $command.Parameters['Summary'].ParameterSets['Summary'].IsMandatory | Should -BeTrue
    }

    It 'renders the stages as a table, without the summary, and the rest of their figures in the Wide view' {
        $lines = $log | Measure-Flow -Workflow $w | Get-Rendered -Width 200
        $wide = $log | Measure-Flow -Workflow $w | Format-Table -View Wide | Get-Rendered -Width 200

        $lines | Should -Contain '   Workflow: Delivery'
        $lines | Should -Contain 'Stage             In   Out Done/wk   WIP   Util     p50     p85    Wait  Active'
        $lines | Should -Contain 'Dev                8     8   39.53     0  76.5%      8h     10h    1.5h    6.5h'
        $lines -match 'FlowEfficiency' | Should -BeNullOrEmpty
        $wide | Should -Contain 'Stage             In   Out Done/wk   WIP   Util     p50     p85    Wait  Active   Net  Queue   Busy'
        $wide | Should -Contain 'Dev                8     8   39.53     0  76.5%      8h     10h    1.5h    6.5h     0   0.35   1.53'
        $wide | Should -Contain 'Review             4     3   14.82     1  26.5%      4h      6h    1.7h      3h    +1   0.38   0.26'
    }

    It 'renders the summary alone as a table, all of it in the Wide view' {
        $lines = $log | Measure-Flow -Workflow $w -Summary | Format-Table -View Wide | Get-Rendered -Width 200

        $lines | Should -Contain 'Workflow                      Items  Done Done/wk     p50     p85     p95   Eff.  Open  Oldest Rework Unmeas.'
        $lines | Should -Contain 'Delivery                          5     3   14.82     27h     30h     30h  67.1%     2     24h  66.7%    5.5%'
    }

    It 'takes dates with offsets as UTC for its window' {
        # 13:00+01:00 is 12:00 UTC; a date without offset or kind is UTC.
        $dev = @(Measure-Flow $log -Workflow $w -From '2026-01-05T13:00:00+01:00' -To '2026-01-06')[0]
        $summary = Measure-Flow $log -Workflow $w -From '2026-01-05T13:00:00+01:00' -To '2026-01-06' -Summary

        $dev.Arrivals, $dev.Departures, $dev.StartWip, $dev.CurrentWip | Should -Be 2, 1, 1, 2
        [math]::Round($dev.ActiveWip, 12) | Should -Be ([math]::Round(2.0, 12))
        $summary.From | Should -Be ([datetime]::new(2026, 1, 5, 12, 0, 0, [DateTimeKind]::Utc))
        $summary.From.Kind | Should -Be 'Utc'
        $summary.Finished, $summary.OpenItems, $summary.ThroughputPerWeek | Should -Be 1, 3, 14.0
        $summary.MaxAge | Should -Be ([timespan]::FromHours(23))
    }

    It 'measures each log of the pipeline and reports an empty window as an error' {
        $output = @(
            $log, $log | Measure-Flow -Workflow $w -Summary
            $log | Measure-Flow -Workflow $w -From '2026-02-01' -Summary -ErrorVariable failures -ErrorAction SilentlyContinue
            'next')

        $output.ForEach({ $_.PSObject.TypeNames[0] }) | Should -Be 'ConstraintTools.FlowSummary', 'ConstraintTools.FlowSummary', 'System.String'
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'InvalidWindow,ConstraintTools.PowerShell.MeasureFlowCommand'
        $failures[0].Exception.Message | Should -BeLike '*The window is empty*'
    }
}
