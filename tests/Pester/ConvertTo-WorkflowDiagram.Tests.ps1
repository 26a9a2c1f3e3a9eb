BeforeAll { . $PSScriptRoot/Common.ps1 }

# The diagram text itself is checked by parsers in the engine tests.
Describe 'ConvertTo-WorkflowDiagram' {
    BeforeAll {
        $script:CodeReview = Join-Path $Examples 'code-review.yaml'
    }

    It 'writes a Mermaid flowchart by default' {
        $text = Import-Workflow $CodeReview | ConvertTo-WorkflowDiagram -ErrorVariable errs

        $errs | Should -BeNullOrEmpty
        @($text).Count | Should -Be 1
        $text | Should -BeOfType [string]
        $text | Should -BeLikeExactly "flowchart LR`n*"
        $text.Contains("    s3[`"Review<br/>87.5#37;, 2 servers<br/>constraint`"]`n") | Should -BeTrue
        $text.Contains("    s3 -->|`"20#37;`"| s2`n") | Should -BeTrue
        $text.EndsWith("    class s3 constraint`n") | Should -BeTrue
    }

    It 'writes a Graphviz digraph with -Format Dot' {
        $text = Import-Workflow $CodeReview | ConvertTo-WorkflowDiagram -Format Dot -ErrorVariable errs

        $errs | Should -BeNullOrEmpty
        @($text).Count | Should -Be 1
        $text.StartsWith("digraph `"Feature delivery`" {`n    rankdir=LR;`n") | Should -BeTrue
        $text.Contains("    s3 -> s2 [label=`"20%`"];`n") | Should -BeTrue
        $text.Contains('s3 [label="Review\n87.5%, 2 servers\nconstraint", style="rounded,filled,bold"') | Should -BeTrue
        $text.EndsWith("}`n") | Should -BeTrue
    }

    It 'writes one diagram per workflow in pipeline order' {
        $names = (Import-Workflow (Join-Path $Examples '*.yaml')).Name

        $diagrams = Import-Workflow (Join-Path $Examples '*.yaml') | ConvertTo-WorkflowDiagram -Format Dot -ErrorVariable errs

        $errs | Should -BeNullOrEmpty
        $diagrams.Count | Should -Be $names.Count
        $diagrams | ForEach-Object { $_.Split("`n")[0] } | Should -BeExactly ($names | ForEach-Object { "digraph `"$_`" {" })
    }

    It 'takes the workflow as a positional argument' {
        $text = ConvertTo-WorkflowDiagram (Import-Workflow (Join-Path $Examples 'support-desk.yaml')) -Format Mermaid -ErrorVariable errs

        $errs | Should -BeNullOrEmpty
        @($text).Count | Should -Be 1
        $text.Contains('|"16.67#37;"|') | Should -BeTrue
    }

    It 'writes a non-terminating error for an invalid workflow and still draws the others' {
        $diagrams = [ConstraintTools.Workflow]::new('Empty'), (Import-Workflow $CodeReview) | ConvertTo-WorkflowDiagram -ErrorVariable errs -ErrorAction SilentlyContinue

        @($diagrams).Count | Should -Be 1
        $diagrams | Should -BeLikeExactly 'flowchart LR*'
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeExactly 'InvalidWorkflow,ConstraintTools.PowerShell.ConvertToWorkflowDiagramCommand'
        $errs[0].CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::InvalidData)
    }

    It 'stops the command for an unknown format' {
        $e = { Import-Workflow $CodeReview | ConvertTo-WorkflowDiagram -Format Svg } | Should -Throw -PassThru

        $e.FullyQualifiedErrorId | Should -BeExactly 'CannotConvertArgumentNoMessage,ConstraintTools.PowerShell.ConvertToWorkflowDiagramCommand'
    }

    It 'completes the format to Mermaid and Dot' {
        $line = 'ConvertTo-WorkflowDiagram -Format '

        (TabExpansion2 $line $line.Length).CompletionMatches.CompletionText | Should -BeExactly @('Dot', 'Mermaid')
    }
}
