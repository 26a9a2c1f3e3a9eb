# The README runs as printed: every `PS>` line of the text blocks of the sections below is run, in order, in one
# scope per section, from the repository's root, and what it prints at 160 columns must be the text that follows it.
BeforeDiscovery {
    $script:Sections = @(
        '# ConstraintTools'
        '### Pipelines, files and JSON'
        '## The examples, walked through'
        '## What-if: AI made coding five times faster'
        '## Walkthrough: a real log'
        '## Simulation beside the model'
        '## Logs with a known answer'
        '## Walkthrough: real export shapes'
    )
}

BeforeAll {
    . $PSScriptRoot/Common.ps1
    $script:Readme = (Get-Content -Raw (Join-Path $RepoRoot 'README.md')) -replace "`r`n", "`n"

    # The PS> commands of a section's text blocks, each with the lines printed after it.
    function script:Read-Commands([string] $Section) {
        $start = $Readme.IndexOf("$Section`n")
        if ($Section -ne '# ConstraintTools') { $start = $Readme.IndexOf("`n$Section`n") }
        if ($start -lt 0) { throw "README has no section '$Section'" }
        $end = $Readme.IndexOf("`n## ", $start + $Section.Length + 1)
        if ($end -lt 0) { $end = $Readme.Length }
        foreach ($block in [regex]::Matches($Readme.Substring($start, $end - $start), '```text\n(.*?)```', 'Singleline')) {
            $command = $null; $expected = [Collections.Generic.List[string]]::new()
            foreach ($line in $block.Groups[1].Value.Split("`n")) {
                if ($line.StartsWith('PS> ')) {
                    if ($null -ne $command) { [pscustomobject]@{ Command = $command; Expected = $expected -join "`n" } }
                    $command = $line.Substring(4); $expected.Clear()
                }
                else { $expected.Add($line) }
            }
            if ($null -ne $command) { [pscustomobject]@{ Command = $command; Expected = $expected -join "`n" } }
        }
    }

    # Trailing spaces and runs of blank lines do not count; the repository's path is written ./ as in the README.
    function script:Format-Printed([string] $Text) {
        $lines = $Text.Replace("`r`n", "`n").Replace($RepoRoot.TrimEnd('/') + '/', './').Split("`n") | ForEach-Object TrimEnd
        ([regex]::Replace(($lines -join "`n"), "\n{2,}", "`n`n")).Trim("`n")
    }

    # A line "..." in the README stands for any number of lines left out.
    function script:Test-Printed([string] $Expected, [string] $Actual) {
        $pattern = -join ($Expected.Split("`n") | ForEach-Object { if ($_ -eq '...') { '(?:[^\n]*\n)*?' } else { [regex]::Escape($_) + '\n' } })
        "$Actual`n" -match "^$pattern$"
    }
}

Describe 'README section <_>' -ForEach $Sections {
    It 'prints what the README shows' {
        $commands = @(Read-Commands $_)
        $commands.Count | Should -BeGreaterThan 0
        $mismatches = [Collections.Generic.List[string]]::new()
        Push-Location $RepoRoot
        try {
            foreach ($c in $commands) {
                # Dot-sourced, so that one command's assignments are there for the next; warnings print as the console prints them.
                $printed = . ([scriptblock]::Create($c.Command)) 3>&1 | ForEach-Object {
                    if ($_ -is [Management.Automation.WarningRecord]) { "WARNING: $($_.Message)" } else { $_ }
                } | Out-String -Width 160
                $actual = Format-Printed $printed
                $expected = Format-Printed $c.Expected
                if (-not (Test-Printed $expected $actual)) { $mismatches.Add("PS> $($c.Command)`n--- README:`n$expected`n--- actual:`n$actual") }
            }
        }
        finally { Pop-Location }
        $mismatches -join "`n`n" | Should -BeNullOrEmpty
    }
}

Describe 'The log walkthrough' {
    It 'has its commands, so that its test cannot pass by reading none' {
        $commands = @(Read-Commands '## Walkthrough: a real log').Command
        $commands.Count | Should -BeGreaterOrEqual 15
        foreach ($needed in 'Find-Constraint -Workflow $w', 'Get-CumulativeFlow', 'Get-WorkItemAge', 'ConvertTo-Workflow') {
            $commands | Where-Object { $_.Contains($needed) } | Should -Not -BeNullOrEmpty -Because "the walkthrough shows $needed"
        }
    }
}
