BeforeAll {
    . $PSScriptRoot/Common.ps1
    . $PSScriptRoot/LogHelpers.ps1
    # An error no test asks for fails the test it is written in.
    $ErrorActionPreference = 'Stop'

    # A generated log, as CSV and as JSON lines, big enough that reading it or measuring it again and again takes a
    # while: about 430,000 status changes, 17 MB of CSV, well past the 4 MB from which Import-WorkItemLog shows
    # progress. The statuses are examples/delivery-log.yaml's, in the order an item passes them; one item in ten is
    # still in Testing when the log ends, so that Get-WorkItemAge has open items.
    $statuses = 'To Do', 'Analysis', 'Ready for Dev', 'In Progress', 'Ready for Review', 'In Review', 'Ready for Test', 'Testing', 'Ready to Deploy', 'Deploying', 'Done'
    $LargeCsv = Join-Path $TestDrive large.csv
    $LargeJsonLines = Join-Path $TestDrive large.jsonl
    $start = [datetime]::new(2026, 1, 5, 0, 0, 0, [DateTimeKind]::Utc)
    $utf8 = [System.Text.UTF8Encoding]::new($false)
    $csv = [System.IO.StreamWriter]::new($LargeCsv, $false, $utf8, 65536)
    $json = [System.IO.StreamWriter]::new($LargeJsonLines, $false, $utf8, 65536)
    try {
        $csv.Write("Key,Changed,To`n")
        for ($item = 0; $item -lt 40000; $item++) {
            $steps = if ($item % 10 -eq 9) { $statuses.Count - 3 } else { $statuses.Count }
            for ($step = 0; $step -lt $steps; $step++) {
                $changed = $start.AddMinutes($item * 10 + $step * 90).ToString('yyyy-MM-ddTHH:mm:ssZ', [cultureinfo]::InvariantCulture)
                $csv.Write("D-$item,$changed,$($statuses[$step])`n")
                $json.Write("{`"key`":`"D-$item`",`"changed`":`"$changed`",`"to`":`"$($statuses[$step])`"}`n")
            }
        }
    }
    finally {
        $csv.Dispose()
        $json.Dispose()
    }

    # Runs the script in a shell of its own, with the variables given, until the first record of the stream named.
    function Start-Until {
        param([string] $Script, [ValidateSet('Progress', 'Output')] [string] $Stream, [hashtable] $Variables = @{})
        $shell = New-ModuleShell
        foreach ($name in $Variables.Keys) { $shell.Runspace.SessionStateProxy.SetVariable($name, $Variables[$name]) }
        $null = $shell.AddScript($Script)
        $in = [System.Management.Automation.PSDataCollection[psobject]]::new()
        $in.Complete()
        $out = [System.Management.Automation.PSDataCollection[psobject]]::new()
        # Assigned, not the value of an if, which would enumerate the empty collection.
        $source = $out
        if ($Stream -eq 'Progress') { $source = $shell.Streams.Progress }
        $id = [guid]::NewGuid().ToString()
        $null = Register-ObjectEvent -InputObject $source -EventName DataAdded -SourceIdentifier $id
        try {
            $invocation = $shell.BeginInvoke($in, $out)
            Wait-Event -SourceIdentifier $id -Timeout 60 | Should -Not -BeNullOrEmpty -Because 'the command is to write something to stop it on'
        }
        finally {
            Unregister-Event -SourceIdentifier $id
            Remove-Event -SourceIdentifier $id -ErrorAction SilentlyContinue
        }
        [pscustomobject]@{ Shell = $shell; Invocation = $invocation; Output = $out }
    }
}

# Ctrl+C: a long cmdlet stops once the pipeline is stopped. Each test stops the pipeline on the cmdlet's first
# progress record or first output and waits, with a generous limit, for it to end Stopped.
Describe 'Stopping a log cmdlet' {
    It 'stops Import-WorkItemLog while it reads <Name>' -ForEach @(
        @{ Name = 'CSV'; File = 'large.csv' }
        @{ Name = 'JSON lines'; File = 'large.jsonl' }
    ) {
        $run = Start-Until 'Import-WorkItemLog -LiteralPath $path' -Stream Progress -Variables @{ path = Join-Path $TestDrive $File }

        Stop-ModuleShell $run.Shell $run.Invocation

        $run.Output | Should -BeNullOrEmpty
    }

    # The logs, or workflows, are one argument, so that the cmdlet itself, not the pipeline feeding it, must stop
    # going through them: the large log a hundred thousand times, hours of work if a cmdlet went on after the stop.
    Context 'given many inputs' {
        BeforeAll {
            $w = Import-Workflow (Join-Path $Examples delivery-log.yaml)
            $many = @{ logs = @(Import-WorkItemLog -LiteralPath $LargeCsv) * 100000; w = $w; ws = @($w) * 100000 }
        }

        It 'stops <Command> after its first output' -ForEach @(
            @{ Command = 'Measure-Flow -Log $logs -Workflow $w' }
            @{ Command = 'Find-Constraint -Log $logs -Workflow $w' }
            @{ Command = 'Get-CumulativeFlow -Log $logs -Workflow $w' }
            @{ Command = 'Get-WorkItemAge -Log $logs -Workflow $w' }
            @{ Command = 'ConvertTo-Workflow -Log $logs -Workflow $w' }
            @{ Command = 'Get-Forecast -Log $logs -Workflow $w -Items 1000' }
            @{ Command = 'Invoke-FlowSimulation -Workflow $ws -Duration 12w -Replications 2' }
        ) {
            $run = Start-Until $Command -Stream Output -Variables $many

            Stop-ModuleShell $run.Shell $run.Invocation
        }
    }
}
