# Dot-sourced by every *.Tests.ps1 in BeforeAll: imports the staged module (out/ConstraintTools, built by
# `dotnet build`) into a fresh session and gives the tests the repository's paths and a scratch folder.
$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$script:Examples = Join-Path $RepoRoot 'examples'
Import-Module (Join-Path $RepoRoot 'out/ConstraintTools/ConstraintTools.psd1') -Force -ErrorAction Stop

# What a command prints at a console of the given width, through the module's format views, as lines
# without trailing blanks. A console leaves its last column empty (a character there would wrap the line), so a
# table gets one column less than the width.
function script:Get-Rendered {
    param([Parameter(Mandatory, ValueFromPipeline)] $InputObject, [int] $Width = 120)
    end { @($input | Out-String -Width ($Width - 1) -Stream | ForEach-Object TrimEnd) }
}

# The command line that starts this same pwsh as a child process: the dotnet tool runs as `dotnet pwsh.dll`.
function script:Get-PwshCommand {
    $process = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') { $process, (Join-Path $PSHOME 'pwsh.dll') } else { , $process }
}
