BeforeAll { . $PSScriptRoot/Common.ps1; . $PSScriptRoot/WorkflowHelpers.ps1 }

# What Export-Workflow writes; what it does with what is already at its path (links, modes, pipes, a stopped
# pipeline) is in FileWriting.Tests.ps1.
Describe 'Export-Workflow' {
    BeforeAll {
        $script:W = New-DeliveryWorkflow
    }

    BeforeEach {
        $script:folder = (New-Item -ItemType Directory -Path (Join-Path $TestDrive ([guid]::NewGuid()))).FullName
    }

    It 'writes a file that Import-Workflow reads to the same figures' {
        $path = Join-Path $folder 'delivery.yaml'

        $file = $W | Export-Workflow -Path $path -PassThru -ErrorVariable errs

        $errs | Should -BeNullOrEmpty
        $file | Should -BeOfType [System.IO.FileInfo]
        $file.FullName | Should -BeExactly $path
        $expected = Get-Figures ($W | Find-Constraint)
        $expected | Should -Not -BeNullOrEmpty
        Get-Figures (Import-Workflow $path | Find-Constraint) | Should -BeExactly $expected
        [IO.File]::ReadAllText($path) | Should -BeLikeExactly "# Written by ConstraintTools Export-Workflow`n*"
        (Get-ChildItem $folder).Name | Should -BeExactly 'delivery.yaml'
    }

    It 'writes nothing with -WhatIf' {
        $path = Join-Path $folder 'delivery.yaml'
        $kept = Join-Path $folder 'kept.yaml'
        [IO.File]::WriteAllText($kept, 'keep me')

        $output = @(
            $W | Export-Workflow $path -WhatIf -PassThru -ErrorVariable e1
            $W | Export-Workflow $kept -Force -WhatIf -ErrorVariable e2
        )

        @($e1) + @($e2) | Should -BeNullOrEmpty
        $output | Should -BeNullOrEmpty
        Test-Path -LiteralPath $path | Should -BeFalse
        [IO.File]::ReadAllText($kept) | Should -BeExactly 'keep me'
        @(Get-ChildItem $folder).Count | Should -Be 1
    }

    It 'overwrites an existing file only with -Force' {
        $path = Join-Path $folder 'delivery.yaml'
        [IO.File]::WriteAllText($path, 'keep me')

        $W | Export-Workflow -LiteralPath $path -ErrorVariable refused -ErrorAction SilentlyContinue
        $keptText = [IO.File]::ReadAllText($path)
        $forced = $W | Export-Workflow -LiteralPath $path -Force -ErrorVariable forcedErrors

        $refused.Count | Should -Be 1
        $refused[0].FullyQualifiedErrorId | Should -BeExactly 'FileExists,ConstraintTools.PowerShell.ExportWorkflowCommand'
        $refused[0].CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::ResourceExists)
        $refused[0].TargetObject | Should -BeExactly $path
        $refused[0].Exception.Message | Should -Match ([regex]::Escape($path))
        $keptText | Should -BeExactly 'keep me'
        $forced | Should -BeNullOrEmpty
        $forcedErrors | Should -BeNullOrEmpty
        [IO.File]::ReadAllText($path) | Should -BeLikeExactly '# Written by ConstraintTools Export-Workflow*'
        @(Get-ChildItem $folder).Count | Should -Be 1
    }

    It 'refuses a second workflow for the same path' {
        $path = Join-Path $folder 'both.yaml'
        $other = New-WorkflowStage X -ServiceTime 1h | New-Workflow Other

        $W, $other | Export-Workflow $path -ErrorVariable errs -ErrorAction SilentlyContinue

        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeExactly 'OneWorkflowPerFile,ConstraintTools.PowerShell.ExportWorkflowCommand'
        [IO.File]::ReadAllText($path) | Should -Match "name: Delivery`n"
    }

    It 'writes an error for a folder that does not exist and leaves no file behind' {
        $path = Join-Path $folder 'missing/delivery.yaml'

        $W | Export-Workflow $path -ErrorVariable errs -ErrorAction SilentlyContinue

        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeExactly 'WorkflowWriteFailed,ConstraintTools.PowerShell.ExportWorkflowCommand'
        $errs[0].CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::ObjectNotFound)
        Get-ChildItem -Force $folder | Should -BeNullOrEmpty
    }

    It 'takes a relative path from the session''s current folder' {
        Push-Location $folder
        try { $file = $W | Export-Workflow ./relative.yaml -PassThru -ErrorVariable errs }
        finally { Pop-Location }

        $errs | Should -BeNullOrEmpty
        $file.FullName | Should -BeExactly (Join-Path $folder 'relative.yaml')
    }

    It 'declares its output type' {
        (Get-Command Export-Workflow).OutputType.Name | Should -BeExactly 'System.IO.FileInfo'
    }
}
