<#
.SYNOPSIS
Runs one Pester file (or all of tests/Pester) against the staged module and exits with the number of failures.

.DESCRIPTION
The xunit project tests/ConstraintTools.Pester runs each *.Tests.ps1 through this script, so that
`dotnet test` runs the Pester suite; it can also be run by hand:

    dotnet pwsh tests/Pester/Invoke-TestFile.ps1 -Path tests/Pester/Find-Constraint.Tests.ps1

.PARAMETER Path
The test files; all of tests/Pester by default.

.PARAMETER PesterModule
Pester's manifest; by default the one NuGet restored for the xunit project.

.PARAMETER ResultPath
Where to write the NUnit XML result, for CI's counts.
#>
param(
    [string[]] $Path = $PSScriptRoot,
    [string] $PesterModule = (Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages/pester/5.7.1/tools/Pester.psd1'),
    [string] $ResultPath
)

$ErrorActionPreference = 'Stop'
if ($env:NUGET_PACKAGES -and -not $PSBoundParameters.ContainsKey('PesterModule')) {
    $PesterModule = Join-Path $env:NUGET_PACKAGES 'pester/5.7.1/tools/Pester.psd1'
}
$PSStyle.OutputRendering = 'PlainText'
Import-Module $PesterModule -Force
$configuration = New-PesterConfiguration
$configuration.Run.Path = $Path
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Normal'
if ($ResultPath) {
    $configuration.TestResult.Enabled = $true
    $configuration.TestResult.OutputFormat = 'NUnitXml'
    $configuration.TestResult.OutputPath = $ResultPath
}
$result = Invoke-Pester -Configuration $configuration
"pester: $($result.PassedCount) passed, $($result.FailedCount) failed, $($result.SkippedCount) skipped"
exit ($result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount)
