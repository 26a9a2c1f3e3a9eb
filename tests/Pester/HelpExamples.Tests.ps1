# The help examples that read a work-item log, run as written from the repository's root in real pwsh: each
# command's output, warnings included, at 250 columns, is what the example shows.
BeforeDiscovery {
    # Every example written as a session (PS> lines with what they print), of every cmdlet.
    [xml]$maml = Get-Content -Raw (Join-Path $PSScriptRoot '../../out/ConstraintTools/en-US/ConstraintTools.PowerShell.dll-Help.xml')
    # Not run: they read files of the reader's own (a tracker export, ./support.yaml) or show the reader's paths.
    $notRun = 'Measure-Flow 1', 'Export-FlowReport 3'
    $script:Examples = foreach ($command in $maml.helpItems.command) {
        $titles = @($command.examples.example | Where-Object { $_.code -match '(?m)^PS> ' } | ForEach-Object { [regex]::Match($_.title, 'Example \d+').Value } |
            Where-Object { "$($command.details.name) $($_ -replace 'Example ')" -notin $notRun })
        if ($titles) { @{ Cmdlet = $command.details.name; Numbers = $titles -replace 'Example ' } }
    }
}

BeforeAll {
    . $PSScriptRoot/Common.ps1
    [xml]$script:Maml = Get-Content -Raw (Join-Path $RepoRoot 'out/ConstraintTools/en-US/ConstraintTools.PowerShell.dll-Help.xml')

    function script:Format-Printed([string[]] $Lines) { (($Lines | ForEach-Object TrimEnd) -join "`n").Trim("`n") }

    function script:Test-Incomplete([string] $Script) {
        $errors = $null
        $null = [System.Management.Automation.Language.Parser]::ParseInput($Script, [ref]$null, [ref]$errors)
        [bool]($errors | Where-Object IncompleteInput)
    }
}

Describe '<Cmdlet> examples <Numbers>' -ForEach $Examples {
    It 'print what they show' {
        $command = $Maml.helpItems.command | Where-Object { $_.details.name -eq $Cmdlet }
        $wanted = $Numbers | ForEach-Object { "Example ${_}:" }
        $chosen = @($command.examples.example | Where-Object { $title = $_.title; $wanted | Where-Object { $title.Contains($_) } })
        $chosen.Count | Should -Be $wanted.Count
        # An example may write a file next to the examples (Export-Workflow ./fitted.yaml); the repository keeps none.
        $before = @(Get-ChildItem -File $RepoRoot | ForEach-Object FullName)
        Push-Location $RepoRoot
        try {
            foreach ($example in $chosen) {
                $lines = $example.code.Replace("`r`n", "`n").Split("`n")
                for ($i = 0; $i -lt $lines.Count;) {
                    if (-not $lines[$i].StartsWith('PS> ')) { $i++; continue }
                    $script = $lines[$i++].Substring(4)
                    while ($i -lt $lines.Count -and (Test-Incomplete $script)) { $script += "`n" + $lines[$i++] }
                    $shown = [Collections.Generic.List[string]]::new()
                    while ($i -lt $lines.Count -and -not $lines[$i].StartsWith('PS> ')) { $shown.Add($lines[$i++]) }
                    # Dot-sourced, so that the example's variables stay set for its next commands.
                    # Errors and warnings print as the console shows them (ConciseView), and an error, even one that stops the
                    # statement, does not end the example.
                    $ErrorActionPreference = 'Continue'
                    $printed = $(try { . ([scriptblock]::Create($script)) 2>&1 3>&1 } catch { $_ }) | ForEach-Object {
                        if ($_ -is [Management.Automation.WarningRecord]) { "WARNING: $($_.Message)" }
                        elseif ($_ -is [Management.Automation.ErrorRecord]) { "$($_.InvocationInfo.MyCommand.Name): $($_.Exception.Message)" }
                        else { $_ }
                    } | Out-String -Width 250
                    $ErrorActionPreference = 'Stop'
                    # A line "..." in the example stands for any number of lines left out.
                    $actual = Format-Printed $printed.Replace("`r`n", "`n").Split("`n")
                    $expected = Format-Printed $shown
                    $pattern = -join ($expected.Split("`n") | ForEach-Object { if ($_ -eq '...') { '(?:[^\n]*\n)*?' } else { [regex]::Escape($_) + '\n' } })
                    if ("$actual`n" -notmatch "^$pattern$") { $actual | Should -BeExactly $expected -Because "$($example.title.Trim(' -')) runs: $script" }
                }
            }
        }
        finally {
            Pop-Location
            Get-ChildItem -File $RepoRoot | Where-Object FullName -notin $before | Remove-Item
        }
    }
}
