BeforeAll {
    . $PSScriptRoot/Common.ps1
    . $PSScriptRoot/LogHelpers.ps1
    # An error no test asks for fails the test it is written in.
    $ErrorActionPreference = 'Stop'
}

Describe 'Get-WorkItemAge' {
    BeforeAll {
        $log = New-TrackerLog
        $w = New-TrackerWorkflow
    }

    It 'lists the open items oldest first' {
        $ages = @($log | Get-WorkItemAge -Workflow $w)
        $earlier = Get-WorkItemAge $log -Workflow $w -AsOf '2026-01-05T20:00:00Z' | ForEach-Object Id
        $table = $log | Get-WorkItemAge -Workflow $w | Format-Table -View Wide | Get-Rendered -Width 200

        $ages.Count | Should -Be 2
        $ages[0].Id, $ages[0].Stage | Should -BeExactly 'C', 'Review'
        $ages[0].Age | Should -Be ([timespan]::FromHours(24))
        $ages[0].IsWaiting | Should -BeTrue
        $ages[1].Id | Should -BeExactly 'E'
        $ages[1].Stage | Should -BeNullOrEmpty
        $ages[1].Status | Should -BeExactly 'Blocked'
        $earlier | Should -BeExactly 'D', 'B', 'C'
        $table -ccontains 'Id             Age Stage          Waiting In stage Older than Status           Visits Started' | Should -BeTrue
        $table -ccontains 'C              24h Review         yes           8h      33.3% To Review             1 2026-01-05' | Should -BeTrue
        $table -ccontains 'E               4h (unmapped)                   2h       0.0% Blocked               0 2026-01-06' | Should -BeTrue
    }
}
