# The help examples that read a work-item log, run as written from the repository's root in real pwsh: each
# command's output, warnings included, at 250 columns, is what the example shows.
BeforeDiscovery {
    $script:Examples = @(
        @{ Cmdlet = 'Find-Constraint'; Numbers = 7..14 }
        @{ Cmdlet = 'Invoke-FlowSimulation'; Numbers = 1, 9 }
        @{ Cmdlet = 'ConvertTo-Workflow'; Numbers = 1..6 }
        @{ Cmdlet = 'Export-FlowReport'; Numbers = 1, 2, 4, 5 }
        @{ Cmdlet = 'Import-WorkItemLog'; Numbers = 9..11 }
        @{ Cmdlet = 'ConvertTo-WorkItemLog'; Numbers = , 6 }
    )
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
                    $printed = . ([scriptblock]::Create($script)) 3>&1 | ForEach-Object {
                        if ($_ -is [Management.Automation.WarningRecord]) { "WARNING: $($_.Message)" } else { $_ }
                    } | Out-String -Width 250
                    Format-Printed $printed.Replace("`r`n", "`n").Split("`n") | Should -BeExactly (Format-Printed $shown) -Because "$($example.title.Trim(' -')) runs: $script"
                }
            }
        }
        finally {
            Pop-Location
            Get-ChildItem -File $RepoRoot | Where-Object FullName -notin $before | Remove-Item
        }
    }
}
