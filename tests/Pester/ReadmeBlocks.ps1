# The README's walkthrough sections as Readme.Tests.ps1 checks them and Update-ReadmeOutput.ps1 rewrites them: the
# sections, their text blocks, each block's PS> commands with the lines printed after them, and how a command's
# output is printed and compared.

$script:ReadmeSections = @(
    '# ConstraintTools'
    '### Pipelines, files and JSON'
    '## The examples, walked through'
    '## What-if: AI made coding five times faster'
    '## Walkthrough: a real log'
    '## Simulation beside the model'
    '## Logs with a known answer'
    '## Walkthrough: real export shapes'
)

# Where a section starts and ends in the README's text (LF line ends).
function script:Get-ReadmeSectionSpan([string] $Readme, [string] $Section) {
    $start = if ($Section -eq '# ConstraintTools') { $Readme.IndexOf("$Section`n") } else { $Readme.IndexOf("`n$Section`n") }
    if ($start -lt 0) { throw "README has no section '$Section'" }
    $end = $Readme.IndexOf("`n## ", $start + $Section.Length + 1)
    if ($end -lt 0) { $end = $Readme.Length }
    $start, $end
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
