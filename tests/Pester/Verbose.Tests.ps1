BeforeAll {
    . $PSScriptRoot/Common.ps1
    $script:Yaml = Join-Path $Examples 'delivery-log.yaml'
    $script:Csv = Join-Path $Examples 'delivery-log.csv'
    $script:Log = Import-WorkItemLog $Csv
    $script:Delivery = Import-Workflow $Yaml
    # What a command says with -Verbose, its output discarded.
    function script:Get-Said([scriptblock] $Command) { @(& $Command 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message) }
}

Describe '-Verbose says what each long cmdlet is doing' {
    It 'Import-Workflow: each file and what it held' {
        Get-Said { Import-Workflow $Yaml -Verbose } | Should -Be "${Yaml}: 'Delivery (from a changelog)', 5 stages"
    }

    It 'Import-WorkItemLog: the form and columns it detected' {
        (Get-Said { Import-WorkItemLog $Csv -Verbose }) | Should -BeLike "${Csv}: *id 'Key'*"
    }

    It 'Find-Constraint -Log: the log, the workflow, the window and the windows' {
        Get-Said { $Log | Find-Constraint -Workflow $Delivery -Verbose } |
            Should -Be "$($Log.Source): measuring 5,745 status changes against 'Delivery (from a changelog)', the whole log"
        Get-Said { $Log | Find-Constraint -Workflow $Delivery -From 2026-06-01 -Interval 4w -Verbose } |
            Should -Be "$($Log.Source): measuring 5,745 status changes against 'Delivery (from a changelog)', from 2026-06-01 00:00 to its last, in windows of 4w"
    }

    It 'ConvertTo-Workflow: what it fits to' {
        Get-Said { $Log | ConvertTo-Workflow -Workflow $Delivery -Verbose -WarningAction SilentlyContinue } |
            Should -Be "$($Log.Source): fitting 'Delivery (from a changelog)' to 513 items and 5,745 status changes, the whole log"
    }

    It 'Get-Forecast: the history and the trials' {
        Get-Said { $Log | Get-Forecast -Workflow $Delivery -Items 50 -Trials 100 -Verbose } |
            Should -Be "$($Log.Source): forecasting when 50 items are done from 108 days of throughput (2026-06-02 to 2026-09-18), 100 trials"
    }

    It 'Measure-Improvement without -Stage: the change and how many stages it tries' {
        Get-Said { $Delivery | Measure-Improvement -Servers 3 -Verbose } | Should -Be "'Delivery (from a changelog)': trying servers 3 on each of its 5 stages"
    }

    It 'Measure-Flow: the log, the workflow and the window' {
        Get-Said { $Log | Measure-Flow -Workflow $Delivery -To 2026-07-01 -Verbose } |
            Should -Be "$($Log.Source): measuring 5,745 status changes against 'Delivery (from a changelog)', from its first change to 2026-07-01 00:00"
    }

    It 'Invoke-FlowSimulation: replications, duration, warm-up and seed' {
        Get-Said { $Delivery | Invoke-FlowSimulation -Duration 4w -Replications 2 -Seed 7 -Summary -Verbose } |
            Should -Be "'Delivery (from a changelog)': simulating 2 replications of 4w, the first 2.8d of each left out as warm-up, seed 7"
        Get-Said { $Delivery | Invoke-FlowSimulation -Duration 4w -AsLog -Verbose } |
            Should -Be "'Delivery (from a changelog)': simulating the log of 1 replication of 4w, the first 2.8d of each left out as warm-up, seed 1"
    }

    It 'Export-FlowReport: which report, and the windows of the constraint over time' {
        $path = Join-Path $TestDrive 'delivery.html'
        Get-Said { $Delivery | Export-FlowReport $path -Log $Log -Verbose } |
            Should -Contain "'Delivery (from a changelog)': the report from $($Log.Source) (5,745 status changes), the constraint over time in windows of 4w"
    }
}
