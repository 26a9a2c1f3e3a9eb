# The walkthrough sections as Readme.Tests.ps1 checks them and Update-ReadmeOutput.ps1 rewrites them: each a file
# of the repository and a heading in it; the sections' text blocks, each block's PS> commands with the lines printed
# after them, and how a command's output is printed and compared.

$script:ReadmeSections = @(
    @{ File = 'README.md'; Section = '# ConstraintTools' }
    @{ File = 'docs/semantics.md'; Section = '## Pipelines, files and JSON' }
    @{ File = 'docs/walkthroughs.md'; Section = '## The examples, walked through' }
    @{ File = 'docs/walkthroughs.md'; Section = '## What-if: AI made coding five times faster' }
    @{ File = 'docs/walkthroughs.md'; Section = '## Walkthrough: a real log' }
    @{ File = 'docs/walkthroughs.md'; Section = '## Simulation beside the model' }
    @{ File = 'docs/walkthroughs.md'; Section = '## Logs with a known answer' }
    @{ File = 'docs/walkthroughs.md'; Section = '## Walkthrough: real export shapes' }
)

# The files whose text blocks with PS> lines must each lie in a listed section, and whose relative links must resolve.
$script:ReadmeFiles = 'README.md', 'CHANGELOG.md', 'docs/*.md'

# A file's text with LF line ends, by its path from the repository's root.
function script:Read-ReadmeFile([string] $File) {
    (Get-Content -Raw (Join-Path $RepoRoot $File)) -replace "`r`n", "`n"
}

# The headings of a Markdown text outside its code blocks: the level, the title and where the heading line starts.
function script:Get-ReadmeHeading([string] $Text) {
    $at = 0; $fenced = $false
    foreach ($line in $Text.Split("`n")) {
        if ($line.StartsWith('```')) { $fenced = -not $fenced }
        elseif (-not $fenced -and $line -match '^(#{1,6}) (.+)$') {
            [pscustomobject]@{ Level = $Matches[1].Length; Title = $Matches[2].Trim(); Line = $line; Index = $at }
        }
        $at += $line.Length + 1
    }
}

# Where a section starts and ends in a file's text (LF line ends): from its heading to the next heading of its level
# or above (a # in a code block is no heading); the title's section (#) ends at the first ## heading.
function script:Get-ReadmeSectionSpan([string] $Text, [string] $Section, [string] $File = 'README.md') {
    $headings = @(Get-ReadmeHeading $Text)
    $k = 0
    while ($k -lt $headings.Count -and $headings[$k].Line -ne $Section) { $k++ }
    if ($k -eq $headings.Count) { throw "$File has no section '$Section'" }
    $stop = [Math]::Max($headings[$k].Level, 2)
    $end = $Text.Length
    for ($j = $k + 1; $j -lt $headings.Count; $j++) { if ($headings[$j].Level -le $stop) { $end = $headings[$j].Index; break } }
    $headings[$k].Index, $end
}

# The text blocks of a text that hold PS> commands, as regex matches (group 1 is the block's inside).
function script:Get-ReadmeCommandBlock([string] $Text) {
    [regex]::Matches($Text, '```text\n(.*?)```', 'Singleline') | Where-Object { $_.Groups[1].Value -match '(?m)^PS> ' }
}

# GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens.
function script:Get-ReadmeAnchor([string] $Title) {
    ($Title.ToLowerInvariant() -replace '[^\p{L}\p{N}\s_-]', '') -replace '\s', '-'
}

# A text block's lines as commands, each with the lines printed after it; lines before the first command come first.
function script:Split-ReadmeBlock([string] $Block) {
    $command = $null; $expected = [Collections.Generic.List[string]]::new()
    foreach ($line in $Block.TrimEnd("`n").Split("`n")) {
        if ($line.StartsWith('PS> ')) {
            if ($null -ne $command) { [pscustomobject]@{ Command = $command; Expected = $expected.ToArray() } }
            $command = $line.Substring(4); $expected.Clear()
        }
        else { $expected.Add($line) }
    }
    if ($null -ne $command) { [pscustomobject]@{ Command = $command; Expected = $expected.ToArray() } }
}

# What a command prints at 160 columns, warnings as the console shows them, dot-sourced into the caller's scope
# so that one command's assignments are there for the next.
function script:Get-ReadmePrinted([string] $Command) {
    . ([scriptblock]::Create($Command)) 3>&1 | ForEach-Object {
        if ($_ -is [Management.Automation.WarningRecord]) { "WARNING: $($_.Message)" } else { $_ }
    } | Out-String -Width 160
}

# Trailing spaces and runs of blank lines do not count; the repository's path is written ./ as in the README.
function script:Format-Printed([string] $Text) {
    $lines = $Text.Replace("`r`n", "`n").Replace($RepoRoot.TrimEnd('/') + '/', './').Split("`n") | ForEach-Object TrimEnd
    ([regex]::Replace(($lines -join "`n"), "\n{2,}", "`n`n")).Trim("`n")
}
