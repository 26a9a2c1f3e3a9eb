BeforeAll {
    . $PSScriptRoot/Common.ps1
    . $PSScriptRoot/LogHelpers.ps1
    # An error no test asks for fails the test it is written in.
    $ErrorActionPreference = 'Stop'
}

Describe 'Find-Constraint -Log' {
    BeforeAll {
        $w = Import-Workflow -LiteralPath (Join-Path $Examples delivery-log.yaml)
        $log = Import-WorkItemLog -LiteralPath (Join-Path $Examples delivery-log.csv)
        $tracker = New-TrackerLog
        $trackerWorkflow = New-TrackerWorkflow
    }

    It 'takes a log from the pipeline or by name' {
        $reports = @($log | Find-Constraint -Workflow $w; $w | Find-Constraint -Log $log)

        $reports.Count | Should -Be 2
        foreach ($report in $reports) {
            $report.PSObject.TypeNames[0] | Should -BeExactly 'ConstraintTools.FlowConstraintReport'
            $report.Verdict.ToString(), $report.Constraint, $report.Confidence.ToString(), $report.Basis.ToString(), $report.NextConstraint |
                Should -BeExactly 'Stage', 'Code Review', 'High', 'Utilization', 'Development'
            $report.Loads.Count | Should -Be 5
        }
    }

    It 'renders its table, its loads and its evidence' {
        $found = $log | Find-Constraint -Workflow $w

        $table = $found | Format-Table -View Wide | Get-Rendered -Width 120
        $loads = $found.Loads | Format-Table -View Wide | Get-Rendered -Width 120
        $evidence = ($found | ForEach-Object Evidence | Get-Rendered -Width 120) -join "`n"

        $table -ccontains 'Workflow                    Constraint       Confidence   Load Next           Basis        Next load Done/wk   In/wk' | Should -BeTrue
        $table -ccontains 'Delivery (from a changelog) Code Review      High        96.6% Development    Utilization      78.3%   28.24   32.85' | Should -BeTrue
        $loads -ccontains 'Code Review     96.6%    4.2d      60.2%  25.88   35.79   37.05       2    559 4.21 22.46 50.95 rising' | Should -BeTrue
        $evidence | Should -BeLikeExactly '*Code Review is the constraint: busy 96.6% of the time, 1.93 items active on average for 2 servers; the most loaded of 5 stages with 20 visits or more.*'
        $evidence | Should -BeLikeExactly '*Confidence: High.*'
    }

    It 'writes a verdict per window with -Interval and stops at an interval of 0' {
        $windows = @($log | Find-Constraint -Workflow $w -Interval 4w)
        $caught = try { $log | Find-Constraint -Workflow $w -Interval 0; 'not stopped' } catch { $_ }

        $windows.Count | Should -Be 4
        $windows | ForEach-Object { $_.PSObject.TypeNames[0] } | Should -BeExactly (@('ConstraintTools.ConstraintWindow') * 4)
        $windows.Constraint | Should -BeExactly (@('Code Review') * 4)
        $windows[0].To.Date | Should -Be ([datetime]::new(2026, 6, 29, 0, 0, 0, [DateTimeKind]::Utc))
        $caught.FullyQualifiedErrorId | Should -BeExactly 'InvalidInterval,ConstraintTools.PowerShell.FindConstraintCommand'
    }

    It 'says too little to judge of a handful of items' {
        $found = @($tracker | Find-Constraint -Workflow $trackerWorkflow)

        $found.Count | Should -Be 1
        $found[0].Verdict.ToString() | Should -BeExactly 'Unknown'
        $found[0].Constraint | Should -BeNullOrEmpty
        $found[0].ToString() | Should -BeExactly '(unknown)'
    }

    It 'still analyses a model' {
        $report = @(Import-Workflow (Join-Path $Examples delivery-log.yaml) | Find-Constraint)

        $report.Count | Should -Be 1
        $report[0].PSObject.TypeNames[0] | Should -BeExactly 'ConstraintTools.ConstraintReport'
        $report[0].Constraint | Should -BeExactly 'Code Review'
    }

    It 'writes a non-terminating error for an empty window' {
        $found = @($tracker | Find-Constraint -Workflow $trackerWorkflow -From 2026-02-01 -ErrorAction SilentlyContinue -ErrorVariable refused)

        $found.Count | Should -Be 0
        $refused.Count | Should -Be 1
        $refused[0].FullyQualifiedErrorId | Should -BeExactly 'InvalidWindow,ConstraintTools.PowerShell.FindConstraintCommand'
    }

    # What made them (examples/logs/generate-event-logs.py): the helpdesk's 2 agents are 90 % loaded, no step of the
    # receipts is more than a fifth loaded, and most of a fine's life is statutory and postal waiting.
    It 'gives <Log> <Options> the verdict its process has' -ForEach @(
        @{ Log = 'helpdesk.xes'; Options = @{}; Workflow = 'helpdesk.yaml'; Verdict = 'Stage Resolution Low' }
        @{ Log = 'receipts.csv'; Options = @{}; Workflow = 'receipts.yaml'; Verdict = 'Demand  Medium' }
        @{ Log = 'fines.csv'; Options = @{}; Workflow = 'fines.yaml'; Verdict = 'UnmeasuredTime  High' }
        @{ Log = 'fines.csv'; Options = @{ ExcludeStatus = 'Send for Credit Collection' }; Workflow = 'fines.yaml'; Verdict = 'UnmeasuredTime  Medium' }
    ) {
        $found = @(Import-WorkItemLog (Join-Path $Examples logs $Log) @Options | Find-Constraint -Workflow (Join-Path $Examples logs $Workflow))

        $found.Count | Should -Be 1
        "$($found[0].Verdict) $($found[0].Constraint) $($found[0].Confidence)" | Should -BeExactly $Verdict
    }
}
