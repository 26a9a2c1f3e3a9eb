# The walkthroughs run as printed: every `PS>` line of the text blocks of the sections ReadmeBlocks.ps1 lists (a file,
# README.md or docs/*.md, and a heading in it) is run, in order, in one scope per section, from the repository's
# root, and what it prints at 160 columns must be the text that follows it. tests/Pester/Update-ReadmeOutput.ps1
# writes what they print into the file that holds them. Every such block lies in a listed section, and every
# relative link of the README, the changelog and the docs names a file that exists and, after #, one of its headings.
BeforeDiscovery {
    . $PSScriptRoot/ReadmeBlocks.ps1
    $script:Sections = $ReadmeSections
}

BeforeAll {
    . $PSScriptRoot/Common.ps1
    . $PSScriptRoot/ReadmeBlocks.ps1
    $script:Texts = @{}
    function script:Get-Text([string] $File) {
        if (-not $Texts.ContainsKey($File)) { $Texts[$File] = Read-ReadmeFile $File }
        $Texts[$File]
    }
    # The files ReadmeFiles names, as paths from the repository's root.
    $script:Files = @(foreach ($pattern in $ReadmeFiles) {
            Get-ChildItem (Join-Path $RepoRoot $pattern) | ForEach-Object { [IO.Path]::GetRelativePath($RepoRoot, $_.FullName).Replace('\', '/') }
        })

    function script:Read-Commands([string] $File, [string] $Section) {
        $text = Get-Text $File
        $start, $end = Get-ReadmeSectionSpan $text $Section $File
        foreach ($block in Get-ReadmeCommandBlock $text.Substring($start, $end - $start)) { Split-ReadmeBlock $block.Groups[1].Value }
    }

    # A line "..." in the README stands for any number of lines left out.
    function script:Test-Printed([string] $Expected, [string] $Actual) {
        $pattern = -join ($Expected.Split("`n") | ForEach-Object { if ($_ -eq '...') { '(?:[^\n]*\n)*?' } else { [regex]::Escape($_) + '\n' } })
        "$Actual`n" -match "^$pattern$"
    }
}

Describe '<File> section <Section>' -ForEach $Sections {
    It 'prints what the text shows' {
        $commands = @(Read-Commands $File $Section)
        $commands.Count | Should -BeGreaterThan 0
        $mismatches = [Collections.Generic.List[string]]::new()
        Push-Location $RepoRoot
        try {
            foreach ($c in $commands) {
                $actual = Format-Printed (. Get-ReadmePrinted $c.Command)
                $expected = Format-Printed ($c.Expected -join "`n")
                if (-not (Test-Printed $expected $actual)) { $mismatches.Add("PS> $($c.Command)`n--- $($File):`n$expected`n--- actual:`n$actual") }
            }
        }
        finally { Pop-Location }
        $mismatches -join "`n`n" | Should -BeNullOrEmpty
    }
}

Describe 'The walkthroughs' {
    It 'run every text block with PS> lines: each lies in a section the list names' {
        $untested = foreach ($file in $Files) {
            $text = Get-Text $file
            $spans = @($ReadmeSections | Where-Object File -eq $file | ForEach-Object { , @(Get-ReadmeSectionSpan $text $_.Section $file) })
            foreach ($block in Get-ReadmeCommandBlock $text) {
                if (-not ($spans | Where-Object { $block.Index -ge $_[0] -and $block.Index + $block.Length -le $_[1] })) {
                    $heading = @(Get-ReadmeHeading $text | Where-Object Index -lt $block.Index)[-1].Line
                    "$file, under '$heading': $($block.Groups[1].Value.Split("`n")[0])"
                }
            }
        }
        $untested -join "`n" | Should -BeNullOrEmpty
    }

    It 'keep the log walkthrough''s commands, so that its test cannot pass by reading none' {
        $commands = @(Read-Commands 'docs/walkthroughs.md' '## Walkthrough: a real log').Command
        $commands.Count | Should -BeGreaterOrEqual 15
        foreach ($needed in 'Find-Constraint -Workflow $w', 'Get-CumulativeFlow', 'Get-WorkItemAge', 'ConvertTo-Workflow') {
            $commands | Where-Object { $_.Contains($needed) } | Should -Not -BeNullOrEmpty -Because "the walkthrough shows $needed"
        }
    }
}

Describe 'Links of the README, the changelog and the docs' {
    It 'name files that exist, and headings that exist in them' {
        $broken = foreach ($file in $Files) {
            $text = Get-Text $file
            # Links in code are code: drop fenced blocks and inline code before looking.
            $prose = [regex]::Replace([regex]::Replace($text, '(?ms)^```.*?^```', ''), '`[^`\n]*`', '')
            foreach ($link in [regex]::Matches($prose, '\]\(([^)\s]+)\)')) {
                $target = $link.Groups[1].Value
                if ($target -match '^[a-z]+:') { continue }
                $path, $anchor = $target.Split('#', 2)
                $into = if ($path) { [IO.Path]::GetFullPath((Join-Path (Split-Path (Join-Path $RepoRoot $file)) $path)) } else { Join-Path $RepoRoot $file }
                # A link out of the repository (the product specification beside it) is not the repository's to check.
                if (-not $into.StartsWith($RepoRoot.TrimEnd('/') + '/')) { continue }
                if (-not (Test-Path -LiteralPath $into)) { "${file}: ($target) names no file"; continue }
                if ($anchor) {
                    $anchors = @{}
                    foreach ($h in Get-ReadmeHeading ((Get-Content -Raw -LiteralPath $into) -replace "`r`n", "`n")) {
                        $slug = Get-ReadmeAnchor $h.Title
                        $n = 0; $unique = $slug
                        while ($anchors.ContainsKey($unique)) { $n++; $unique = "$slug-$n" }
                        $anchors[$unique] = $true
                    }
                    if (-not $anchors.ContainsKey($anchor)) { "${file}: ($target) names no heading of $path" }
                }
            }
        }
        $broken -join "`n" | Should -BeNullOrEmpty
    }
}
