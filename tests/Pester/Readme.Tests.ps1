# The README runs as printed: every `PS>` line of the text blocks of its walkthrough sections (ReadmeBlocks.ps1) is
# run, in order, in one scope per section, from the repository's root, and what it prints at 160 columns must be the
# text that follows it. tests/Pester/Update-ReadmeOutput.ps1 writes what they print into the README.
BeforeDiscovery {
    . $PSScriptRoot/ReadmeBlocks.ps1
    $script:Sections = $ReadmeSections
}

BeforeAll {
    . $PSScriptRoot/Common.ps1
    . $PSScriptRoot/ReadmeBlocks.ps1
    $script:Readme = (Get-Content -Raw (Join-Path $RepoRoot 'README.md')) -replace "`r`n", "`n"

    function script:Read-Commands([string] $Section) {
        $start, $end = Get-ReadmeSectionSpan $Readme $Section
        foreach ($block in [regex]::Matches($Readme.Substring($start, $end - $start), '```text\n(.*?)```', 'Singleline')) {
            Split-ReadmeBlock $block.Groups[1].Value
        }
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
                $actual = Format-Printed (. Get-ReadmePrinted $c.Command)
                $expected = Format-Printed ($c.Expected -join "`n")
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
