BeforeAll {
    . $PSScriptRoot/Common.ps1
    . $PSScriptRoot/LogHelpers.ps1
    # An error no test asks for fails the test it is written in.
    $ErrorActionPreference = 'Stop'
    $Expected = 'expected ISO 8601 (2026-01-31T09:30:00Z, with or without an offset), yyyy-MM-dd HH:mm[:ss], yyyy-MM-dd, dd/MMM/yy h:mm tt or Unix seconds or milliseconds'
    $UsCsv = @'
Id,Changed,Status
A,6/1/2026 8:00 AM,Doing
A,6/2/2026 1:30 PM,Done
B,6/1/2026 9:00 AM,Doing
'@
}

Describe 'Import-WorkItemLog' {
    It 'imports a long CSV and warns about the skipped row' {
        $path = Write-LogFile changes.csv $LongCsv

        $log = @(Import-WorkItemLog $path -WarningVariable said -WarningAction SilentlyContinue)

        $log.Count | Should -Be 1
        $log[0].PSObject.TypeNames[0] | Should -BeExactly 'ConstraintTools.WorkItemLog'
        Get-EventLine $log[0] | Should -BeExactly 'A-1 2026-01-01T08:00 Build', 'A-1 2026-01-03T09:00 Review', 'A-2 2026-01-02T15:00 Build'
        $log[0].SkippedRows | Should -Be 1
        $log[0].DuplicateRows | Should -Be 1
        $said.Count | Should -Be 1
        $said[0].Message | Should -BeLikeExactly '*skipped 1 row*'
        $said[0].Message | Should -BeLikeExactly "*${path}:6: column 'Changed': 'someday' is not a date*"
    }

    It 'expands wildcards, takes files from the pipeline and reads named columns' {
        $folder = Join-Path $TestDrive wildcards
        $null = Write-LogFile a.csv "Ticket,Moved,Lane`nT-1,2026-02-01,Build`n" -Folder $folder
        $null = Write-LogFile b.csv "Ticket,Moved,Lane`nT-2,2026-02-02,Build`nT-2,2026-02-03,Done`n" -Folder $folder

        $byWildcard = Import-WorkItemLog "$folder/*.csv" -IdColumn Ticket -TimestampColumn Moved -StatusColumn Lane
        $byPipeline = [System.IO.DirectoryInfo]::new($folder).GetFiles('b.csv') | Import-WorkItemLog -IdColumn ticket -TimestampColumn moved -StatusColumn lane
        $byPsPath = [pscustomobject]@{ PSPath = "$folder/b.csv" } | Import-WorkItemLog -IdColumn ticket -TimestampColumn moved -StatusColumn lane

        Get-EventLine $byPsPath | Should -BeExactly (Get-EventLine $byPipeline)
        $byWildcard.EventCount | Should -Be 1, 2
        Get-EventLine $byPipeline | Should -BeExactly 'T-2 2026-02-02T00:00 Build', 'T-2 2026-02-03T00:00 Done'
    }

    It 'reads wide form and JSON lines' {
        $wide = Write-LogFile wide.csv "ID,Title,Ready,Build,Done`nA,x,2026-01-01,2026-01-02,`n"
        $jsonl = Write-LogFile log.jsonl "{`"key`":`"J-1`",`"created`":`"2026-01-05T10:00:00Z`",`"status`":`"Build`"}`n"

        $logs = Import-WorkItemLog -LiteralPath $wide, $jsonl
        $forced = @(Import-WorkItemLog $wide -Format Wide -StageColumn Build)

        Get-EventLine $logs[0] | Should -BeExactly 'A 2026-01-01T00:00 Ready', 'A 2026-01-02T00:00 Build'
        Get-EventLine $logs[1] | Should -BeExactly 'J-1 2026-01-05T10:00 Build'
        $forced.Count | Should -Be 1
        Get-EventLine $forced[0] | Should -BeExactly 'A 2026-01-02T00:00 Build'
    }

    It 'writes a non-terminating error for a missing file and still reads the others' {
        $path = Write-LogFile ok.csv "id,date,status`nA,2026-01-01,Build`n"

        $logs = @(Import-WorkItemLog "$TestDrive/missing.csv", $path -ErrorAction SilentlyContinue -ErrorVariable missing)
        $null = Import-WorkItemLog -LiteralPath "$TestDrive/missing[1].csv" -ErrorAction SilentlyContinue -ErrorVariable literal

        $logs.Count | Should -Be 1
        $missing.Count | Should -Be 1
        $missing[0].FullyQualifiedErrorId | Should -BeExactly 'WorkItemLogFileNotFound,ConstraintTools.PowerShell.ImportWorkItemLogCommand'
        $missing[0].Exception.Message | Should -BeLikeExactly '*missing.csv*'
        $literal.Count | Should -Be 1
        $literal[0].CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::ObjectNotFound)
    }

    It 'writes an error naming the columns of a file without the columns it needs' {
        $path = Write-LogFile odd.csv "when,what`n2026-01-01,x`n"

        $logs = @(Import-WorkItemLog $path -ErrorAction SilentlyContinue -ErrorVariable refused)

        $logs.Count | Should -Be 0
        $refused.Count | Should -Be 1
        $refused[0].FullyQualifiedErrorId | Should -BeExactly 'InvalidWorkItemLog,ConstraintTools.PowerShell.ImportWorkItemLogCommand'
        $refused[0].Exception.Message | Should -BeLikeExactly "*'when', 'what'*"
    }

    It 'says with -Verbose which form and columns it detected, and the log keeps them' {
        $path = Write-LogFile detected.csv $LongCsv

        $all = Import-WorkItemLog $path -Verbose -WarningAction SilentlyContinue 4>&1

        $verbose = @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        $verbose -ccontains "${path}: long form (a row per status change): id 'Issue key', timestamp 'Changed', status 'To Status'; give -IdColumn, -TimestampColumn, -StatusColumn or -Format to read it otherwise" | Should -BeTrue
        $log = @($all | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
        $log.Count | Should -Be 1
        $log[0].Form.ToString(), $log[0].IdColumn, $log[0].TimestampColumn, $log[0].StatusColumn | Should -BeExactly 'Long', 'Issue key', 'Changed', 'To Status'
    }

    It 'reads dates in the clock of -TimeZone and writes an error for an unknown zone' {
        $path = Write-LogFile zone.csv "Key,Date,Status`nF-1,2026-03-23,Open`n"

        $log = Import-WorkItemLog $path -TimeZone Europe/Berlin
        $converted = [pscustomobject]@{ Key = 'F-1'; Date = '2026-03-23'; Status = 'Open' } | ConvertTo-WorkItemLog -TimeZone '+01:00'

        $log.TimeZone.Id | Should -BeExactly 'Europe/Berlin'
        Get-EventLine $log | Should -BeExactly 'F-1 2026-03-22T23:00 Open'
        Get-EventLine $converted | Should -BeExactly 'F-1 2026-03-22T23:00 Open'
        { Import-WorkItemLog $path -TimeZone Mars/Olympus } | Should -Throw -ExpectedMessage "*there is no time zone 'Mars/Olympus'; give a zone id such as 'Europe/Berlin'*"
    }

    It 'leaves items excluded by -ExcludeStatus and -ExcludeResolution out of throughput and says which as it reads' {
        $path = Write-LogFile issues.csv @'
Key,Changed,Status,state_reason
G-1,2026-01-05,Open,
G-1,2026-01-07,closed,completed
G-2,2026-01-05,Open,
G-2,2026-01-06,closed,not_planned
G-3,2026-01-06,Open,
G-3,2026-01-08,Won't Do,
'@
        $yaml = Write-LogFile issues.yaml @'
name: Issues
doneStates: [closed]
stages:
  - name: Work
    states: [Open]
'@

        $all = Import-WorkItemLog $path -ExcludeStatus "won't do" -ExcludeResolution NOT_PLANNED -Verbose 4>&1
        $log = @($all | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
        $summary = $log | Measure-Flow -Workflow $yaml -Summary
        $fromRows = Import-Csv $path | ConvertTo-WorkItemLog -ExcludeStatus "Won't Do" -ExcludeResolution not_planned -ResolutionColumn state_reason

        # What the header showed is said as the read goes on, once the whole file is read what was excluded too; a
        # file this small is read before the first says.
        @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message) |
            Should -BeExactly "${path}: long form (a row per status change): id 'Key', timestamp 'Changed', status 'Status', resolution 'state_reason'; excluded 2 items from throughput and lead time (1 whose final status is Won't Do, 1 whose resolution is not_planned); give -IdColumn, -TimestampColumn, -StatusColumn or -Format to read it otherwise"
        $log.Count | Should -Be 1
        $log[0].ExcludedItemCount | Should -Be 2
        $log[0].ExcludedItems -join ' ' | Should -BeExactly 'G-2 G-3'
        # G-1 alone finished, in 2 days; G-2 closed as not planned and G-3 won't be done.
        $summary.Finished | Should -Be 1
        $summary.LeadTime.TotalDays | Should -Be 2
        $fromRows.ExcludedItems -join ' ' | Should -BeExactly 'G-2 G-3'
    }

    It 'stops at a -ResolutionColumn without resolutions to exclude, and names the columns when the resolution column is missing' {
        $path = Write-LogFile plain.csv "Key,Changed,Status`nG-1,2026-01-05,Open`n"
        $ErrorActionPreference = 'Continue'

        $caught = try { Import-WorkItemLog $path -ResolutionColumn Reason; 'not stopped' } catch { $_ }
        $null = Import-WorkItemLog $path -ExcludeResolution Duplicate -ErrorAction SilentlyContinue -ErrorVariable missing

        # Caught without -ErrorAction Stop: a terminating error.
        $caught | Should -BeOfType ([System.Management.Automation.ErrorRecord])
        $caught.FullyQualifiedErrorId | Should -BeExactly 'ResolutionColumnWithoutExcludeResolution,ConstraintTools.PowerShell.ImportWorkItemLogCommand'
        $caught.Exception.Message | Should -BeExactly "-ResolutionColumn 'Reason' names the column -ExcludeResolution matches; give the resolutions to exclude too, e.g. -ExcludeResolution `"Won't Do`", Duplicate."
        $missing.Count | Should -Be 1
        $missing[0].FullyQualifiedErrorId | Should -BeExactly 'InvalidWorkItemLog,ConstraintTools.PowerShell.ImportWorkItemLogCommand'
        $missing[0].ToString() | Should -BeLikeExactly "${path}: no resolution column found among 'Key', 'Changed', 'Status'; name it with ResolutionColumn*"
    }

    It 'imports XES, refuses a DTD with an error naming file and line, and suggests XES too for a folder' {
        $folder = Join-Path $TestDrive xes
        $xes = Write-LogFile cases.xes -Folder $folder @'
<log><trace><string key="concept:name" value="K1"/>
  <event><string key="concept:name" value="Register"/><date key="time:timestamp" value="2026-01-05T08:00:00Z"/></event>
  <event><string key="concept:name" value="Decide"/><date key="time:timestamp" value="2026-01-06T08:00:00Z"/></event>
</trace></log>
'@
        $dtd = Write-LogFile dtd.xes "<?xml version=`"1.0`"?>`n<!DOCTYPE log>`n<log/>`n" -Folder $folder

        $logs = @(Import-WorkItemLog $xes, $dtd, $folder -ErrorAction SilentlyContinue -ErrorVariable refused)

        $logs.Count | Should -Be 1
        Get-EventLine $logs[0] | Should -BeExactly 'K1 2026-01-05T08:00 Register', 'K1 2026-01-05T08:00 Decide', 'K1 2026-01-06T08:00 (end)'
        $logs[0].Form.ToString() | Should -BeExactly 'EventLog'
        $refused.FullyQualifiedErrorId | Should -BeExactly 'InvalidWorkItemLog,ConstraintTools.PowerShell.ImportWorkItemLogCommand', 'WorkItemLogPathIsDirectory,ConstraintTools.PowerShell.ImportWorkItemLogCommand'
        $refused[0].ToString() | Should -BeLikeExactly "${dtd}:2: the document has a DTD (<!DOCTYPE …>), which is refused*"
        $refused[1].ToString() | Should -BeExactly "'$folder' is a directory; give the log files in it, e.g. '$folder/*.csv' or '$folder/*.xes'."
    }

    It 'renders the log as a table' {
        $path = Write-LogFile changes.csv $LongCsv

        $lines = Import-WorkItemLog $path -WarningAction SilentlyContinue | Format-Table -View Wide | Get-Rendered -Width 200

        @($lines -cmatch '^Source') | Should -MatchExactly '^Source\s+Items\s+Events\s+Skipped\s+First\s+Last\s+Duplicates$'
        @($lines -cmatch '^Source').Count | Should -Be 1
        @($lines -cmatch '^changes\.csv') | Should -MatchExactly '^changes\.csv\s+2\s+3\s+1\s+2026-01-01 08:00Z\s+2026-01-03 09:00Z\s+1$'
        @($lines -cmatch '^changes\.csv').Count | Should -Be 1
    }
}

Describe 'Import-WorkItemLog -TimestampFormat' {
    It 'stops a script run with -ErrorAction Stop at a log whose every row is skipped' {
        $us = Write-LogFile us.csv $UsCsv

        $caught = try { Import-WorkItemLog $us; 'not stopped' } catch { $_ }

        $caught.FullyQualifiedErrorId | Should -BeExactly 'WorkItemLogHasNoUsableRow,ConstraintTools.PowerShell.ImportWorkItemLogCommand'
        $caught.CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::InvalidData)
        $caught.TargetObject | Should -BeExactly $us
        $caught.Exception.Message | Should -BeExactly "${us}: none of the 3 rows could be read; the first: ${us}:2: column 'Changed': '6/1/2026 8:00 AM' is not a date ($Expected); give -TimestampFormat 'M/d/yyyy h:mm tt'"
    }

    It 'still reads the other files of a pipeline' {
        $folder = Join-Path $TestDrive german
        $german = Write-LogFile de.csv "Id,Changed,Status`nA,01.06.2026,Doing`n" -Folder $folder
        $null = Write-LogFile good.csv "Id,Changed,Status`nA,2026-06-01,Doing`n" -Folder $folder

        $sources = @(Import-WorkItemLog "$folder/*.csv" -ErrorAction SilentlyContinue -ErrorVariable refused | ForEach-Object Source)

        $sources | Should -BeExactly (Join-Path $folder good.csv)
        $refused.Count | Should -Be 1
        $refused[0].ToString() | Should -BeExactly "${german}: its one row could not be read: ${german}:2: column 'Changed': '01.06.2026' is not a date ($Expected); give -TimestampFormat 'd.M.yyyy'"
    }

    It 'reads them as UTC unless they have an offset' {
        $us = Write-LogFile us.csv $UsCsv
        $german = Write-LogFile de.csv "Id,Changed,Status`nA,01.06.2026,Doing`nA,`"02.06.2026 14:30 +02:00`",Done`n"

        $fromUs = Import-WorkItemLog $us -TimestampFormat 'M/d/yyyy h:mm tt'
        $fromGerman = Import-WorkItemLog $german -TimestampFormat 'dd.MM.yyyy', 'dd.MM.yyyy HH:mm zzz'

        Get-EventLine $fromUs 'yyyy-MM-ddTHH:mm:ss.fff' | Should -BeExactly 'A 2026-06-01T08:00:00.000 Doing', 'A 2026-06-02T13:30:00.000 Done', 'B 2026-06-01T09:00:00.000 Doing'
        Get-EventLine $fromGerman 'yyyy-MM-ddTHH:mm:ss.fff' | Should -BeExactly 'A 2026-06-01T00:00:00.000 Doing', 'A 2026-06-02T12:30:00.000 Done'
    }

    It 'tries a format given before ISO 8601' {
        $path = Write-LogFile ydm.csv "Id,Changed,Status`nA,2026-01-02,Doing`n"

        $log = @(Import-WorkItemLog $path -TimestampFormat 'yyyy-dd-MM')

        $log.Count | Should -Be 1
        Get-EventLine $log[0] 'yyyy-MM-ddTHH:mm:ss.fff' | Should -BeExactly 'A 2026-02-01T00:00:00.000 Doing'
    }

    It 'reads epoch seconds and milliseconds without a format' {
        $path = Write-LogFile epoch.csv "Id,Changed,Status`nA,1780300800,Doing`nA,1780304400123,Done`nB,999999999,Doing`n"

        $fromFile = Import-WorkItemLog $path
        $fromObject = ConvertTo-WorkItemLog -InputObject @{ Id = 'C'; Changed = [long]1780300800000; Status = 'Doing' }

        Get-EventLine $fromFile 'yyyy-MM-ddTHH:mm:ss.fff' | Should -BeExactly 'A 2026-06-01T08:00:00.000 Doing', 'A 2026-06-01T09:00:00.123 Done', 'B 2001-09-09T01:46:39.000 Doing'
        Get-EventLine $fromObject 'yyyy-MM-ddTHH:mm:ss.fff' | Should -BeExactly 'C 2026-06-01T08:00:00.000 Doing'
    }
}
