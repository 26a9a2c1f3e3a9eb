BeforeAll { . $PSScriptRoot/Common.ps1 }

Describe 'Test-Workflow' {
    It 'audits a workflow and answers quietly' {
        $findings = Import-Workflow (Join-Path $Examples 'approver.yaml') | Test-Workflow -ErrorVariable errs | Where-Object Severity -eq Error
        $quiet = Import-Workflow (Join-Path $Examples 'approver.yaml'), (Join-Path $Examples 'code-review.yaml') | Test-Workflow -Quiet

        $errs | Should -BeNullOrEmpty
        @($findings).Count | Should -Be 1
        $findings.Rule | Should -BeExactly 'UnstableStage'
        $findings.Stage | Should -BeExactly 'CAB approval'
        $quiet | Should -Be @($false, $true)
        $quiet | Should -BeOfType [bool]
    }

    It 'renders findings as a table' {
        $table = Import-Workflow (Join-Path $Examples 'approver.yaml') | Test-Workflow | Get-Rendered -Width 200

        $table -join "`n" | Should -Match 'Error\s+UnstableStage\s+CAB approval\s+CAB approval receives 9\.6 items/week'
    }
}

# Help example 6, the documented CI gate, run as written against a folder of workflows in place of the examples
# folder: it passed when a file could not be read, when the only file was broken and when the folder held no workflow.
Describe 'Test-Workflow''s CI gate (help example 6)' {
    BeforeAll {
        $example = (Get-Help Test-Workflow -Full).examples.example | Where-Object title -Match 'Example 6: Fail a build'
        @($example).Count | Should -Be 1
        $script:Gate = [scriptblock]::Create($example.code.Replace('examples/', './'))

        function script:Invoke-Gate {
            Push-Location $flows
            try { & $Gate } finally { Pop-Location }
        }
        function script:Copy-Example([string] $Name) { Copy-Item (Join-Path $Examples $Name) $flows }
    }

    BeforeEach {
        $script:flows = (New-Item -ItemType Directory -Path (Join-Path $TestDrive ([guid]::NewGuid()))).FullName
    }

    It 'passes when every workflow can work' {
        Copy-Example 'code-review.yaml'
        Copy-Example 'support-desk.yaml'

        Invoke-Gate 2>&1 | Should -BeNullOrEmpty -Because 'the gate neither stops nor writes an error'
    }

    It 'fails when a workflow cannot work' {
        Copy-Example 'code-review.yaml'
        Copy-Example 'ai-coding.yaml'

        $e = { Invoke-Gate } | Should -Throw -PassThru

        $e.Exception.GetType() | Should -Be ([System.Management.Automation.RuntimeException])
        $e.Exception.Message | Should -Match 'A workflow cannot work as modelled'
    }

    It 'fails when a file cannot be read beside good ones' {
        Copy-Example 'code-review.yaml'
        [IO.File]::WriteAllText((Join-Path $flows 'broken.yaml'), "name: Broken`nstages:`n  - name: A`n    serviceTim: 2h`n")

        $e = { Invoke-Gate } | Should -Throw -PassThru

        # -ErrorAction Stop stops the gate with Import-Workflow's own error.
        $e.FullyQualifiedErrorId | Should -BeExactly 'InvalidWorkflowFile,ConstraintTools.PowerShell.ImportWorkflowCommand'
        $e.Exception.Message | Should -Match 'broken\.yaml:4:5'
    }

    It 'fails when the only file is broken' {
        [IO.File]::WriteAllText((Join-Path $flows 'broken.yaml'), 'name: [')

        $e = { Invoke-Gate } | Should -Throw -PassThru

        $e.FullyQualifiedErrorId | Should -BeExactly 'InvalidWorkflowFile,ConstraintTools.PowerShell.ImportWorkflowCommand'
    }

    It 'fails when the folder holds no workflow' {
        $e = { Invoke-Gate } | Should -Throw -PassThru

        $e.Exception.GetType() | Should -Be ([System.Management.Automation.RuntimeException])
        $e.Exception.Message | Should -Match 'No workflow file was found'
    }
}
