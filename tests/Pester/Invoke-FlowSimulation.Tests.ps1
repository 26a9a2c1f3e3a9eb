BeforeAll { . $PSScriptRoot/Common.ps1 }

Describe 'Invoke-FlowSimulation' {
    BeforeAll {
        $w = Import-Workflow (Join-Path $Examples 'support-desk.yaml')
        $id = 'ConstraintTools.PowerShell.InvokeFlowSimulationCommand'
    }

    It 'writes each stage, and with -Summary only the summary' {
        $stages = @($w | Invoke-FlowSimulation -Duration 20w -Replications 4)
        $summaries = @($w | Invoke-FlowSimulation -Duration 20w -Replications 4 -Summary)

        $stages.ForEach({ $_.PSObject.TypeNames[0] }) | Should -Be (@('ConstraintTools.SimulatedStage') * 4)
        $stages[2].Stage, $stages[2].IsConstraint, $stages[2].Replications | Should -Be 'Fix', $true, 4
        $summaries.ForEach({ $_.PSObject.TypeNames[0] }) | Should -Be 'ConstraintTools.SimulationSummary'
        $summary = $summaries[0]
        $summary.Replications, $summary.Seed, $summary.Duration, $summary.WarmUp, $summary.Constraint |
            Should -Be 4, 1, ([timespan]::FromDays(140)), ([timespan]::FromDays(14)), 'Fix'
        $summary.DurationHours, $summary.WarmUpHours | Should -Be 3360, 336
        $summary.ThroughputHalfWidthPerWeek | Should -Not -BeNullOrEmpty
    }

    It 'declares one output type for each parameter set' {
        $command = Get-Command Invoke-FlowSimulation
        $declared = $command.ImplementingType.GetCustomAttributes([System.Management.Automation.OutputTypeAttribute], $false) |
            ForEach-Object { '{0}: {1}' -f ($_.ParameterSetName -join ','), ($_.Type.Name -join ',') }

        $command.DefaultParameterSet | Should -Be 'Stages'
        $declared | Sort-Object | Should -Be 'Log: ConstraintTools.WorkItemLog', 'Stages: ConstraintTools.SimulatedStage',
            'Summary: ConstraintTools.SimulationSummary', 'TimeSeries: ConstraintTools.WipSample'
    }

    It 'writes with -AsLog the log of one replication that the log cmdlets read as the model says and whose events read back as the same log' {
        $cr = Import-Workflow (Join-Path $Examples 'code-review.yaml')
        $log = $cr | Invoke-FlowSimulation -AsLog -Duration 26w -Start 2026-01-05 -Seed 3

        $log.PSObject.TypeNames[0] | Should -Be 'ConstraintTools.WorkItemLog'
        $log.Source | Should -Be 'simulated Feature delivery, replication 1 of seed 3'
        $log.FirstEventUtc | Should -BeGreaterOrEqual ([datetime]::new(2026, 1, 5, 0, 0, 0, [DateTimeKind]::Utc))
        $log.FirstEventUtc | Should -BeLessOrEqual ([datetime]::new(2026, 1, 12, 0, 0, 0, [DateTimeKind]::Utc))
        $log.LastEventUtc | Should -BeGreaterOrEqual ([datetime]::new(2026, 6, 22, 0, 0, 0, [DateTimeKind]::Utc))
        $log.LastEventUtc | Should -BeLessOrEqual ([datetime]::new(2026, 7, 6, 0, 0, 0, [DateTimeKind]::Utc))
        (Find-Constraint -Workflow $cr -Log $log).Constraint | Should -Be 'Review'
        ($log.Events | ConvertTo-WorkItemLog -IdColumn ItemId -TimestampColumn TimestampUtc).EventCount | Should -Be $log.EventCount
        @($cr | Invoke-FlowSimulation -AsLog -Duration 4w -Replications 3).Count | Should -Be 3
    }

    It 'takes no parameter of the figures with -AsLog, and -Summary and -TimeSeries not together' {
        $asLog = try { $w | Invoke-FlowSimulation -AsLog -TimeSeries; 'ran' } catch { $_.FullyQualifiedErrorId }
        $both = try { $w | Invoke-FlowSimulation -Summary -TimeSeries; 'ran' } catch { $_.FullyQualifiedErrorId }

        $asLog | Should -Be "AmbiguousParameterSet,$id"
        $both | Should -Be "AmbiguousParameterSet,$id"
    }

    It 'gives the same figures for the same seed' {
        $run = { param($seed) $w | Invoke-FlowSimulation -Duration 10w -Replications 3 -Seed $seed -Summary | ForEach-Object { '{0:R} {1} {2:R}' -f $_.ThroughputPerWeek, $_.LeadTimeP85, $_.Wip } }
        $first = @(& $run 9)
        $second = @(& $run 9)
        $other = @(& $run 10)

        $first.Count | Should -Be 1
        $second | Should -Be $first
        $other | Should -Not -Be $first[0]
    }

    It 'writes with -TimeSeries alone each stage''s WIP at every sample' {
        $samples = @($w | Invoke-FlowSimulation -Duration 10w -Replications 2 -TimeSeries -SampleInterval 1w)

        # Samples at 0, 1, …, 10 weeks: 11 per replication and stage.
        $samples.Count | Should -Be (2 * 11 * 4)
        @($samples.ForEach({ $_.PSObject.TypeNames[0] }) | Select-Object -Unique) | Should -Be 'ConstraintTools.WipSample'
        $samples[4].Replication, $samples[4].Time, $samples[4].Stage | Should -Be 1, ([timespan]::FromDays(7)), 'Triage'
        $samples[4].TimeHours | Should -Be 168
        $samples[0].Wip | Should -Be 0
    }

    It 'refuses a sample interval of a tick before any work' {
        $refused = try { $w | Invoke-FlowSimulation -TimeSeries -SampleInterval ([timespan]1); 'ran' } catch { $_ }

        $refused.FullyQualifiedErrorId | Should -Be "TooManyWipSamples,$id"
        $refused.CategoryInfo.Category | Should -Be 'InvalidArgument'
        # 52 weeks are 314,496,000,000,000 ticks: one sample at 0 and one at each tick, in each of 10 replications.
        $refused.Exception.Message | Should -BeExactly ('Sampling the WIP every 100ns over 52w would keep 3,144,960,000,000,010 samples (314,496,000,000,001 instants × 10 replications × 1 stage), ' +
            'more than the 2,000,000 allowed; sample every 3m or less often, or run fewer replications.')
    }

    It 'refuses an interval too fine for a workflow''s stages for that workflow alone' {
        # Every 5 minutes for 52 weeks: 104,833 instants, 1,048,330 samples for one stage but four times that for the desk's four.
        $output = @($w | Invoke-FlowSimulation -TimeSeries -SampleInterval 5m -ErrorVariable failures -ErrorAction SilentlyContinue; 'next')

        $output | Should -Be 'next'
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be "TooManyWipSamples,$id"
        $failures[0].Exception.Message | Should -BeLike '*would keep 4,193,320 samples (104,833 instants × 10 replications × 4 stages)*'
    }

    It 'renders the stages with their half-widths' {
        $text = ($w | Invoke-FlowSimulation -Duration 20w -Replications 4 | Get-Rendered -Width 200) -join "`n"

        $stages = @($w | Invoke-FlowSimulation -Duration 20w -Replications 4)
        $wide = ($stages | Format-Table -View Wide | Get-Rendered -Width 200) -join "`n"

        $text | Should -Match ([regex]::Escape('Stage          Role                Util      Done/wk             Wait'))
        $text | Should -Match 'Fix\s+CONSTRAINT\s+\d+\.\d% ±\d+\.\d%'
        # The peak WIP is in the Wide view, last.
        $peak = ($stages | Where-Object Stage -eq Fix).MaxWip
        $wide | Should -Match "Fix\s+CONSTRAINT\s+\d+\.\d% ±\d+\.\d%.*\s$peak(\n|$)"
    }

    It 'stops on bad arguments and reports a bad workflow' {
        $warmUp = try { $w | Invoke-FlowSimulation -Duration 4w -WarmUp 4w } catch { $_.FullyQualifiedErrorId }
        $output = @([ConstraintTools.Workflow]::new('Empty') | Invoke-FlowSimulation -Duration 1w -ErrorVariable bad -ErrorAction SilentlyContinue; 'next')
        $w | Invoke-FlowSimulation -Duration 1000000w -Replications 100 -ErrorVariable tooLong -ErrorAction SilentlyContinue

        $warmUp | Should -Be "InvalidWarmUp,$id"
        $output[-1] | Should -Be 'next'
        $bad.Count | Should -Be 1
        $bad[0].FullyQualifiedErrorId | Should -Be "InvalidWorkflow,$id"
        $tooLong.Count | Should -Be 1
        $tooLong[0].FullyQualifiedErrorId | Should -Be "SimulationTooLong,$id"
    }

    It 'stops the simulation when the pipeline is stopped' {
        $shell = [powershell]::Create()
        try {
            # Hours of work if it ran to the end; it must stop as soon as the pipeline is stopped.
            $null = $shell.AddScript("Import-Module '$(Join-Path $RepoRoot 'out/ConstraintTools/ConstraintTools.psd1')' -ErrorAction Stop; Import-Workflow '$(Join-Path $Examples 'support-desk.yaml')' | Invoke-FlowSimulation -Duration 100000w -Replications 64")
            $null = Register-ObjectEvent -InputObject $shell.Streams.Progress -EventName DataAdded -SourceIdentifier SimulationProgress
            $invocation = $shell.BeginInvoke()
            Wait-Event -SourceIdentifier SimulationProgress -Timeout 120 | Should -Not -BeNullOrEmpty -Because 'the simulation reports progress once it runs'
            $stop = $shell.BeginStop($null, $null)

            $stop.AsyncWaitHandle.WaitOne([timespan]::FromMinutes(2)) | Should -BeTrue -Because 'the simulation stops'
            $shell.InvocationStateInfo.State | Should -Be 'Stopped'
            $invocation.IsCompleted | Should -BeTrue
        }
        finally {
            Unregister-Event -SourceIdentifier SimulationProgress -ErrorAction SilentlyContinue
            Get-Event -SourceIdentifier SimulationProgress -ErrorAction SilentlyContinue | Remove-Event
            $shell.Dispose()
        }
    }
}
