# Every example of every cmdlet's help and of about_ConstraintTools, pasted into a console of 120 columns in a
# folder holding the module's examples, prints what the example shows (HelpExamples.ps1 says how they are run and
# compared).
BeforeDiscovery {
    . $PSScriptRoot/Common.ps1
    . $PSScriptRoot/HelpExamples.ps1
    $script:Cmdlets = Get-HelpExample (Read-Help) | Group-Object Cmdlet | ForEach-Object {
        @{ Cmdlet = $_.Name; Examples = @($_.Group | ForEach-Object { @{ Number = $_.Number; Title = $_.Title } }) }
    }
    $script:AboutLines = @(Get-AboutExample | ForEach-Object { @{ Line = $_.Line } })
}

BeforeAll {
    . $PSScriptRoot/Common.ps1
    . $PSScriptRoot/HelpExamples.ps1
    # The help that Get-Help reads is the staged module's, which the build copies from module/.
    $staged = Join-Path $RepoRoot 'out/ConstraintTools/en-US/ConstraintTools.PowerShell.dll-Help.xml'
    (Get-Content -Raw $staged) | Should -BeExactly (Get-Content -Raw $HelpPath)
}

Describe '<Cmdlet> help examples' -ForEach $Cmdlets {
    BeforeAll {
        $cmdlet = $Cmdlet
        $script:Runs = @{}
        foreach ($run in Invoke-HelpExample @(Get-HelpExample (Read-Help) | Where-Object Cmdlet -eq $cmdlet)) { $Runs[$run.Example.Number] = $run }
    }

    It 'numbers its examples 1, 2, 3 in order' {
        $Examples.Number | Should -Be (1..$Examples.Count)
    }

    It 'Example <Number> prints what it shows' -ForEach $Examples {
        $run = $Runs[$Number]
        $code = $run.Example.Code
        # Pasting the code runs it: no prompt and no printed line in it.
        $code | Should -Not -Match '(?m)^PS> '
        $errors = $null
        $null = [Management.Automation.Language.Parser]::ParseInput($code, [ref]$null, [ref]$errors)
        $errors | Should -BeNullOrEmpty
        if (-not $run.Printed) { $run.Example.Shown | Should -BeNullOrEmpty -Because "$Title prints nothing"; return }
        $run.Example.Shown | Should -Not -BeNullOrEmpty -Because "$Title prints something, which the help must show"
        if (-not (Test-HelpShown $run.Printed $run.Example.Shown)) { $run.Printed | Should -BeExactly (Format-HelpPrinted $run.Example.Shown) -Because "$Title runs: $code" }
    }
}

Describe 'about_ConstraintTools examples' {
    BeforeAll {
        $script:AboutRuns = @{}
        $examples = Get-AboutExample | ForEach-Object { [pscustomobject]@{ Cmdlet = 'about_ConstraintTools'; Number = $_.Line; Code = $_.Code; Shown = $_.Shown } }
        foreach ($run in Invoke-HelpExample @($examples)) { $AboutRuns[$run.Example.Number] = $run }
    }

    It 'the command at line <Line> prints what the topic shows' -ForEach $AboutLines {
        $run = $AboutRuns[$Line]
        if (-not (Test-AboutShown $run.Printed $run.Example.Shown)) { $run.Printed | Should -BeExactly $run.Example.Shown -Because "line $Line runs: $($run.Example.Code)" }
    }
}
