BeforeAll { . $PSScriptRoot/Common.ps1; . $PSScriptRoot/WorkflowHelpers.ps1 }

Describe 'ConvertFrom-WorkflowYaml' {
    BeforeAll {
        $script:Line = $TwoStagesYaml
    }

    It 'reads YAML text from a variable or lines from the pipeline' {
        $whole = ConvertFrom-WorkflowYaml $Line -SourceName rest -ErrorVariable e1
        $piped = $Line -split "`n" | ConvertFrom-WorkflowYaml -ErrorVariable e2 | Find-Constraint

        @($e1) + @($e2) | Should -BeNullOrEmpty
        $whole.Source | Should -BeExactly 'rest'
        $piped.Constraint | Should -BeExactly 'A'
    }

    It 'names the source of a bad text in a non-terminating error' {
        ConvertFrom-WorkflowYaml 'name: x' -SourceName api -ErrorVariable errs -ErrorAction SilentlyContinue

        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeExactly 'InvalidWorkflowYaml,ConstraintTools.PowerShell.ConvertFromWorkflowYamlCommand'
        $errs[0].Exception.Message | Should -BeLikeExactly 'api:1:1: *'
    }
}
