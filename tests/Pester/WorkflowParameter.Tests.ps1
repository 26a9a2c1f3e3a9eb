BeforeAll { . $PSScriptRoot/Common.ps1 }

# Every -Workflow parameter takes a workflow or the path of a workflow file; a string that names no file is refused.
# PowerShell used to turn the path into an empty workflow of that name, and Measure-Flow reported 0 of 513 finished.
Describe '-Workflow of every cmdlet' {
    BeforeAll {
        # Relative paths, as a user types them, are the repository's.
        Push-Location $RepoRoot
    }

    AfterAll {
        Pop-Location
    }

    It 'reads the workflow file of a path as Measure-Flow does a workflow: <Name>' -ForEach @(
        @{ Name = 'a path'; Script = { (Import-WorkItemLog examples/delivery-log.csv | Measure-Flow -Workflow examples/delivery-log.yaml -Summary).Finished } }
        @{ Name = 'a workflow'; Script = { (Import-WorkItemLog examples/delivery-log.csv | Measure-Flow -Workflow (Import-Workflow examples/delivery-log.yaml) -Summary).Finished } }
    ) {
        $finished = & $Script 2>&1

        $finished | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | Should -BeNullOrEmpty
        @($finished).Count | Should -Be 1
        $finished | Should -BeGreaterThan 400
    }

    It 'takes a file in an argument of every kind: <Script>' -ForEach @(
        @{ Script = { Find-Constraint -Workflow examples/ai-*.yaml } }
        @{ Script = { 'examples/ai-coding.yaml' | Find-Constraint } }
        @{ Script = { Find-Constraint examples/ai-coding.yaml } }
        @{ Script = { Measure-Improvement -Workflow examples/ai-coding.yaml -Stage Code -CapacityFactor 2 } }
    ) {
        $output = & $Script 2>&1

        $output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | Should -BeNullOrEmpty
        $output | ForEach-Object { if ($_.Constraint) { $_.Constraint } else { $_.ConstraintAfter } } | Should -BeExactly 'Review'
    }

    It 'refuses a string that names no file, saying how: <Script>' -ForEach @(
        @{ Script = { Import-WorkItemLog examples/delivery-log.csv | Measure-Flow -Workflow Delivery } }
        @{ Script = { Import-WorkItemLog examples/delivery-log.csv | Get-WorkItemAge -Workflow nofile.yaml } }
        @{ Script = { Find-Constraint -Workflow examples } }
        @{ Script = { Import-WorkItemLog examples/delivery-log.csv | Get-Forecast -Workflow Delivery -Items 5 } }
    ) {
        $e = { & $Script } | Should -Throw -PassThru

        $e.FullyQualifiedErrorId | Should -BeLikeExactly 'ParameterArgumentTransformationError*'
        $e.Exception.Message | Should -Match ([regex]::Escape('is not a workflow and names no workflow file; give a workflow, e.g. -Workflow (Import-Workflow flows/delivery.yaml), or the path of a workflow file.'))
    }

    It 'says where a broken workflow file is broken' {
        $e = { Find-Constraint -Workflow tests/corpus/yaml/duplicate-keys.yaml } | Should -Throw -PassThru

        $e.Exception.Message | Should -Match 'duplicate-keys\.yaml:\d+:\d+: '
    }
}
