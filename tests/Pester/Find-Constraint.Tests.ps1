BeforeAll { . $PSScriptRoot/Common.ps1 }

Describe 'Find-Constraint' {
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
}
