BeforeAll {
    . $PSScriptRoot/Common.ps1
    . $PSScriptRoot/LogHelpers.ps1
    # An error no test asks for fails the test it is written in.
    $ErrorActionPreference = 'Stop'
}

Describe 'ConvertTo-Workflow' {
    BeforeAll {
        $log = New-TrackerLog
        $w = New-TrackerWorkflow
    }

    It 'fits a model every model cmdlet takes' {
        $fitted = $log | ConvertTo-Workflow -Workflow $w -Name Fitted -WarningAction SilentlyContinue
        $report = $fitted | Find-Constraint
        $verdict = $fitted | Measure-Improvement Review -Servers 2 | ForEach-Object Verdict
        $yaml = $fitted | ConvertTo-WorkflowYaml

        $fitted.PSObject.TypeNames[0] | Should -BeExactly 'ConstraintTools.Workflow'
        $fitted.Name | Should -BeExactly 'Fitted'
        $fitted.DemandPerWeek | Should -Be (5 / (34 / 168.0))
        $fitted.Stages[0].ServiceTimeHours | Should -BeGreaterOrEqual (6.5 * 40 / 168 - 1e-12)
        $fitted.Stages[0].ServiceTimeHours | Should -BeLessOrEqual (6.5 * 40 / 168 + 1e-12)
        $report.PSObject.TypeNames[0] | Should -BeExactly 'ConstraintTools.ConstraintReport'
        $verdict | Should -Not -BeNullOrEmpty
        $yaml | Should -BeLikeExactly '*name: Fitted*'
        $yaml | Should -BeLikeExactly '*- {to: Review, probability: 0.5}*'
        $yaml | Should -BeLikeExactly '*- name: Blocked*'
    }

    It 'warns what it could not fit' {
        $solo = New-Workflow -Name Solo -Stage (New-WorkflowStage -Name Dev -States 'In Progress' -Queue Ready), (New-WorkflowStage -Name Review -Queue 'To Review' -States Reviewing) -DoneStates Done

        $null = $log | ConvertTo-Workflow -Workflow $solo -WarningVariable said -WarningAction SilentlyContinue

        $said.Message -ccontains 'Dev had 1.53 items active on average, more than 1 server can work on: it gets 3, the most items active at once.' | Should -BeTrue
        @($said.Message | Where-Object { $_.StartsWith("Time in 'Blocked', mapped to no stage, is held as a delay of 4h a visit", [StringComparison]::Ordinal) }).Count | Should -BeGreaterThan 0
    }
}
