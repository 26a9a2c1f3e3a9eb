BeforeAll {
    . $PSScriptRoot/Common.ps1
    . $PSScriptRoot/LogHelpers.ps1
    # An error no test asks for fails the test it is written in.
    $ErrorActionPreference = 'Stop'

    # A named pipe of its own for each test, as `<(cat x.yaml)` gives one.
    function New-Pipe {
        $pipe = Join-Path $TestDrive ([guid]::NewGuid())
        & mkfifo $pipe
        $LASTEXITCODE | Should -Be 0
        $pipe
    }

    # A process that runs the sh script with the arguments given ($1, $2, …): the writer at a pipe's other end, so
    # that this process is free to read it. Its standard input and output are the test's.
    function Start-Writer([string] $Script, [string[]] $Arguments) {
        $start = [System.Diagnostics.ProcessStartInfo]::new('sh')
        foreach ($argument in @('-c', $Script, 'sh') + $Arguments) { $start.ArgumentList.Add($argument) }
        $start.UseShellExecute = $false
        $start.RedirectStandardInput = $true
        $start.RedirectStandardOutput = $true
        [System.Diagnostics.Process]::Start($start)
    }

    $TooLong = ': the file holds more than 64 MB (reading stopped there); a workflow file may be at most 64 MB'
}

# Import-Workflow and Import-WorkItemLog read named pipes and devices, bounded by the bytes read, and stop on Ctrl+C
# while a pipe's writer is silent.
Describe 'Reading pipes and devices' {
    It 'reads a workflow from a named pipe' -Skip:$IsWindows {
        $pipe = New-Pipe
        $writer = Start-Writer 'cat "$1" > "$2"' (Join-Path $Examples code-review.yaml), $pipe

        $workflow = @(Import-Workflow -LiteralPath $pipe)

        $writer.WaitForExit(60000) | Should -BeTrue
        $writer.ExitCode | Should -Be 0
        $workflow.Count | Should -Be 1
        $workflow[0].Name | Should -BeExactly 'Feature delivery'
    }

    It 'stops reading an endless device at 64 MB' -Skip:$IsWindows {
        $workflow = @(Import-Workflow -LiteralPath /dev/zero -ErrorAction SilentlyContinue -ErrorVariable refused)

        $workflow.Count | Should -Be 0
        $refused.Count | Should -Be 1
        $refused[0].FullyQualifiedErrorId.Split(',')[0] | Should -BeExactly 'InvalidWorkflowFile'
        $refused[0].Exception.Message | Should -BeExactly "/dev/zero$TooLong"
    }

    It 'stops reading a pipe fed endlessly at 64 MB' -Skip:$IsWindows {
        $pipe = New-Pipe
        # Until the reader closes its end, when the write fails.
        $writer = Start-Writer 'yes "$1" 2> /dev/null > "$2"' ('# ' + 'x' * 65536), $pipe

        $null = Import-Workflow -LiteralPath $pipe -ErrorAction SilentlyContinue -ErrorVariable refused

        $writer.WaitForExit(60000) | Should -BeTrue -Because 'the writer is to be stopped by the reader closing the pipe'
        $refused.Count | Should -Be 1
        $refused[0].Exception.Message.EndsWith($TooLong, [StringComparison]::Ordinal) | Should -BeTrue
    }

    It 'refuses YAML text over 64 MB' {
        $workflow = @(ConvertFrom-WorkflowYaml ('# ' + ('x' * 64MB)) -ErrorAction SilentlyContinue -ErrorVariable refused)

        $workflow.Count | Should -Be 0
        $refused.Count | Should -Be 1
        $refused[0].FullyQualifiedErrorId.Split(',')[0] | Should -BeExactly 'InvalidWorkflowYaml'
        $refused[0].Exception.Message | Should -BeExactly 'the YAML text is 67,108,866 characters long; a workflow may be at most 64 MB (67,108,864 characters)'
    }

    It 'reads a log from a named pipe' -Skip:$IsWindows {
        $pipe = New-Pipe
        $writer = Start-Writer 'printf "%s" "$1" > "$2"' "Key,Changed,To`nA-1,2026-01-05T09:00:00Z,Build`nA-1,2026-01-06T09:00:00Z,Done`n", $pipe

        $log = @(Import-WorkItemLog -LiteralPath $pipe)

        $writer.WaitForExit(60000) | Should -BeTrue
        $log.Count | Should -Be 1
        $log[0].EventCount | Should -Be 2
    }

    It 'stops <Import> on Ctrl+C while the pipe''s writer is silent' -Skip:$IsWindows -ForEach @(
        @{ Import = 'Import-Workflow' }
        @{ Import = 'Import-WorkItemLog' }
    ) {
        $pipe = New-Pipe
        $shell = New-ModuleShell
        $shell.Runspace.SessionStateProxy.SetVariable('pipe', $pipe)
        $null = $shell.AddScript("$Import -LiteralPath `$pipe")
        $run = $shell.BeginInvoke()
        # The writer's open returns once the cmdlet has opened the pipe to read; it then writes nothing until its
        # standard input closes.
        $writer = Start-Writer 'exec 3> "$1"; echo opened; read line' $pipe
        try {
            $opened = $writer.StandardOutput.ReadLineAsync()
            $opened.Wait(60000) | Should -BeTrue -Because 'the cmdlet is to open the pipe'
            $opened.Result | Should -BeExactly 'opened'

            Stop-ModuleShell $shell $run
        }
        finally {
            $writer.StandardInput.Close()
            $null = $writer.WaitForExit(60000)
        }
    }
}
