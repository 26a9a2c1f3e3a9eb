BeforeAll { . $PSScriptRoot/Common.ps1 }

Describe 'New-Workflow' {
    It 'sets the workflow fields' {
        $workflow = (New-WorkflowStage A -ServiceTime 2h), (New-WorkflowStage B -ServiceTime 1h) |
            New-Workflow Flow -Demand 2/day -DemandCv 0.5 -EntryStage B -Value 1200 -HoursPerDay 6 -DaysPerWeek 4 -DoneStates Done, Shipped -ErrorVariable errs

        $errs | Should -BeNullOrEmpty
        @($workflow).Count | Should -Be 1
        $workflow.PSObject.TypeNames[0] | Should -BeExactly 'ConstraintTools.Workflow'
        $workflow.Name | Should -BeExactly 'Flow'
        [math]::Round($workflow.DemandPerWeek, 12) | Should -Be 14
        $workflow.DemandCv | Should -Be 0.5
        $workflow.EntryStage | Should -BeExactly 'B'
        $workflow.ValuePerItem | Should -Be 1200.0
        $workflow.Calendar.HoursPerDay | Should -Be 6.0
        $workflow.Calendar.DaysPerWeek | Should -Be 4.0
        $workflow.DoneStates | Should -BeExactly @('Done', 'Shipped')
        $workflow.Stages.Name | Should -BeExactly @('A', 'B')
    }

    It 'stops only its own statement when the workflow is invalid' {
        $e = { New-WorkflowStage Build -ServiceTime 1d -Next Reveiw | New-Workflow -Name Broken -Demand 3 } | Should -Throw -PassThru
        # Pester's own try would end the whole block; a trap that continues goes on after the failed statement, as a script does.
        $after = & {
            trap { continue }
            New-WorkflowStage Build -ServiceTime 1d -Next Reveiw | New-Workflow -Name Broken -Demand 3
            'next statement'
        }

        $e.FullyQualifiedErrorId | Should -BeExactly 'InvalidWorkflow,ConstraintTools.PowerShell.NewWorkflowCommand'
        $e.CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::InvalidData)
        $e.Exception.Message | Should -Match "next 'Reveiw' names no stage"
        $after | Should -BeExactly 'next statement'
    }

    It 'refuses a demand past what a number holds' {
        # 1e308/day is Infinity a week, which the parameter took and the workflow then called "not zero or more".
        $e = { New-Workflow -Name w -Demand 1e308/day } | Should -Throw -PassThru
        $e.Exception.Message | Should -Match ([regex]::Escape("'1e308/day' is too large a rate: a week of it is more than a number holds."))
    }

    It 'declares its output type' {
        (Get-Command New-Workflow).OutputType.Name | Should -BeExactly 'ConstraintTools.Workflow'
    }
}
