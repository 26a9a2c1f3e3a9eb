BeforeAll { . $PSScriptRoot/Common.ps1 }

Describe 'Errors carry what a CI annotation needs' {
    BeforeAll {
        $script:Flows = New-Item -ItemType Directory (Join-Path $TestDrive 'flows')
        Set-Content (Join-Path $Flows 'good.yaml') "name: Good`ndemand:`n  rate: 4/week`nstages:`n  - name: A`n    serviceTime: 4h"
        Set-Content (Join-Path $Flows 'unknown-key.yaml') "name: x`nstages:`n  - name: A`n    serviceTim: 4h"
        Set-Content (Join-Path $Flows 'nocolumns.csv') "Title,Owner`nx,y"
    }

    It 'gives file, line, column, field and reason apart, and the file as the target' {
        $workflows = Import-Workflow (Join-Path $Flows '*.yaml') -ErrorVariable bad -ErrorAction SilentlyContinue
        $workflows.Name | Should -Be 'Good'
        $bad.Count | Should -Be 1
        $bad[0].FullyQualifiedErrorId | Should -Be 'InvalidWorkflowFile,ConstraintTools.PowerShell.ImportWorkflowCommand'
        $bad[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $bad[0].TargetObject | Should -Be (Join-Path $Flows 'unknown-key.yaml')
        $x = $bad[0].Exception
        $x | Should -BeOfType ([ConstraintTools.InputException])
        ($x.File, $x.Line, $x.Column, $x.Field) | Should -Be (Join-Path $Flows 'unknown-key.yaml'), 4, 5, 'stages[0].serviceTim'
        $x.Reason | Should -Be "unknown key 'serviceTim'; did you mean 'serviceTime'?"
    }

    It 'makes the annotations the README shows' {
        Push-Location $TestDrive
        try {
            Import-Workflow flows/*.yaml -ErrorVariable bad -ErrorAction SilentlyContinue | Out-Null
            $annotations = foreach ($x in $bad.Exception) {
                if ($x -is [ConstraintTools.InputException]) { "::error file=$($x.File),line=$($x.Line),col=$($x.Column)::$($x.Reason)" }
            }
        }
        finally { Pop-Location }
        $annotations | Should -Be "::error file=$(Join-Path $Flows 'unknown-key.yaml'),line=4,col=5::unknown key 'serviceTim'; did you mean 'serviceTime'?"
    }

    It 'gives a file without a position as line and column 0' {
        Import-WorkItemLog (Join-Path $Flows 'nocolumns.csv') -ErrorVariable bad -ErrorAction SilentlyContinue
        $x = $bad[0].Exception
        ($x.File, $x.Line, $x.Column) | Should -Be (Join-Path $Flows 'nocolumns.csv'), 0, 0
        $x.Reason | Should -BeLike "no item id column found among 'Title', 'Owner'*"
    }
}

# Errors.For is the one table from the engine's exceptions to error ids and categories; a limit or a window problem
# added to the engine without an id there would throw instead of writing the user's error.
Describe 'The table of error ids' {
    BeforeAll {
        $errors = [ConstraintTools.PowerShell.ConstraintCmdlet].Assembly.GetType('ConstraintTools.PowerShell.Errors', $true)
        $script:For = $errors.GetMethod('For')
        function script:Get-Record([Exception] $Exception) { $For.Invoke($null, @($Exception, 'target', 'InvalidWorkflow')) }
    }

    It 'names every limit, as LimitsExceeded, and keeps the ids scripts catch' {
        $records = [enum]::GetValues([ConstraintTools.WorkLimit]) | ForEach-Object { Get-Record ([ConstraintTools.WorkLimitException]::new($_, 'too much')) }
        $records.CategoryInfo.Category | Sort-Object -Unique | Should -Be 'LimitsExceeded'
        $records.FullyQualifiedErrorId | Sort-Object -Unique |
            Should -Be 'ForecastTooLong', 'ImprovementTooLong', 'SimulationLimit', 'SimulationTooLong', 'TooManyIntervals', 'TooManyWipSamples'
    }

    It 'names every window problem' {
        $records = [enum]::GetValues([ConstraintTools.WindowProblem]) | ForEach-Object { Get-Record ([ConstraintTools.WindowException]::new($_, 'no window')) }
        $records | ForEach-Object { '{0} {1}' -f $_.FullyQualifiedErrorId, $_.CategoryInfo.Category } |
            Should -Be 'InvalidWindow InvalidArgument', 'NoThroughput InvalidData', 'InvalidStart InvalidArgument', 'InvalidBy InvalidArgument'
    }

    It 'gives input errors the id the cmdlet names, as InvalidData' {
        $record = Get-Record ([ConstraintTools.InputException]::new('bad', 'stages[0].name'))
        $record.FullyQualifiedErrorId | Should -Be 'InvalidWorkflow'
        $record.CategoryInfo.Category | Should -Be 'InvalidData'
        $record.TargetObject | Should -Be 'target'
    }
}
