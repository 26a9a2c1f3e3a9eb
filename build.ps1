<#
.SYNOPSIS
Builds ConstraintTools, runs its tests, stages the importable module and, with -Package, packs it.

.DESCRIPTION
Builds the solution (which stages the module at out/ConstraintTools), runs the whole test
suite, and checks the staged manifest with Test-ModuleManifest. With -Package it then makes the
installable module package out/package/ConstraintTools.<version>.nupkg, which Install-PSResource
and Install-Module take from that folder registered as a local repository. Uses only core cmdlets
and the dotnet CLI, so it runs in pwsh and in Windows PowerShell, and in the repo's own pwsh:

    dotnet tool restore; dotnet pwsh build.ps1

.PARAMETER Configuration
Debug or Release; Debug unless -Package is given, then Release.

.PARAMETER SkipTest
Build and stage only.

.PARAMETER Package
Also make the module package (dotnet pack src/ConstraintTools.Package) in out/package.

.EXAMPLE
./build.ps1 -Configuration Release

.EXAMPLE
./build.ps1 -Package
#>
[CmdletBinding()]
param(
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug',

    [switch] $SkipTest,

    [switch] $Package
)

$ErrorActionPreference = 'Stop'
if ($Package -and -not $PSBoundParameters.ContainsKey('Configuration')) { $Configuration = 'Release' }
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

if ($Package) {
    $packageProject = [System.IO.Path]::Combine($PSScriptRoot, 'src', 'ConstraintTools.Package')
    $repository = [System.IO.Path]::Combine($PSScriptRoot, 'out', 'package')
    # The README's command; --no-build because the solution build above built this configuration.
    Invoke-Dotnet pack $packageProject --configuration $Configuration --output $repository --no-build --nologo
    $nupkg = [System.IO.Path]::Combine($repository, "$($module.Name).$($module.Version).nupkg")
    if (-not [System.IO.File]::Exists($nupkg)) { throw "dotnet pack did not write $nupkg." }
    "Packaged $nupkg"
    "Install it from that folder as a local repository, with PSResourceGet:"
    "    Register-PSResourceRepository -Name Local -Uri '$repository' -Trusted; Install-PSResource ConstraintTools -Repository Local"
    "or with PowerShellGet 2:"
    "    Register-PSRepository -Name Local -SourceLocation '$repository' -InstallationPolicy Trusted; Install-Module ConstraintTools -Repository Local"
}
