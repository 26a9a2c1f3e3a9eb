BeforeAll {
    . $PSScriptRoot/Common.ps1
    . $PSScriptRoot/LogHelpers.ps1
    # An error no test asks for fails the test it is written in.
    $ErrorActionPreference = 'Stop'
    $Expected = 'expected ISO 8601 (2026-01-31T09:30:00Z, with or without an offset), yyyy-MM-dd HH:mm[:ss], yyyy-MM-dd, dd/MMM/yy h:mm tt or Unix seconds or milliseconds'
}

Describe 'ConvertTo-WorkItemLog' {
    It 'converts pscustomobject rows, detecting their columns, and warns about skipped rows' {
        $rows = @(
            [pscustomobject]@{ Key = 'A-1'; Changed = '2026-01-01T09:00:00+02:00'; Status = 'Build'; Summary = 'x' }
            [pscustomobject]@{ Key = 'A-1'; Changed = [datetime]::new(2026, 1, 2, 9, 0, 0, [System.DateTimeKind]::Utc); Status = 'Done'; Summary = 'x' }
            [pscustomobject]@{ Key = 'A-2'; Changed = [datetimeoffset]::new(2026, 1, 2, 9, 0, 0, [timespan]::FromHours(-5)); Status = 'Build'; Summary = 'y' }
            [pscustomobject]@{ Key = ''; Changed = '2026-01-03'; Status = 'Build'; Summary = 'z' }
        )

        $log = @($rows | ConvertTo-WorkItemLog -SourceName jira -WarningVariable said -WarningAction SilentlyContinue)

        $log.Count | Should -Be 1
        $log[0].PSObject.TypeNames[0] | Should -BeExactly 'ConstraintTools.WorkItemLog'
        Get-EventLine $log[0] | Should -BeExactly 'A-1 2026-01-01T07:00 Build', 'A-1 2026-01-02T09:00 Done', 'A-2 2026-01-02T14:00 Build'
        $log[0].Source | Should -BeExactly 'jira'
        $log[0].SkippedRows | Should -Be 1
        $said.Count | Should -Be 1
        $said[0].Message | Should -BeLikeExactly "*jira object 4: column 'Key' is empty*"
    }

    It 'converts Import-Csv rows, hashtables and wide objects' {
        $path = Write-LogFile changes.csv $LongCsv

        $fromCsv = Import-Csv $path | ConvertTo-WorkItemLog -WarningAction SilentlyContinue
        $fromHashtables = @{ item = 'H'; time = '2026-01-01 10:00'; state = 'Build' }, @{ item = 'H'; time = '2026-01-02 10:00'; state = 'Done' } | ConvertTo-WorkItemLog
        $wide = [pscustomobject]@{ Id = 'W'; Title = 't'; Ready = '2026-01-01'; Build = '2026-01-03' } | ConvertTo-WorkItemLog
        $named = [pscustomobject]@{ n = 1; Ticket = 'N'; At = '2026-01-01'; Lane = 'Build' } | ConvertTo-WorkItemLog -IdColumn Ticket -TimestampColumn At -StatusColumn Lane

        Get-EventLine $fromCsv | Should -BeExactly 'A-1 2026-01-01T08:00 Build', 'A-1 2026-01-03T09:00 Review', 'A-2 2026-01-02T15:00 Build'
        Get-EventLine $fromHashtables | Should -BeExactly 'H 2026-01-01T10:00 Build', 'H 2026-01-02T10:00 Done'
        Get-EventLine $wide | Should -BeExactly 'W 2026-01-01T00:00 Ready', 'W 2026-01-03T00:00 Build'
        Get-EventLine $named | Should -BeExactly 'N 2026-01-01T00:00 Build'
    }

    It 'converts a log''s own events back to the same log' {
        $path = Write-LogFile roundtrip.csv $LongCsv

        $log = Import-WorkItemLog $path -WarningAction SilentlyContinue
        $again = @($log.Events | ConvertTo-WorkItemLog)

        $again.Count | Should -Be 1
        Get-EventLine $again[0] | Should -BeExactly (Get-EventLine $log)
    }

    It 'converts changelog objects, keeping only the status changes' {
        $log = @(
            [pscustomobject]@{ Key = 'P-1'; Created = '2026-03-02T09:00:00Z'; Field = 'assignee'; From = ''; To = 'Ann'; Date = '2026-03-02T10:00:00Z' }
            [pscustomobject]@{ Key = 'P-1'; Created = '2026-03-02T09:00:00Z'; Field = 'status'; From = 'Open'; To = 'Done'; Date = '2026-03-04T09:00:00Z' }
        ) | ConvertTo-WorkItemLog

        Get-EventLine $log | Should -BeExactly 'P-1 2026-03-02T09:00 Open', 'P-1 2026-03-04T09:00 Done'
    }

    It 'converts event objects as an event log' {
        $log = @{ Case = 'K1'; Activity = 'Register'; Lifecycle = 'start'; Timestamp = '2026-01-05T08:00:00Z' },
            @{ Case = 'K1'; Activity = 'Register'; Lifecycle = 'complete'; Timestamp = '2026-01-05T09:00:00Z' },
            @{ Case = 'K1'; Activity = 'Decide'; Lifecycle = 'start'; Timestamp = '2026-01-06T08:00:00Z' } | ConvertTo-WorkItemLog

        Get-EventLine $log | Should -BeExactly 'K1 2026-01-05T08:00 Register', 'K1 2026-01-05T09:00 Decide (waiting)', 'K1 2026-01-06T08:00 Decide'
        $log.Form.ToString() | Should -BeExactly 'EventLog'
    }

    It 'writes an error for objects without the columns it needs' {
        $log = @([pscustomobject]@{ a = 1; b = 2 } | ConvertTo-WorkItemLog -ErrorAction SilentlyContinue -ErrorVariable refused)

        $log.Count | Should -Be 0
        $refused.Count | Should -Be 1
        $refused[0].FullyQualifiedErrorId | Should -BeExactly 'InvalidWorkItemLog,ConstraintTools.PowerShell.ConvertToWorkItemLogCommand'
    }

    It 'writes an error for objects none of which can be read, and -TimestampFormat reads them' {
        $rows = @{ Id = 'A'; Changed = '6/1/2026 8:00 AM'; Status = 'Doing' }, @{ Id = 'B'; Changed = '6/2/2026 8:00 AM'; Status = 'Doing' }

        $refusedLog = @($rows | ConvertTo-WorkItemLog -SourceName jira -ErrorAction SilentlyContinue -ErrorVariable refused)
        $read = @($rows | ConvertTo-WorkItemLog -SourceName jira -TimestampFormat 'M/d/yyyy h:mm tt')

        $refusedLog.Count | Should -Be 0
        $refused.Count | Should -Be 1
        $refused[0].FullyQualifiedErrorId | Should -BeExactly 'WorkItemLogHasNoUsableRow,ConstraintTools.PowerShell.ConvertToWorkItemLogCommand'
        $refused[0].ToString() | Should -BeExactly "jira: none of the 2 objects could be read; the first: jira object 1: column 'Changed': '6/1/2026 8:00 AM' is not a date ($Expected); give -TimestampFormat 'M/d/yyyy h:mm tt'"
        $read.Count | Should -Be 1
        Get-EventLine $read[0] 'yyyy-MM-ddTHH:mm:ss.fff' | Should -BeExactly 'A 2026-06-01T08:00:00.000 Doing', 'B 2026-06-02T08:00:00.000 Doing'
    }
}
