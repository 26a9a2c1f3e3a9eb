# The module package exactly as a user makes it (`dotnet pack src/ConstraintTools.Package`), installed with the
# PSResourceGet that pwsh 7.6 carries from a plain folder registered as a repository, and imported by name.
# PSResourceGet keeps its repositories and CurrentUser installs under the user's data folder, so every
# PSResourceGet call runs in a child pwsh whose HOME is a scratch folder: the machine's settings are untouched.
BeforeAll {
    . $PSScriptRoot/Common.ps1
    $script:Id = 'ConstraintTools'
    $script:Manifest = Join-Path $RepoRoot 'out/ConstraintTools/ConstraintTools.psd1'
    $script:Feed = Join-Path $TestDrive 'repository'
    $project = Join-Path $RepoRoot 'src/ConstraintTools.Package/ConstraintTools.Package.csproj'
    # --no-build: building the test projects built the package project and staged the module.
    $packed = & dotnet pack $project --no-build --nologo -c Debug -o $Feed 2>&1
    if ($LASTEXITCODE -ne 0) { throw "dotnet pack exited with ${LASTEXITCODE}:`n$($packed -join "`n")" }
    $script:Nupkg = @(Get-ChildItem $Feed -Filter '*.nupkg')
    $script:Tested = Test-ModuleManifest $Manifest

    function script:Read-Nuspec {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead($Nupkg[0].FullName)
        try {
            $reader = [IO.StreamReader]::new($zip.GetEntry("$Id.nuspec").Open())
            try { [xml]$reader.ReadToEnd() } finally { $reader.Dispose() }
        }
        finally { $zip.Dispose() }
    }

    # Runs $Script in a child pwsh with its own HOME (and so its own PSResourceGet settings and CurrentUser
    # module folder) and returns what it wrote; throws with its errors if it failed.
    function script:Invoke-IsolatedPwsh([string] $Script) {
        $scratchHome = Join-Path $TestDrive 'home'
        # .NET gives no data folder (and PSResourceGet then writes to the working directory) unless it exists.
        $null = New-Item -ItemType Directory -Force (Join-Path $scratchHome '.local/share')
        $saved = $env:HOME, $env:XDG_DATA_HOME, $env:PSModulePath
        try {
            $env:HOME = $scratchHome
            $env:XDG_DATA_HOME = Join-Path $scratchHome '.local/share'
            # The child's own module path: pwsh's built-in modules (PSResourceGet) and the user's, not ours.
            $env:PSModulePath = $null
            $pwsh = @(Get-PwshCommand)
            $output = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoLogo -NoProfile -NonInteractive -Command $Script 2>&1
            if ($LASTEXITCODE -ne 0) { throw "child pwsh exited with ${LASTEXITCODE}:`n$($output -join "`n")" }
            $output
        }
        finally { $env:HOME, $env:XDG_DATA_HOME, $env:PSModulePath = $saved }
    }
}

Describe 'The staged manifest' {
    It 'passes Test-ModuleManifest with the publishing metadata' {
        $Tested.LicenseUri | Should -Be 'https://opensource.org/licenses/MIT'
        $Tested.ProjectUri | Should -Be 'https://github.com/ConstraintTools/ConstraintTools'
        # Release notes that do not name the version were not written for it.
        $Tested.ReleaseNotes | Should -BeLike "$($Tested.Version.ToString(3)),*"
        $Tested.Tags | Should -Contain 'Flow'
        $assembly = [Reflection.AssemblyName]::GetAssemblyName((Join-Path $RepoRoot 'out/ConstraintTools/ConstraintTools.PowerShell.dll')).Version
        $Tested.Version | Should -Be ([version]::new($assembly.Major, $assembly.Minor, $assembly.Build))
    }

    It 'names every cmdlet it exports, without wildcards' {
        $declared = (Import-PowerShellDataFile $Manifest).CmdletsToExport
        $declared | Where-Object { $_ -match '[*?\[]' } | Should -BeNullOrEmpty
        @($declared | Sort-Object) | Should -Be @($Tested.ExportedCmdlets.Keys | Sort-Object)
    }
}

Describe 'The package' {
    It 'is one file named and versioned as the manifest' {
        $Nupkg.Count | Should -Be 1
        # Install-PSResource -Version looks for exactly this file name in a local repository.
        $Nupkg[0].Name | Should -Be "$Id.$($Tested.Version.ToString(3)).nupkg"
        (Read-Nuspec).package.metadata.version | Should -Be $Tested.Version.ToString()
    }

    It 'carries in its nuspec what Publish-PSResource writes' {
        $metadata = (Read-Nuspec).package.metadata
        $metadata.id | Should -Be $Id
        $metadata.authors | Should -Be $Tested.Author
        $metadata.description | Should -Be $Tested.Description
        $metadata.copyright | Should -Be $Tested.Copyright
        $metadata.license.type | Should -Be 'expression'
        $metadata.license.'#text' | Should -Be 'MIT'
        $metadata.projectUrl | Should -Be $Tested.ProjectUri.ToString()
        ($metadata.releaseNotes -split '\r?\n') | Should -Be ($Tested.ReleaseNotes -split '\r?\n')
        $metadata.dependencies.group | Should -BeNullOrEmpty
        $cmdlets = $Tested.ExportedCmdlets.Keys
        $expected = @($Tested.Tags) + 'PSModule', 'PSIncludes_Cmdlet' + @($cmdlets | ForEach-Object { "PSCmdlet_$_" }) +
            @($cmdlets | ForEach-Object { "PSCommand_$_" }) + 'PSEdition_Core', 'PSEdition_Desktop'
        $tags = $metadata.tags -split ' ' | Where-Object { $_ }
        @($tags | Sort-Object -Unique).Count | Should -Be $tags.Count
        @($tags | Sort-Object) | Should -Be @($expected | Sort-Object -Unique)
    }

    It 'holds the staged module at its root, the license, and nothing else' {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead($Nupkg[0].FullName)
        try {
            $nuget = '[Content_Types].xml', "$Id.nuspec"
            $entries = @{}
            foreach ($entry in $zip.Entries) {
                if ($entry.FullName -in $nuget -or $entry.FullName -like '_rels/*' -or $entry.FullName -like 'package/*') { continue }
                $stream = $entry.Open(); $bytes = [IO.MemoryStream]::new()
                try { $stream.CopyTo($bytes) } finally { $stream.Dispose() }
                $entries[$entry.FullName] = $bytes.ToArray()
            }
        }
        finally { $zip.Dispose() }
        $stagedDir = Join-Path $RepoRoot 'out/ConstraintTools'
        $staged = @{ LICENSE = Join-Path $RepoRoot 'LICENSE' }
        foreach ($file in Get-ChildItem $stagedDir -File -Recurse) {
            $staged[[IO.Path]::GetRelativePath($stagedDir, $file.FullName).Replace('\', '/')] = $file.FullName
        }
        @($entries.Keys | Sort-Object) | Should -Be @($staged.Keys | Sort-Object)
        # The help's examples read the sample files; the repository's generator of them stays behind.
        $samples = @(Get-ChildItem $Examples -File -Recurse | Where-Object Extension -ne '.py' | ForEach-Object { 'examples/' + [IO.Path]::GetRelativePath($Examples, $_.FullName).Replace('\', '/') })
        $samples.Count | Should -BeGreaterThan 20
        @($entries.Keys | Where-Object { $_ -like 'examples/*' } | Sort-Object) | Should -Be @($samples | Sort-Object)
        foreach ($name in $staged.Keys) {
            [Convert]::ToBase64String($entries[$name]) | Should -Be ([Convert]::ToBase64String([IO.File]::ReadAllBytes($staged[$name]))) -Because "$name in the package must be the staged file"
        }
    }
}

Describe 'Installing with PSResourceGet from a local folder' {
    BeforeAll {
        $example = Join-Path $Examples 'code-review.yaml'
        $script:Saved = (New-Item -ItemType Directory (Join-Path $TestDrive 'saved')).FullName
        $script:Installed = Invoke-IsolatedPwsh @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name Local -Uri '$Feed' -Trusted
(Find-PSResource -Name $Id -Repository Local).Version.ToString()
(Find-PSResource -Tag Flow -Repository Local).Name
Install-PSResource -Name $Id -Repository Local -Scope CurrentUser -Quiet
Save-PSResource -Name $Id -Repository Local -Path '$Saved' -Quiet
Import-Module $Id
(Get-Module $Id).ModuleBase
`$report = Import-Workflow -LiteralPath '$example' | Find-Constraint
`$report.Constraint
`$report.Utilization.ToString([cultureinfo]::InvariantCulture)
"@
    }

    It 'finds the package by name and by tag' {
        $Installed[0] | Should -Be $Tested.Version.ToString()
        $Installed[1] | Should -Be $Id
    }

    It 'installs for the current user and imports it by name' {
        $Installed[2] | Should -Be (Join-Path $TestDrive "home/.local/share/powershell/Modules/$Id/$($Tested.Version)")
        $Installed[3] | Should -Be 'Review'
        [double]$Installed[4] | Should -Be 0.875
    }

    It 'saves the same module to a folder' {
        $saved = Test-ModuleManifest (Join-Path $Saved "$Id/$($Tested.Version)/$Id.psd1")
        $saved.Version | Should -Be $Tested.Version
        @($saved.ExportedCmdlets.Keys | Sort-Object) | Should -Be @($Tested.ExportedCmdlets.Keys | Sort-Object)
    }
}
