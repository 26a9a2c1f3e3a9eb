BeforeAll { . $PSScriptRoot/Common.ps1; . $PSScriptRoot/WorkflowHelpers.ps1 }

Describe 'Import-Workflow' {
    BeforeAll {
        $script:Line = $TwoStagesYaml
        function script:Write-Yaml([string] $Name, [string] $Text) {
            $path = Join-Path $folder $Name
            [IO.File]::WriteAllText($path, $Text)
            $path
        }
    }

    BeforeEach {
        $script:folder = (New-Item -ItemType Directory -Path (Join-Path $TestDrive ([guid]::NewGuid()))).FullName
    }

    It 'imports one workflow per file matching a wildcard' {
        $files = Get-ChildItem (Join-Path $Examples '*.yaml')

        $output = Import-Workflow (Join-Path $Examples '*.yaml') -ErrorVariable errs

        $errs | Should -BeNullOrEmpty
        $files.Count | Should -BeGreaterOrEqual 4
        $output.Count | Should -Be $files.Count
        $output | ForEach-Object { $_.PSObject.TypeNames[0] } | Select-Object -Unique | Should -BeExactly 'ConstraintTools.Workflow'
    }

    It 'takes paths, files and PSPaths from the pipeline' {
        $path = Write-Yaml 'line.yaml' $Line
        $odd = Write-Yaml 'odd[1].yaml' ($Line.Replace('Two stages', 'Bracketed'))

        $byValue = $path | Import-Workflow -ErrorVariable e1
        $fileObjects = [IO.DirectoryInfo]::new($folder).GetFiles('line.yaml') | Import-Workflow -ErrorVariable e2
        $byPsPath = [pscustomobject]@{ PSPath = $odd } | Import-Workflow -ErrorVariable e3
        $literal = Import-Workflow -LiteralPath $odd -ErrorVariable e4

        @($e1) + @($e2) + @($e3) + @($e4) | Should -BeNullOrEmpty
        $byValue.Name | Should -BeExactly 'Two stages'
        $fileObjects.Name | Should -BeExactly 'Two stages'
        $byPsPath.Name | Should -BeExactly 'Bracketed'
        $literal.Name | Should -BeExactly 'Bracketed'
    }

    It 'writes a non-terminating error for a bad file and still loads the others' {
        $good = Write-Yaml 'good.yaml' $Line
        $bad = Write-Yaml 'bad.yaml' "name: x`nstages:`n  - name: A`n    servce: 4h`n"
        $missing = Join-Path $folder 'missing.yaml'

        $output = Import-Workflow $bad, $missing, $good -ErrorVariable errs -ErrorAction SilentlyContinue

        $output.Name | Should -BeExactly 'Two stages'
        $errs.Count | Should -Be 2
        $errs[0].FullyQualifiedErrorId | Should -BeExactly 'InvalidWorkflowFile,ConstraintTools.PowerShell.ImportWorkflowCommand'
        $errs[0].CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::InvalidData)
        $errs[0].TargetObject | Should -BeExactly $bad
        $errs[0].Exception.Message | Should -BeExactly "${bad}:4:5: stages[0].servce: unknown key 'servce'; did you mean 'serviceTime'?"
        $errs[1].FullyQualifiedErrorId | Should -BeExactly 'WorkflowFileNotFound,ConstraintTools.PowerShell.ImportWorkflowCommand'
        $errs[1].CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::ObjectNotFound)
    }

    It 'calls Unicode digits a bad value and still loads the next file' {
        # \d matched them and double.Parse threw a FormatException, terminating, so the files after were never read.
        $one = [string][char]0xFF11
        $five = [string][char]0x0665
        $fullwidth = Write-Yaml 'fullwidth.yaml' "name: x`nstages:`n  - name: A`n    serviceTime: `"${one}h`"`n"
        $arabic = Write-Yaml 'arabic.yaml' "name: y`ndemand: `"$five/week`"`nstages:`n  - name: A`n"
        $good = Write-Yaml 'good.yaml' $Line

        $output = Import-Workflow $fullwidth, $arabic, $good -ErrorVariable errs -ErrorAction SilentlyContinue

        $output.Name | Should -BeExactly 'Two stages'
        $errs.FullyQualifiedErrorId | Should -BeExactly @('InvalidWorkflowFile,ConstraintTools.PowerShell.ImportWorkflowCommand', 'InvalidWorkflowFile,ConstraintTools.PowerShell.ImportWorkflowCommand')
        $errs[0].Exception.Message | Should -BeExactly "${fullwidth}:4:18: stages[0].serviceTime: '${one}h' is not a duration; write 30m, 4h, 1.5d, 2w or a number of hours"
        $errs[1].Exception.Message | Should -BeExactly "${arabic}:2:9: demand.rate: '$five/week' is not a rate; write N/hour, N/day, N/week, N/month or a number per week"
    }

    It 'names files with escape codes escaped' {
        # A file name may hold any character but / and NUL; printed raw, these retitled the terminal and cleared it.
        $esc = [char]27
        $bad = Write-Yaml "bad$esc]2;TITLE$([char]7).yaml" "name: x`nstages:`n  - name: A`n    servce: 4h`n"
        $folderNamed = (New-Item -ItemType Directory -Path (Join-Path $folder "dir$esc[2J")).FullName
        $missing = Join-Path $folder "missing$esc[2J.yaml"

        Import-Workflow -LiteralPath $bad, $folderNamed, $missing -ErrorVariable errs -ErrorAction SilentlyContinue

        $errs.Count | Should -Be 3
        $errs | Where-Object { $_.Exception.Message -match '\p{Cc}' } | Should -BeNullOrEmpty
        # Join-Path would turn the escapes' backslashes into slashes.
        $first = "$folder/" + 'bad\u001b]2;TITLE\u0007.yaml:4:5: '
        $errs[0].Exception.Message.Substring(0, $first.Length) | Should -BeExactly $first
        $second = "'$folder/dir\u001b[2J' is a directory"
        $errs[1].Exception.Message.Substring(0, $second.Length) | Should -BeExactly $second
        $errs[2].Exception.Message | Should -Match ([regex]::Escape("'$folder/" + 'missing\u001b[2J.yaml' + "'"))
    }

    It 'renders workflows as a table' {
        $path = Write-Yaml 'line.yaml' $Line

        $row = Import-Workflow $path | Get-Rendered -Width 200 | Where-Object { $_.StartsWith('Two stages') } | Select-Object -First 1

        $row | Should -Match 'Two stages\s+2\s+8\s+0\s+.*line\.yaml'
    }
}
