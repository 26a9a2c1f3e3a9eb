# Dot-sourced after Common.ps1 by the test files of the log cmdlets: log files written to $TestDrive, a log's events
# as text to compare, and the small tracker log whose figures the tests work out by hand.

# Writes a file under $TestDrive (or a folder of it), with Unix line breaks whatever this file's are, and gives its path.
function script:Write-LogFile {
    param([Parameter(Mandatory)] [string] $Name, [Parameter(Mandatory)] [string] $Text, [string] $Folder = $TestDrive)
    $null = New-Item -ItemType Directory -Path $Folder -Force
    $path = Join-Path $Folder $Name
    [System.IO.File]::WriteAllText($path, $Text.Replace("`r`n", "`n"))
    $path
}

# Each event of a log as "item time status", the time in UTC to the format.
function script:Get-EventLine {
    param([Parameter(Mandatory)] $Log, [string] $Format = 'yyyy-MM-ddTHH:mm')
    @($Log.Events | ForEach-Object { '{0} {1} {2}' -f $_.ItemId, $_.TimestampUtc.ToString($Format, [cultureinfo]::InvariantCulture), $_.Status })
}

# The tracker's log: 5 items from 5 January 2026 00:00 to 6 January 10:00 UTC (A finishes on the 5th, D and B on
# the 6th; C waits in To Review, E is Blocked), and its workflow.
function script:New-TrackerLog {
    $t0 = [DateTimeOffset]'2026-01-05T00:00:00Z'
    $b = [ConstraintTools.WorkItemLogBuilder]::new()
    $b.Source = 'tracker'
    $rows = 'E,30,Ready', 'E,32,Blocked',
        'A,0,Ready', 'A,2,In Progress', 'A,10,To Review', 'A,12,Reviewing', 'A,16,Done',
        'B,4,Ready', 'B,6,In Progress', 'B,8,Blocked', 'B,12,In Progress', 'B,20,To Review',
        'B,22,Reviewing', 'B,24,In Progress', 'B,30,To Review', 'B,31,Reviewing', 'B,34,Done',
        'C,26,To Review', 'C,10,Ready', 'C,14,In Progress', 'C,14,In Progress',
        'D,1,Ready', 'D,3,In Progress', 'D,9,Done', 'D,18,In Progress', 'D,28,Done'
    foreach ($row in $rows) { $id, $hours, $status = $row -split ','; $b.Add($id, $t0.AddHours([double]$hours), $status) }
    $b.Build()
}

function script:New-TrackerWorkflow {
    New-Workflow -Name Delivery -Stage (New-WorkflowStage -Name Dev -Servers 2 -Queue Ready -States 'In Progress'), (New-WorkflowStage -Name Review -Queue 'To Review' -States Reviewing) -DoneStates Done
}

# A PowerShell of its own runspace, the staged module imported, for the tests that stop a running pipeline as Ctrl+C
# does (BeginStop); Pester's own pipeline cannot be stopped without ending the test run.
function script:New-ModuleShell {
    $state = [initialsessionstate]::CreateDefault2()
    $state.ImportPSModule((Join-Path $RepoRoot 'out/ConstraintTools/ConstraintTools.psd1'))
    [powershell]::Create($state)
}

# Stops the shell's running pipeline as Ctrl+C does, and checks that it ended Stopped, within a generous minute. A
# pipeline that does not stop is left running (disposing of it would wait for it), so that its test fails instead of
# hanging the run.
function script:Stop-ModuleShell {
    param([Parameter(Mandatory)] [powershell] $Shell, [Parameter(Mandatory)] [System.IAsyncResult] $Invocation)
    $stop = $Shell.BeginStop($null, $null)
    $stop.AsyncWaitHandle.WaitOne([timespan]::FromSeconds(60)) | Should -BeTrue -Because 'the pipeline is to stop within 60 s'
    $Invocation.IsCompleted | Should -BeTrue
    $Shell.InvocationStateInfo.State | Should -Be ([System.Management.Automation.PSInvocationState]::Stopped)
    $ended = try { $Shell.EndInvoke($Invocation); 'ended' } catch { $_.Exception.InnerException }
    $ended | Should -BeOfType ([System.Management.Automation.PipelineStoppedException])
    $Shell.Streams.Error | Should -BeNullOrEmpty
    $Shell.Dispose()
}

# A log at both ends of the calendar, 0001-01-01 and 9999-12-31 (A finishes on the first day, C on the last, B is
# open), where DateTime arithmetic past either end threw .NET's range errors, and its one-stage workflow.
function script:New-CalendarEdgeLog {
    $b = [ConstraintTools.WorkItemLogBuilder]::new()
    $b.Source = 'ages'
    $b.Add('A', [DateTimeOffset]::MinValue, 'Doing')
    $b.Add('A', [DateTimeOffset]::MinValue.AddDays(1), 'Done')
    $b.Add('B', [DateTimeOffset]'5000-01-01T00:00:00Z', 'Doing')
    $b.Add('C', [DateTimeOffset]'9999-12-30T00:00:00Z', 'Doing')
    $b.Add('C', [DateTimeOffset]::MaxValue, 'Done')
    $b.Build()
}

function script:New-CalendarEdgeWorkflow {
    New-Workflow -Name W -Stage (New-WorkflowStage -Name Doing -States Doing) -DoneStates Done
}

# A long-form export with what real ones hold: a quoted comma, three offsets, a duplicate row and a bad date.
$script:LongCsv = @'
Issue key,Summary,Changed,To Status
A-1,"Login, SSO",2026-01-01T09:00:00+01:00,Build
A-1,"Login, SSO",2026-01-03T09:00:00Z,Review
A-2,Export,2026-01-02T10:00:00-05:00,Build
A-1,"Login, SSO",2026-01-01T09:00:00+01:00,Build
A-2,Export,someday,Review
'@
