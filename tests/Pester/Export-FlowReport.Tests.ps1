BeforeAll {
    . $PSScriptRoot/Common.ps1
    # An error no test asks for fails the test it is written in.
    $ErrorActionPreference = 'Stop'

    $Html = [System.Xml.Linq.XNamespace]'http://www.w3.org/1999/xhtml'
    function Read-Report([string] $Path) { [System.Xml.Linq.XDocument]::Parse([System.IO.File]::ReadAllText($Path)) }
    function Get-Ids($Document) { @($Document.Descendants() | ForEach-Object { $_.Attribute('id') } | Where-Object { $_ } | ForEach-Object Value) }
    function Get-ById($Document, [string] $Id) {
        $found = @($Document.Descendants() | Where-Object { $_.Attribute('id') -and $_.Attribute('id').Value -ceq $Id })
        $found.Count | Should -Be 1 -Because "the report has one element of id '$Id'"
        $found[0]
    }
    # A folder of its own for each test, whose files the test counts.
    function New-ReportFolder { (New-Item -ItemType Directory -Path (Join-Path $TestDrive ([guid]::NewGuid()))).FullName }
}

Describe 'Export-FlowReport' {
    BeforeAll {
        $deliveryLog = Import-WorkItemLog (Join-Path $Examples delivery-log.csv)
    }

    It 'writes a self-contained report with the log and the simulation' {
        $out = Join-Path (New-ReportFolder) report.html
        $w = Import-Workflow (Join-Path $Examples delivery-log.yaml)
        $sim = $w | Invoke-FlowSimulation -Duration 12w -Replications 3 -Summary

        $file = @($w | Export-FlowReport $out -Log $deliveryLog -Simulation $sim -PassThru)

        $file.Count | Should -Be 1
        $file[0] | Should -BeOfType ([System.IO.FileInfo])
        $document = Read-Report $file[0].FullName
        # The log's verdict, stages, flow and windows lead; the model's figures follow under its own name.
        Get-Ids $document | Should -BeExactly 'verdict', 'constraint', 'log-evidence', 'log-figures', 'stages', 'flow', 'arrow', 'moves', 'over-time', 'cumulative-flow', 'lead-times', 'ageing',
            'model-constraint', 'model-beside-log', 'figures', 'utilization', 'evidence', 'improvements', 'simulation'
        (Get-ById $document constraint).Value | Should -BeExactly 'Code Review'
    }

    It 'never overwrites without -Force and honours -WhatIf' {
        $folder = New-ReportFolder
        $out = Join-Path $folder report.html

        Import-Workflow (Join-Path $Examples code-review.yaml) | Export-FlowReport $out
        $written = [System.IO.File]::ReadAllText($out)
        Import-Workflow (Join-Path $Examples approver.yaml) | Export-FlowReport $out -ErrorAction SilentlyContinue -ErrorVariable second
        Import-Workflow (Join-Path $Examples approver.yaml) | Export-FlowReport $out -Force -WhatIf
        $unchanged = [System.IO.File]::ReadAllText($out)
        Import-Workflow (Join-Path $Examples approver.yaml) | Export-FlowReport $out -Force

        $second.Count | Should -Be 1
        $second[0].FullyQualifiedErrorId | Should -BeExactly 'FileExists,ConstraintTools.PowerShell.ExportFlowReportCommand'
        $unchanged | Should -BeExactly $written
        [System.IO.File]::ReadAllText($out) | Should -BeLikeExactly '*<h1>Standard change request</h1>*'
        # No temporary file left behind.
        @(Get-ChildItem -LiteralPath $folder -Force).Name | Should -BeExactly 'report.html'
    }

    It 'takes one workflow a file and a simulation that is one' {
        $out = Join-Path (New-ReportFolder) report.html

        Import-Workflow (Join-Path $Examples code-review.yaml), (Join-Path $Examples approver.yaml) | Export-FlowReport $out -ErrorAction SilentlyContinue -ErrorVariable many
        $caught = try { Import-Workflow (Join-Path $Examples code-review.yaml) | Export-FlowReport $out -Force -Simulation 'not a simulation'; 'not stopped' } catch { $_ }

        $many.Count | Should -Be 1
        $many[0].FullyQualifiedErrorId | Should -BeExactly 'OneWorkflowPerReport,ConstraintTools.PowerShell.ExportFlowReportCommand'
        $caught.FullyQualifiedErrorId | Should -BeExactly 'InvalidSimulation,ConstraintTools.PowerShell.ExportFlowReportCommand'
    }

    It 'headlines what Find-Constraint says of the same log, and its windows' {
        $out = Join-Path (New-ReportFolder) report.html
        $p = Import-Workflow (Join-Path $Examples logs payments.yaml)
        $log = Import-WorkItemLog (Join-Path $Examples logs jira-changelog.csv)

        $found = $log | Find-Constraint -Workflow $p
        $windows = @($log | Find-Constraint -Workflow $p -Interval 2w)
        $file = $p | Export-FlowReport $out -Log $log -Interval 2w -PassThru

        $windows | ForEach-Object { $_.PSObject.TypeNames[0] } | Should -BeExactly (@('ConstraintTools.ConstraintWindow') * $windows.Count)
        $document = Read-Report $file.FullName
        $verdict = Get-ById $document verdict
        $verdict.Attribute('data-verdict').Value, $verdict.Attribute('data-confidence').Value, $verdict.Attribute('data-basis').Value |
            Should -BeExactly "$($found.Verdict)", "$($found.Confidence)", "$($found.Basis)"
        $found.StillFilling | Should -BeTrue
        $verdict.Value | Should -BeExactly "From the log, no stage is seen to constrain the flow yet: the stages were still filling, and more arrived than finished. The most loaded stage is $($found.NextConstraint), busy 77% of the time. Confidence: $($found.Confidence)."
        @((Get-ById $document log-evidence).Elements($Html + 'li') | ForEach-Object Value) | Should -BeExactly @($found.Evidence)
        $figures = @{}
        foreach ($row in (Get-ById $document log-figures).Elements($Html + 'tr')) {
            $figures[$row.Element($Html + 'th').Value] = [double]::Parse($row.Element($Html + 'td').Attribute('data-value').Value, [cultureinfo]::InvariantCulture)
        }
        $figures['Throughput per week'] | Should -Be $found.ThroughputPerWeek
        $figures['Lead time p95'] | Should -Be $found.Summary.LeadTimeP95.TotalHours
        # A status mapping without service times: no model, so no model section.
        Get-Ids $document | Where-Object { $_ -in 'figures', 'model-constraint', 'utilization' } | Should -BeNullOrEmpty
        $rows = @((Get-ById $document over-time).Elements($Html + 'tr') | Select-Object -Skip 1)
        $windows.Count | Should -Be 4
        $rows | ForEach-Object { '{0} {1}' -f $_.Attribute('data-verdict').Value, $_.Attribute('data-confidence').Value } |
            Should -BeExactly ($windows | ForEach-Object { "$($_.Verdict) $($_.Confidence)" })
        $rows | ForEach-Object { ($_.Elements($Html + 'td') | Select-Object -First 1).Value } |
            Should -BeExactly ($windows | ForEach-Object { $_.From.ToString('yyyy-MM-dd', [cultureinfo]::InvariantCulture) })
    }

    It 'refuses <Parameters> before any file is written' -ForEach @(
        @{ Parameters = @{ Log = 'log'; Interval = 0 }; ErrorId = 'InvalidInterval' }
        @{ Parameters = @{ Log = 'log'; Interval = '-1.00:00:00' }; ErrorId = 'InvalidInterval' }
        @{ Parameters = @{ Interval = '4w' }; ErrorId = 'IntervalWithoutLog' }
    ) {
        $folder = New-ReportFolder
        $arguments = $Parameters.Clone()
        if ($arguments.Log) { $arguments.Log = $deliveryLog }
        $ErrorActionPreference = 'Continue'

        # Caught without -ErrorAction Stop: a terminating error.
        $caught = try { Import-Workflow (Join-Path $Examples delivery-log.yaml) | Export-FlowReport (Join-Path $folder report.html) @arguments; 'not stopped' } catch { $_ }

        $caught.FullyQualifiedErrorId | Should -BeExactly "$ErrorId,ConstraintTools.PowerShell.ExportFlowReportCommand"
        $caught.CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::InvalidArgument)
        Get-ChildItem -LiteralPath $folder -Force | Should -BeNullOrEmpty
    }

    It 'writes an error for too many windows and no file for that report' {
        $folder = New-ReportFolder

        Import-Workflow (Join-Path $Examples delivery-log.yaml) | Export-FlowReport (Join-Path $folder report.html) -Log $deliveryLog -Interval 1m -ErrorAction SilentlyContinue -ErrorVariable refused

        $refused.Count | Should -Be 1
        $refused[0].FullyQualifiedErrorId | Should -BeExactly 'TooManyIntervals,ConstraintTools.PowerShell.ExportFlowReportCommand'
        $refused[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $refused[0].Exception.Message | Should -BeLikeExactly '*at most 2,000 windows*'
        Get-ChildItem -LiteralPath $folder -Force | Should -BeNullOrEmpty
    }
}
