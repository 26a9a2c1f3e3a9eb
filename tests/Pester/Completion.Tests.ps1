BeforeAll {
    . $PSScriptRoot/Common.ps1
    function script:Complete([string] $Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches | ForEach-Object CompletionText)
    }
    $script:CodeReview = Join-Path $Examples 'code-review.yaml'
    $script:Delivery = Join-Path $Examples 'delivery-log.yaml'
}

Describe '-Stage completes with the stage names of the workflow the command gets' {
    BeforeAll { $global:ConstraintToolsCompletion = Import-Workflow $Delivery }
    AfterAll { Remove-Variable -Scope Global ConstraintToolsCompletion }

    It 'from a variable piped in' {
        Complete '$ConstraintToolsCompletion | Measure-Improvement -Stage ' | Should -Be 'Analysis', 'Development', "'Code Review'", 'Test', 'Deploy'
    }

    It 'from Import-Workflow piped in, by position or by -Path' {
        Complete "Import-Workflow '$CodeReview' | Measure-Improvement -Stage " | Should -Be 'Refinement', 'Build', 'Review', 'Test', 'Deploy'
        Complete "Import-Workflow -Path '$CodeReview' | Measure-Improvement -Stage Re" | Should -Be 'Refinement', 'Review'
    }

    It 'from -Workflow given as a workflow or as a file' {
        Complete 'Measure-Improvement -Workflow $ConstraintToolsCompletion -Stage co' | Should -Be "'Code Review'"
        Complete "Measure-Improvement -Workflow '$CodeReview' -Stage B" | Should -Be 'Build'
    }

    It 'offers nothing from a pipeline element PowerShell would have to run' {
        Complete "Get-Content '$CodeReview' | ConvertFrom-WorkflowYaml | Measure-Improvement -Stage R" | Should -BeNullOrEmpty
    }
}

Describe 'Duration parameters complete example durations, not file names' {
    It 'offers long durations for <Command> -<Parameter>' -ForEach @(
        @{ Command = 'Invoke-FlowSimulation'; Parameter = 'Duration' }
        @{ Command = 'Invoke-FlowSimulation'; Parameter = 'WarmUp' }
        @{ Command = 'Measure-Workflow'; Parameter = 'Horizon' }
    ) {
        Complete "$Command -$Parameter " | Should -Be '4w', '13w', '26w', '52w', '104w'
    }

    It 'offers short durations for <Command> -<Parameter>' -ForEach @(
        @{ Command = 'Find-Constraint'; Parameter = 'Interval' }
        @{ Command = 'Export-FlowReport'; Parameter = 'Interval' }
        @{ Command = 'Get-CumulativeFlow'; Parameter = 'Interval' }
        @{ Command = 'Invoke-FlowSimulation'; Parameter = 'SampleInterval' }
    ) {
        Complete "$Command -$Parameter " | Should -Be '1d', '1w', '2w', '4w', '13w'
    }

    It 'narrows to what is typed and says what each means' {
        $matches = (TabExpansion2 -inputScript 'Find-Constraint -Interval 1' -cursorColumn 27).CompletionMatches
        $matches.CompletionText | Should -Be '1d', '1w', '13w'
        $matches.ToolTip | Should -Be '1 day', '1 week', '13 weeks'
    }
}
