BeforeAll { . $PSScriptRoot/Common.ps1; . $PSScriptRoot/WorkflowHelpers.ps1 }

Describe 'ConvertTo-WorkflowYaml' {
    BeforeAll {
        $script:W = New-DeliveryWorkflow
    }

    It 'round-trips through ConvertFrom-WorkflowYaml to the same figures' {
        $yaml = $W | ConvertTo-WorkflowYaml -ErrorVariable errs

        $errs | Should -BeNullOrEmpty
        $yaml.GetType().Name | Should -BeExactly 'String'
        $expected = Get-Figures ($W | Find-Constraint)
        $expected | Should -Not -BeNullOrEmpty
        Get-Figures ($yaml | ConvertFrom-WorkflowYaml | Find-Constraint) | Should -BeExactly $expected
    }

    It 'declares its output type' {
        (Get-Command ConvertTo-WorkflowYaml).OutputType.Name | Should -BeExactly 'System.String'
    }
}
