BeforeAll { . $PSScriptRoot/Common.ps1 }

BeforeDiscovery {
    $script:Exports = @(@{ Export = 'Export-Workflow'; Name = 'workflow.yaml' }, @{ Export = 'Export-FlowReport'; Name = 'report.html' })
    $script:NotUnix = $IsWindows
    # A device node of its own, a file given away, an immutable file: only root can make them.
    $script:NotRoot = $IsWindows -or (id -u) -ne '0'
}

# What Export-Workflow and Export-FlowReport do with what is at their path: a symbolic link is written through, a file
# keeps its mode and owner, anything but a regular file is refused and left as it is, -Path resolves wildcards as
# Out-File does; and they never leave a partial file: a write that fails, a workflow that cannot be written or a
# stopped pipeline leaves the target as it was (absent, or its old content under -Force) and no temporary file beside
# it. -WhatIf is in Export-Workflow.Tests.ps1 and Export-FlowReport's own tests.
Describe 'Writing a file' {
    BeforeAll {
        $script:OldContent = 'keep me'
        $script:CodeReview = Join-Path $Examples 'code-review.yaml'
        $script:W = Import-Workflow $CodeReview

        # Runs a Unix command and returns what it printed; a failure stops the test.
        # No param block: a named parameter would take the command's own options (stat -c) for itself.
        function script:Invoke-Unix {
            $arguments = @($args | Select-Object -Skip 1)
            $printed = & $args[0] @arguments 2>&1
            if ($LASTEXITCODE -ne 0) { throw "$($args -join ' '): $printed" }
            ($printed -join "`n").TrimEnd("`n")
        }
        function script:Get-FileType([string] $Path) { Invoke-Unix stat -c %F $Path }
        function script:New-Existing([string] $Name) {
            $path = Join-Path $folder $Name
            [IO.File]::WriteAllText($path, $OldContent)
            $path
        }
        function script:Get-Entries { @(Get-ChildItem -LiteralPath $folder -Force | ForEach-Object Name | Sort-Object -CaseSensitive) }
    }

    BeforeEach {
        $script:folder = (New-Item -ItemType Directory -Path (Join-Path $TestDrive ([guid]::NewGuid()))).FullName
    }

    It '<Export> writes through a symbolic link, which stays a link' -ForEach $Exports -Skip:$NotUnix {
        $file = New-Existing 'real.txt'
        $link = Join-Path $folder 'link.txt'
        $null = [IO.File]::CreateSymbolicLink($link, 'real.txt')

        $W | & $Export -LiteralPath $link -Force -ErrorVariable errs -ErrorAction SilentlyContinue

        $errs | Should -BeNullOrEmpty
        Get-FileType $link | Should -BeExactly 'symbolic link'
        [IO.FileInfo]::new($link).LinkTarget | Should -BeExactly 'real.txt'
        [IO.File]::ReadAllText($file).Contains('Feature delivery') | Should -BeTrue
        Get-Entries | Should -BeExactly @('link.txt', 'real.txt')
    }

    It '<Export> refuses a named pipe and leaves it as it is' -ForEach $Exports -Skip:$NotUnix {
        $pipe = Join-Path $folder 'pipe'
        Invoke-Unix mkfifo $pipe
        $kind = if ($Export -eq 'Export-Workflow') { 'Workflow', 'workflows' } else { 'Report', 'reports' }

        $W | & $Export -LiteralPath $pipe -Force -ErrorVariable errs -ErrorAction SilentlyContinue

        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId.Split(',')[0] | Should -BeExactly "$($kind[0])PathNotRegularFile"
        $errs[0].Exception.Message | Should -BeExactly "'$pipe' is a named pipe, not a regular file; $($kind[1]) are written to regular files, and it was left as it is."
        Get-FileType $pipe | Should -BeExactly 'fifo'
        Get-Entries | Should -BeExactly @('pipe')
    }

    It '<Export> refuses a link to a device node and leaves both as they are' -ForEach $Exports -Skip:$NotRoot {
        # A node of its own, the same device as /dev/null: a mistake here cannot harm the machine's.
        $device = Join-Path $folder 'null'
        Invoke-Unix mknod $device c 1 3
        $link = Join-Path $folder 'to-null'
        $null = [IO.File]::CreateSymbolicLink($link, $device)

        $W | & $Export -LiteralPath $link -Force -ErrorVariable errs -ErrorAction SilentlyContinue

        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId.Split(',')[0] | Should -BeLikeExactly '*PathNotRegularFile'
        $errs[0].Exception.Message | Should -BeLikeExactly "'$link' (a link to '$device') is a character device, not a regular file;*"
        Get-FileType $device | Should -BeExactly 'character special file'
        Get-Entries | Should -BeExactly @('null', 'to-null')
    }

    It '<Export> keeps the mode <Mode> of the file it overwrites' -ForEach @(
        @{ Export = 'Export-Workflow'; Mode = '600' }
        @{ Export = 'Export-Workflow'; Mode = '444' }
        @{ Export = 'Export-FlowReport'; Mode = '640' }
    ) -Skip:$NotUnix {
        $file = New-Existing 'kept.txt'
        Invoke-Unix chmod $Mode $file

        $W | & $Export -LiteralPath $file -Force -ErrorVariable errs -ErrorAction SilentlyContinue

        $errs | Should -BeNullOrEmpty
        Invoke-Unix stat -c %a $file | Should -BeExactly $Mode
        [IO.File]::ReadAllText($file) | Should -Not -BeExactly $OldContent
    }

    It '<Export> keeps the owner of the file it overwrites when root writes it' -ForEach $Exports -Skip:$NotRoot {
        $file = New-Existing 'theirs.txt'
        Invoke-Unix chown 65534:65534 $file

        $W | & $Export -LiteralPath $file -Force -ErrorVariable errs -ErrorAction SilentlyContinue

        $errs | Should -BeNullOrEmpty
        Invoke-Unix stat -c %u:%g $file | Should -BeExactly '65534:65534'
        [IO.File]::ReadAllText($file) | Should -Not -BeExactly $OldContent
    }

    It '<Export> refuses a file with hard links and leaves it as it is' -ForEach $Exports -Skip:$NotUnix {
        $file = New-Existing 'one.txt'
        $other = Join-Path $folder 'other.txt'
        Invoke-Unix ln $file $other

        $W | & $Export -LiteralPath $file -Force -ErrorVariable errs -ErrorAction SilentlyContinue

        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId.Split(',')[0] | Should -BeLikeExactly '*PathHasHardLinks'
        $errs[0].Exception.Message | Should -BeLikeExactly "The file '$file' has other names (hard links);*"
        [IO.File]::ReadAllText($file) | Should -BeExactly $OldContent
        [IO.File]::ReadAllText($other) | Should -BeExactly $OldContent
    }

    It '<Export> names a missing folder, not the temporary file' -ForEach $Exports {
        $target = Join-Path $folder 'nofolder/out.txt'

        $W | & $Export -LiteralPath $target -Force -ErrorVariable errs -ErrorAction SilentlyContinue

        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId.Split(',')[0] | Should -BeLikeExactly '*WriteFailed'
        $errs[0].Exception.Message | Should -BeExactly "Could not write '$target': the folder '$(Join-Path $folder 'nofolder')' does not exist."
    }

    It '<Export> writes a non-terminating error for a directory' -ForEach $Exports {
        # A terminating error would stop this block whatever -ErrorAction says.
        $W | & $Export -LiteralPath $folder -ErrorVariable errs -ErrorAction SilentlyContinue
        $after = 'went on'

        $after | Should -BeExactly 'went on'
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLikeExactly "*PathIsDirectory,ConstraintTools.PowerShell.$($Export.Replace('-', ''))Command"
    }

    It 'Export-Workflow refuses a second workflow for the same file and keeps the first' {
        $target = Join-Path $folder 'two.yaml'

        Import-Workflow $CodeReview, (Join-Path $Examples 'support-desk.yaml') | Export-Workflow -LiteralPath $target -Force -ErrorVariable errs -ErrorAction SilentlyContinue

        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeExactly 'OneWorkflowPerFile,ConstraintTools.PowerShell.ExportWorkflowCommand'
        $errs[0].Exception.Message | Should -BeExactly "'$target' holds one workflow, and it is taken by the first of this command, 'Feature delivery'; the next, 'Support desk', was not written. Write each workflow to its own file."
        [IO.File]::ReadAllText($target).Contains('name: Feature delivery') | Should -BeTrue
    }

    It 'Export-Workflow -Path must match one existing file' {
        $existing = New-Existing 'only.yaml'
        $null = New-Existing 'a.txt'
        $null = New-Existing 'b.txt'

        $W | Export-Workflow -Path (Join-Path $folder 'on*.yaml') -Force -ErrorVariable one -ErrorAction SilentlyContinue
        $one | Should -BeNullOrEmpty
        [IO.File]::ReadAllText($existing).Contains('Feature delivery') | Should -BeTrue

        $none = { $W | Export-Workflow -Path (Join-Path $folder 'out*.yaml') } | Should -Throw -PassThru
        $none.FullyQualifiedErrorId.Split(',')[0] | Should -BeExactly 'WorkflowPathMatchesNoFile'
        $many = { $W | Export-Workflow -Path (Join-Path $folder '*.txt') -Force } | Should -Throw -PassThru
        $many.FullyQualifiedErrorId.Split(',')[0] | Should -BeExactly 'WorkflowPathMatchesManyFiles'
        $many.Exception.Message | Should -BeExactly "'$(Join-Path $folder '*.txt')' matches 2 files (a.txt, b.txt); workflows are written to one file, so give one."
        Get-Entries | Should -BeExactly @('a.txt', 'b.txt', 'only.yaml')
    }

    It 'Export-Workflow -LiteralPath takes a wildcard character as part of the name' {
        $W | Export-Workflow -LiteralPath (Join-Path $folder 'out*.yaml') -ErrorVariable errs -ErrorAction SilentlyContinue

        $errs | Should -BeNullOrEmpty
        Get-Entries | Should -BeExactly @('out*.yaml')
    }

    It '<Export> leaves no temporary file when the write fails after the text is written' -ForEach $Exports -Skip:$NotRoot {
        $target = New-Existing $Name
        # Immutable, the file passes every check but cannot be replaced, even by root: the write fails at the
        # rename, once the temporary file holds the text.
        Invoke-Unix chattr +i $target
        try {
            $output = $W | & $Export -LiteralPath $target -Force -PassThru -ErrorVariable errs -ErrorAction SilentlyContinue

            $output | Should -BeNullOrEmpty
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -MatchExactly "^(Workflow|Report)WriteFailed,ConstraintTools\.PowerShell\.$($Export.Replace('-', ''))Command$"
            $errs[0].Exception.Message.Contains('.ConstraintTools-') | Should -BeFalse
        }
        finally { Invoke-Unix chattr -i $target }
        Get-Entries | Should -BeExactly @($Name)
        [IO.File]::ReadAllText($target) | Should -BeExactly $OldContent
    }

    It '<Export> leaves the old file under -Force when the workflow cannot be written' -ForEach $Exports {
        $target = New-Existing $Name

        [ConstraintTools.Workflow]::new('Empty') | & $Export -LiteralPath $target -Force -ErrorVariable errs -ErrorAction SilentlyContinue

        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLikeExactly 'InvalidWorkflow,*'
        [IO.File]::ReadAllText($target) | Should -BeExactly $OldContent
        Get-Entries | Should -BeExactly @($Name)
    }

    It '<Export> leaves the target as it was when the pipeline is stopped (it existed: <Exists>)' -ForEach @(
        @{ Export = 'Export-Workflow'; Name = 'workflow.yaml'; Exists = $false }
        @{ Export = 'Export-Workflow'; Name = 'workflow.yaml'; Exists = $true }
        @{ Export = 'Export-FlowReport'; Name = 'report.html'; Exists = $false }
        @{ Export = 'Export-FlowReport'; Name = 'report.html'; Exists = $true }
    ) {
        $target = Join-Path $folder $Name
        if ($Exists) { $null = New-Existing $Name }
        $running = [Threading.ManualResetEventSlim]::new()
        # Only a pipeline run from outside can be stopped while it runs, so it runs in a PowerShell of its own.
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript("Import-Module '$(Join-Path $RepoRoot 'out/ConstraintTools/ConstraintTools.psd1')' -ErrorAction Stop").Invoke()
            $shell.Commands.Clear()
            $shell.Runspace.SessionStateProxy.SetVariable('running', $running)
            $shell.Runspace.SessionStateProxy.SetVariable('target', $target)
            # The export has checked its path and waits for the workflow, which comes only once the loop ends: never.
            $null = $shell.AddScript("`$w = Import-Workflow '$CodeReview'; & { `$running.Set(); while (`$true) { }; `$w } | $Export -LiteralPath `$target -Force -PassThru")

            $invocation = $shell.BeginInvoke()
            $running.Wait([TimeSpan]::FromSeconds(60)) | Should -BeTrue -Because 'the pipeline starts'
            $shell.Stop()

            $invocation.IsCompleted | Should -BeTrue
            $shell.InvocationStateInfo.State | Should -Be ([System.Management.Automation.PSInvocationState]::Stopped)
        }
        finally {
            $shell.Dispose()
            $running.Dispose()
        }
        Get-Entries | Should -BeExactly @(if ($Exists) { $Name })
        if ($Exists) { [IO.File]::ReadAllText($target) | Should -BeExactly $OldContent }
    }

    It '<Export> writes a target name of any length the file system takes' -ForEach $Exports {
        # File systems take names of up to 255 bytes; a temporary name longer than the target's once made this fail.
        $target = Join-Path $folder (('n' * (255 - $Name.Length)) + $Name)

        $file = $W | & $Export -LiteralPath $target -PassThru -ErrorVariable errs -ErrorAction SilentlyContinue

        $errs | Should -BeNullOrEmpty
        @($file).Count | Should -Be 1
        $file.FullName | Should -BeExactly $target
        Get-Entries | Should -BeExactly @(Split-Path -Leaf $target)
    }
}
