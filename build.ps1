<#
.SYNOPSIS
Builds ConstraintTools, runs its tests and stages the importable module.

.DESCRIPTION
Builds the solution (which stages the module at out/ConstraintTools), runs the whole test
suite, and checks the staged manifest with Test-ModuleManifest. Uses only core cmdlets and the
dotnet CLI, so it runs in pwsh, in Windows PowerShell, and in the repo's own console host:

    dotnet run --project src/ConstraintTools.Host -- -File build.ps1

.PARAMETER Configuration
Debug or Release.

.PARAMETER SkipTest
Build and stage only.

.EXAMPLE
./build.ps1 -Configuration Release
#>
[CmdletBinding()]
param(
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug',

    [switch] $SkipTest
)

$ErrorActionPreference = 'Stop'
$solution = [System.IO.Path]::Combine($PSScriptRoot, 'ConstraintTools.sln')
$manifest = [System.IO.Path]::Combine($PSScriptRoot, 'out', 'ConstraintTools', 'ConstraintTools.psd1')

function Invoke-Dotnet {
    dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE." }
}

Invoke-Dotnet build $solution --configuration $Configuration --nologo
if (-not $SkipTest) {
    Invoke-Dotnet test $solution --configuration $Configuration --no-build --nologo
}

$module = Test-ModuleManifest -Path $manifest
"Staged $($module.Name) $($module.Version) at $($module.ModuleBase)"
"Import it with: Import-Module '$($module.ModuleBase)'"
