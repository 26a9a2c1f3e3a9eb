BeforeAll { . $PSScriptRoot/Common.ps1 }

Describe 'New-WorkflowStage' {
    BeforeAll {
        # Rows as Import-Csv makes them: every cell a string, empty where the sheet is blank. Worked by
        # hand at 8 items a week: Review is visited 1/(1 − 0.2) = 1.25 times, so Build and Review see
        # 10 a week. Intake μ = 0.5 × 40 h / 1 h = 20 (ρ 0.4); Build μ = 5 × 40 / 12 = 16.67 (ρ 0.6);
        # Review μ = 2 × 0.5 × 40 / 3.5 = 80/7 (ρ 0.875); Deploy μ = 50 (ρ 0.16). The constraint is
        # Review; the ceiling is (80/7) / 1.25 = 64/7 a week; relieved by 0.875/0.6 it moves to Build.
        $script:Rows = @(
            [pscustomobject]@{ Name = 'Intake'; Servers = ''; ServiceTime = '1h'; Capacity = ''; Availability = '50%'; Calendar = ''; Next = ''; States = 'New;Triage'; Queue = '' }
            [pscustomobject]@{ Name = 'Build'; Servers = '5'; ServiceTime = '1.5d'; Capacity = ''; Availability = ''; Calendar = ''; Next = ''; States = 'In Progress'; Queue = 'Ready for Dev' }
            [pscustomobject]@{ Name = 'Review'; Servers = '2'; ServiceTime = '3.5h'; Capacity = ''; Availability = '0.5'; Calendar = ''; Next = 'Build:0.2,Deploy:0.8'; States = ''; Queue = '' }
            [pscustomobject]@{ Name = 'Deploy'; Servers = ''; ServiceTime = ''; Capacity = '50/week'; Availability = ''; Calendar = '24x7'; Next = 'done'; States = ''; Queue = '' }
        )
    }

    It 'makes from rows shaped like a CSV a workflow with the hand-computed constraint' {
        $report = $Rows | New-WorkflowStage -ErrorVariable errs | New-Workflow -Name Delivery -Demand 8/week | Find-Constraint

        $errs | Should -BeNullOrEmpty
        @($report).Count | Should -Be 1
        $report.Constraint | Should -BeExactly 'Review'
        [math]::Round($report.Utilization, 12) | Should -Be 0.875
        [math]::Round($report.ThroughputPerWeek, 12) | Should -Be 8
        [math]::Round($report.ThroughputCeilingPerWeek, 12) | Should -Be ([math]::Round(64 / 7, 12))
        $report.NextConstraint | Should -BeExactly 'Build'
        [math]::Round($report.RelocationFactor, 12) | Should -Be ([math]::Round(0.875 / 0.6, 12))
        $report.Stages | ForEach-Object { [math]::Round($_.Utilization, 12) } | Should -Be @(0.4, 0.6, 0.875, 0.16)
    }

    It 'gives empty cells the defaults and reads the text cells' {
        $stages = $Rows | New-WorkflowStage -ErrorVariable errs

        $errs | Should -BeNullOrEmpty
        $stages | ForEach-Object { $_.PSObject.TypeNames[0] } | Select-Object -Unique | Should -BeExactly 'ConstraintTools.WorkflowStage'
        $intake = $stages[0]
        $intake.Servers | Should -Be 1
        $intake.Cv | Should -Be 1.0
        $intake.Availability | Should -Be 0.5
        $null -eq $intake.Calendar | Should -BeTrue
        @($intake.Routes).Count | Should -Be 0
        $intake.States | Should -BeExactly @('New', 'Triage')
        @($intake.QueueStates).Count | Should -Be 0
        $stages[1].ServiceTimeHours | Should -Be 12.0 # 1.5 working days of the default 8 h
        $stages[2].Routes | ForEach-Object { '{0}:{1}' -f $_.To, $_.Probability } | Should -BeExactly @('Build:0.2', 'Deploy:0.8')
        $deploy = $stages[3]
        $deploy.CapacityPerWeek | Should -Be 50.0
        $deploy.Calendar.HoursPerWeek | Should -Be 168.0
        @($deploy.Routes).Count | Should -Be 1
        $deploy.Routes[0].Exits | Should -BeTrue
    }

    It 'takes the workflow notation in its parameters' {
        $stages = @(
            New-WorkflowStage Smoke -ServiceTime 1d -Calendar 24x7 -Cv 0.3 -Availability 10% -Wip 4 -WipLimit 6 -States 'Running;Queued', 'Flaky' -Queue Waiting
            New-WorkflowStage Train -Cadence 2w -BatchSize 30
            New-WorkflowStage Rework -ServiceTime 90 -Next @{ to = 'Smoke'; probability = 0.25 }, @{ To = 'DONE'; Probability = '75%' }
            New-WorkflowStage Copy -Servers 3 -Capacity 2/day -Next ([ConstraintTools.Route]::new('Train', 1))
        )

        $smoke = $stages[0]
        $smoke.ServiceTimeHours | Should -Be 24.0 # a day of a 24x7 stage
        $smoke.Cv | Should -Be 0.3
        [math]::Round($smoke.Availability, 15) | Should -Be 0.1
        $smoke.ObservedWip | Should -Be 4
        $smoke.WipLimit | Should -Be 6
        $smoke.States | Should -BeExactly @('Running', 'Queued', 'Flaky')
        $smoke.QueueStates | Should -BeExactly @('Waiting')
        $stages[1].Cadence | Should -Be ([TimeSpan]::FromDays(14)) # calendar time
        $stages[1].BatchSize | Should -Be 30
        $stages[2].ServiceTimeHours | Should -Be 90.0
        $routes = @($stages[2].Routes)
        $routes.Count | Should -Be 2
        $routes[0].To | Should -BeExactly 'Smoke'
        $routes[0].Probability | Should -Be 0.25
        $null -eq $routes[1].To | Should -BeTrue
        $routes[1].Probability | Should -Be 0.75
        $stages[3].Servers | Should -Be 3
        $stages[3].CapacityPerWeek | Should -Be 14.0
        @($stages[3].Routes).Count | Should -Be 1
        $stages[3].Routes[0].To | Should -BeExactly 'Train'
    }

    It 'takes a TimeSpan service time as that many hours of work' {
        $stages = @(
            New-WorkflowStage Review -ServiceTime ([TimeSpan]::FromMinutes(90))
            New-WorkflowStage Audit -ServiceTime ([TimeSpan]::FromDays(1.5))
        )

        $stages.ServiceTimeHours | Should -Be @(1.5, 36.0)
    }

    It 'refuses a cv above ten naming the stage' {
        $cvs = @(
            New-WorkflowStage Review -ServiceTime 4h -Cv 5e4 -ErrorVariable errs -ErrorAction SilentlyContinue
            New-WorkflowStage Test -ServiceTime 1h -Cv 10 | ForEach-Object Cv
        )

        $cvs | Should -Be @(10.0)
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeExactly 'InvalidStageValue,ConstraintTools.PowerShell.NewWorkflowStageCommand'
        $errs[0].Exception.Message | Should -BeExactly "Stage 'Review', -Cv: the cv must be from 0 to 10, not 50000: beyond that a rare few items take nearly all the time, which no simulation of a sensible length sees."
    }

    It 'writes a non-terminating error for a bad row and still makes stages of the other rows' {
        $stages = @(
            [pscustomobject]@{ Name = 'A'; Servers = '2'; ServiceTime = '4h'; Availability = ''; Next = '' }
            [pscustomobject]@{ Name = 'B'; Servers = 'two'; ServiceTime = 'soon'; Availability = ''; Next = '' }
            [pscustomobject]@{ Name = 'C'; Servers = ''; ServiceTime = '2h'; Availability = '150%'; Next = '' }
            [pscustomobject]@{ Name = 'D'; Servers = ''; ServiceTime = '2h'; Availability = ''; Next = 'A:0.5,done:0.4' }
            [pscustomobject]@{ Name = 'E'; Servers = ''; ServiceTime = ''; Availability = ''; Next = 'A,done' }
            [pscustomobject]@{ Name = ''; Servers = ''; ServiceTime = '1h'; Availability = ''; Next = '' }
            [pscustomobject]@{ Name = 'F'; Servers = '1'; ServiceTime = '1h'; Availability = ''; Next = 'E' }
        ) | New-WorkflowStage -ErrorVariable errs -ErrorAction SilentlyContinue

        $stages.Name | Should -BeExactly @('A', 'F')
        $errs.FullyQualifiedErrorId | Select-Object -Unique | Should -BeExactly 'InvalidStageValue,ConstraintTools.PowerShell.NewWorkflowStageCommand'
        $errs.CategoryInfo.Category | Select-Object -Unique | Should -Be ([System.Management.Automation.ErrorCategory]::InvalidArgument)
        $errs.Exception.Message | Should -BeExactly @(
            "Stage 'B': -Servers 'two' is not a whole number."
            "Stage 'B': -ServiceTime 'soon' is not a duration; write 30m, 4h, 1.5d, 2w, a TimeSpan or a number of hours."
            "Stage 'C', -Availability: availability must be above 0 and at most 1 (a share of working time)."
            "Stage 'D', -Next: the probabilities of next sum to 0.9, not 1."
            "Stage 'E': -Next names 2 stages; give each a probability, e.g. 'Build:0.3,Deploy:0.7'."
            'A stage without a name: -Name is empty; every stage needs a name.'
        )
        $errs[0].TargetObject.Name | Should -BeExactly 'B'
    }

    It 'renders stages as a table' {
        $table = [pscustomobject]@{ Name = 'Build'; Servers = '3'; ServiceTime = '1.5d' }, [pscustomobject]@{ Name = 'Review'; Capacity = '10/week'; Next = 'Build:0.3,done:0.7' } |
            New-WorkflowStage | Get-Rendered -Width 200

        $table -join "`n" | Should -Match 'Build\s+3\s+12h\s+1\s+100\.0%\s+\(next in list\)'
        $table -join "`n" | Should -Match 'Review\s+1\s+10\s+1\s+100\.0%\s+Build \(0\.3\), done \(0\.7\)'
    }

    It 'declares its output type' {
        (Get-Command New-WorkflowStage).OutputType.Name | Should -BeExactly 'ConstraintTools.WorkflowStage'
    }
}
