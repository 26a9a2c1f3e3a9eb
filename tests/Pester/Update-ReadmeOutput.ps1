<#
.SYNOPSIS
Writes into README.md and docs/*.md what each PS> command of their walkthroughs prints now, as Readme.Tests.ps1 runs it.

.DESCRIPTION
After a change to a view or a figure, run this, read the diff, and commit it with the change:

    dotnet build; dotnet pwsh tests/Pester/Update-ReadmeOutput.ps1; git diff README.md docs

The sections are those ReadmeBlocks.ps1 lists, each a file and a heading; each file is rewritten in place. A block
whose printed lines hold a "..." line (lines left out on purpose) is kept as it is and named in a warning.
#>
$ErrorActionPreference = 'Stop'
. $PSScriptRoot/Common.ps1
. $PSScriptRoot/ReadmeBlocks.ps1
Push-Location $RepoRoot
try {
    foreach ($group in $ReadmeSections | Group-Object { $_.File }) {
        $file = $group.Name
        $path = Join-Path $RepoRoot $file
        $readme = Read-ReadmeFile $file
        foreach ($section in $group.Group.Section) {
            $start, $end = Get-ReadmeSectionSpan $readme $section $file
            $body = $readme.Substring($start, $end - $start)
            $text = [Text.StringBuilder]::new(); $at = 0
            foreach ($match in [regex]::Matches($body, '```text\n(.*?)```', 'Singleline')) {
                $null = $text.Append($body.Substring($at, $match.Index - $at)); $at = $match.Index + $match.Length
                $block = $match.Groups[1].Value
                $first = $block.IndexOf('PS> ')
                if ($first -lt 0) { $null = $text.Append($match.Value); continue }
                $lines = [Collections.Generic.List[string]]::new()
                if ($first -gt 0) { $lines.AddRange([string[]]$block.Substring(0, $first).TrimEnd("`n").Split("`n")) }
                $commands = @(Split-ReadmeBlock $block)
                for ($k = 0; $k -lt $commands.Count; $k++) {
                    $c = $commands[$k]
                    $printed = Format-Printed (. Get-ReadmePrinted $c.Command)
                    $lines.Add("PS> $($c.Command)")
                    if ($c.Expected -contains '...') { $lines.AddRange([string[]]$c.Expected); Write-Warning "${file}: kept, it leaves lines out: $($c.Command)"; continue }
                    if ($printed) { $lines.AddRange([string[]]$printed.Split("`n")); if ($k -lt $commands.Count - 1) { $lines.Add('') } }
                }
                $null = $text.Append('```text' + "`n" + ($lines -join "`n") + "`n" + '```')
            }
            $null = $text.Append($body.Substring($at))
            $readme = $readme.Substring(0, $start) + $text.ToString() + $readme.Substring($end)
        }
        [IO.File]::WriteAllText($path, $readme)
    }
}
finally { Pop-Location }
