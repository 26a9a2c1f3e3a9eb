BeforeAll { . $PSScriptRoot/Common.ps1 }

# Every output type goes through the utility cmdlets a runbook reaches for, and its figures come back usable: each
# duration has a number of hours beside it, each list a text that Export-Csv keeps, each date an ISO 8601 instant in
# JSON. Depth is what ConvertTo-Json needs to write the type without a warning, one object or many: the default, 2, for
# the flat types; 5 for those holding other objects (the README says so).
BeforeDiscovery {
    . $PSScriptRoot/Common.ps1
    $cases = @(
        @{ Type = 'ConstraintReport'; Key = 'Constraint'; Depth = 5; Command = { $w, (Import-Workflow (Join-Path $Examples 'code-review.yaml')), (Import-Workflow (Join-Path $Examples 'support-desk.yaml')) | Find-Constraint } }
        @{ Type = 'StageMetrics'; Key = 'Stage'; Depth = 2; Command = { $w | Measure-Workflow } }
        @{ Type = 'ImprovementResult'; Key = 'Stage'; Depth = 5; Command = { $w | Measure-Improvement 'Code Review' -Servers 3 } }
        @{ Type = 'ConstraintStep'; Key = 'Stage'; Depth = 2; Command = { Import-Workflow (Join-Path $Examples 'ai-coding.yaml') | Get-ConstraintPath -TargetThroughput 10/week -WarningAction SilentlyContinue } }
        @{ Type = 'AuditFinding'; Key = 'Rule'; Depth = 2; Command = { $w | Test-Workflow } }
        @{ Type = 'StageFlow'; Key = 'Stage'; Depth = 2; Command = { $log | Measure-Flow -Workflow $w } }
        @{ Type = 'FlowSummary'; Key = 'Workflow'; Depth = 2; Command = { $log | Measure-Flow -Workflow $w -Summary } }
        @{ Type = 'FlowConstraintReport'; Key = 'Constraint'; Depth = 5; Command = { $log | Find-Constraint -Workflow $w } }
        @{ Type = 'ConstraintWindow'; Key = 'Constraint'; Depth = 5; Command = { $log | Find-Constraint -Workflow $w -Interval 2w } }
        @{ Type = 'StageLoad'; Key = 'Stage'; Depth = 2; Command = { ($log | Find-Constraint -Workflow $w).Loads } }
        @{ Type = 'StatusChange'; Key = 'Status'; Depth = 2; Command = { ($w | Invoke-FlowSimulation -Duration 4w -AsLog).Events } }
        @{ Type = 'CumulativeFlowPoint'; Key = 'Stage'; Depth = 2; Command = { $log | Get-CumulativeFlow -Workflow $w -Interval 1w } }
        @{ Type = 'WorkItemAge'; Key = 'Stage'; Depth = 2; Command = { $log | Get-WorkItemAge -Workflow $w } }
        @{ Type = 'SimulatedStage'; Key = 'Stage'; Depth = 2; Command = { $w | Invoke-FlowSimulation -Duration 8w -Replications 2 } }
        @{ Type = 'SimulationSummary'; Key = 'Constraint'; Depth = 5; Command = { $w | Invoke-FlowSimulation -Duration 8w -Replications 2 -Summary } }
        @{ Type = 'WipSample'; Key = 'Stage'; Depth = 2; Command = { $w | Invoke-FlowSimulation -Duration 8w -Replications 2 -TimeSeries -SampleInterval 1w } }
        @{ Type = 'Forecast'; Key = 'Question'; Depth = 2; Command = { $log | Get-Forecast -Workflow $w -Items 50 } }
        @{ Type = 'Workflow'; Key = 'Name'; Depth = 5; Command = { $w } }
        @{ Type = 'WorkflowStage'; Key = 'Name'; Depth = 5; Command = { $w.Stages } }
        @{ Type = 'WorkItemLog'; Key = 'Form'; Depth = 2; Command = { $log } }
    )
    foreach ($case in $cases) {
        $case.Enums = @(([type]"ConstraintTools.$($case.Type)").GetProperties() |
            Where-Object { $_.PropertyType.IsEnum -or [Nullable]::GetUnderlyingType($_.PropertyType).IsEnum } | ForEach-Object Name)
    }
}

Describe '<Type> composes' -ForEach $cases {
    BeforeAll {
        $w = Import-Workflow (Join-Path $Examples 'delivery-log.yaml')
        $log = Import-WorkItemLog (Join-Path $Examples 'delivery-log.csv')
        $objects = @(. $Command)
        $clrType = [type]"ConstraintTools.$Type"

        function Get-Plain([type] $t) { if ([Nullable]::GetUnderlyingType($t)) { [Nullable]::GetUnderlyingType($t) } else { $t } }
        $properties = $clrType.GetProperties()
        $numbers = @($properties | Where-Object { (Get-Plain $_.PropertyType) -in [int], [long], [double] } | ForEach-Object Name)
        $durations = @($properties | Where-Object { (Get-Plain $_.PropertyType) -eq [timespan] } | ForEach-Object Name)
        $dates = @($properties | Where-Object { (Get-Plain $_.PropertyType) -eq [datetime] } | ForEach-Object Name)
        $enums = @($properties | Where-Object { (Get-Plain $_.PropertyType).IsEnum } | ForEach-Object Name)
        $strings = @($properties | Where-Object { $_.PropertyType -in [string], [bool] } | ForEach-Object Name)
        $lists = @($properties | Where-Object { $_.PropertyType.IsGenericType -and $_.PropertyType.GetGenericTypeDefinition() -eq [System.Collections.Generic.IReadOnlyList`1] } | ForEach-Object Name)
        $scalars = $numbers + $durations + $dates + $enums + $strings

        # The same figure, whatever the trip made of it: $null stays $null, a number of any type compares as a double.
        function Test-Same($before, $after) {
            if ($null -eq $before) { return $null -eq $after -or "$after" -eq '' }
            # A deserialized enum is its number, with its name as its text.
            if ($before -is [enum]) { return $null -ne $after -and $before.ToString() -eq $after.ToString() }
            if ($before -is [double] -or $before -is [int] -or $before -is [long]) { return [double]$before -eq [double]$after }
            return $before -eq $after
        }
        function Get-Different($originals, $copies, [string[]] $names) {
            for ($i = 0; $i -lt $originals.Count; $i++) {
                foreach ($name in $names) {
                    if (-not (Test-Same $originals[$i].$name $copies[$i].$name)) { "[$i].$name`: $($originals[$i].$name) became $($copies[$i].$name)" }
                }
            }
        }
    }

    It 'is the only type its command writes' {
        $objects.Count | Should -BeGreaterThan 0
        @($objects | ForEach-Object { $_.GetType().FullName } | Select-Object -Unique) | Should -Be @("ConstraintTools.$Type")
    }

    It 'gives every duration a number of hours' {
        foreach ($name in $durations) {
            $clrType.GetProperty("${name}Hours") | Should -Not -BeNullOrEmpty -Because "$Type.$name needs a number"
            foreach ($o in $objects) { $o."${name}Hours" | Should -Be $o.$name.TotalHours }
        }
    }

    It 'selects its properties with Select-Object' {
        $selected = $objects | Select-Object -First 1 -Property (@($Key) + $numbers)
        $selected.$Key | Should -Be $objects[0].$Key
        Get-Different @($objects[0]) @($selected) $numbers | Should -BeNullOrEmpty
    }

    It 'sorts and groups by its properties' {
        $byKey = @($objects | Sort-Object -Property $Key)
        $byKey.Count | Should -Be $objects.Count
        for ($i = 1; $i -lt $byKey.Count; $i++) { "$($byKey[$i - 1].$Key)" -le "$($byKey[$i].$Key)" | Should -BeTrue }
        $groups = @($objects | Group-Object -Property $Key)
        ($groups | Measure-Object Count -Sum).Sum | Should -Be $objects.Count
        @($groups.Name | Select-Object -Unique).Count | Should -Be $groups.Count
    }

    It 'sums its numbers and durations with Measure-Object' {
        foreach ($name in $numbers + @($durations | ForEach-Object { "${_}Hours" })) {
            $values = @($objects | ForEach-Object { $_.$name } | Where-Object { $null -ne $_ } | ForEach-Object { [double]$_ })
            if ($values.Count -eq 0) { continue }
            $sum = 0.0; foreach ($v in $values) { $sum += $v }
            $measured = ($objects | Measure-Object -Property $name -Sum -ErrorAction Stop).Sum
            [math]::Abs($measured - $sum) -le 1e-9 * [math]::Max(1, [math]::Abs($sum)) | Should -BeTrue -Because "the $name of $($values.Count) objects sum to $sum, not $measured"
        }
    }

    It 'comes back from Export-Csv with numbers, hours and lists usable' {
        $csv = Join-Path $TestDrive "$Type.csv"
        $objects | Export-Csv -LiteralPath $csv -NoTypeInformation
        $rows = @(Import-Csv -LiteralPath $csv)

        $rows.Count | Should -Be $objects.Count
        $hours = @($durations | ForEach-Object { "${_}Hours" })
        for ($i = 0; $i -lt $rows.Count; $i++) {
            foreach ($name in $numbers + $hours) {
                $value = $objects[$i].$name
                if ($null -eq $value) { $rows[$i].$name | Should -BeNullOrEmpty }
                else { [double]::Parse($rows[$i].$name, [cultureinfo]::InvariantCulture) | Should -Be ([double]$value) -Because "$name of row $i" }
            }
            foreach ($name in $lists) {
                $rows[$i].$name | Should -Not -Match '^System\.|^ConstraintTools\.|\[\]$|`1' -Because "$name is a list"
                $rows[$i].$name | Should -Be (@($objects[$i].$name | ForEach-Object { [System.Convert]::ToString($_, [cultureinfo]::InvariantCulture) }) -join '; ')
            }
            foreach ($name in $dates) {
                if ($null -ne $objects[$i].$name) { [datetime]::Parse($rows[$i].$name) | Should -Be $objects[$i].$name.AddTicks(-($objects[$i].$name.Ticks % [timespan]::TicksPerSecond)) }
            }
            foreach ($name in $enums + $strings) { $rows[$i].$name | Should -Be "$($objects[$i].$name)" }
        }
    }

    It 'goes through ConvertTo-Json without a warning at its depth and back through ConvertFrom-Json' {
        $json = $objects | ConvertTo-Json -Depth $Depth -EnumsAsStrings -WarningVariable warnings -WarningAction SilentlyContinue
        if ($Depth -eq 2) { $null = $objects | ConvertTo-Json -WarningVariable atDefault -WarningAction SilentlyContinue; $atDefault | Should -BeNullOrEmpty }
        $warnings | Should -BeNullOrEmpty
        $back = @($json | ConvertFrom-Json)

        $back.Count | Should -Be $objects.Count
        Get-Different $objects $back ($numbers + $enums + $strings + @($durations | ForEach-Object { "${_}Hours" })) | Should -BeNullOrEmpty
        for ($i = 0; $i -lt $back.Count; $i++) {
            foreach ($name in $dates) {
                if ($null -ne $objects[$i].$name) { ([datetime]$back[$i].$name).ToUniversalTime() | Should -Be $objects[$i].$name }
            }
            foreach ($name in $lists | Where-Object { $clrType.GetProperty($_).PropertyType.GenericTypeArguments[0] -in [string], [double] }) {
                @($back[$i].$name) | Should -Be @($objects[$i].$name)
            }
        }
        foreach ($name in $dates) {
            if ($null -ne $objects[0].$name) { $json | Should -Match ('"{0}": "\d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z"' -f $name) }
        }
    }

    It 'writes its <_> as a name with -EnumsAsStrings and as a number without' -ForEach $Enums {
        ($objects[0] | ConvertTo-Json -Depth $Depth -EnumsAsStrings | ConvertFrom-Json).$_ | Should -BeExactly $objects[0].$_.ToString()
        ($objects[0] | ConvertTo-Json -Depth $Depth | ConvertFrom-Json).$_ | Should -Be ([int]$objects[0].$_)
    }

    It 'comes back from Export-Clixml with its type name and figures' {
        $clixml = Join-Path $TestDrive "$Type.clixml"
        $objects | Export-Clixml -LiteralPath $clixml
        $back = @(Import-Clixml -LiteralPath $clixml)

        $back.Count | Should -Be $objects.Count
        $back[0].PSObject.TypeNames[0] | Should -Be "Deserialized.ConstraintTools.$Type"
        Get-Different $objects $back $scalars | Should -BeNullOrEmpty
    }

    It 'keeps its type name and figures through the serializer of remoting and jobs' {
        $copy = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($objects[0]))

        $objects[0].PSObject.TypeNames[0] | Should -Be "ConstraintTools.$Type"
        $copy.PSObject.TypeNames[0] | Should -Be "Deserialized.ConstraintTools.$Type"
        Get-Different @($objects[0]) @($copy) $scalars | Should -BeNullOrEmpty
    }
}

Describe 'Deserialized objects' {
    BeforeAll {
        $w = Import-Workflow (Join-Path $Examples 'delivery-log.yaml')
        function RoundTrip($o) { [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($o)) }
        $plan = @(Import-Workflow (Join-Path $Examples 'ai-coding.yaml') | Get-ConstraintPath -TargetThroughput 10/week -WarningAction SilentlyContinue)[-1]
    }

    It 'still print through their view' {
        $table = RoundTrip @($w | Measure-Workflow) | Get-Rendered -Width 200
        ($table -join "`n") | Should -Match ([regex]::Escape('Stage            Role          Util Grow/wk     Wait    Cycle          WIP'))
        ($table -join "`n") | Should -Match 'CONSTRAINT'
    }

    It 'keep a constraint step''s elevations as a dictionary that prints the same' {
        $copy = RoundTrip $plan
        $copy.Elevations['Review'], $copy.Elevations['Code'], $copy.Elevations.Count | Should -Be 1.5625, 1.25, 2
        ((RoundTrip $plan | Format-Table -View Wide | Get-Rendered -Width 200) -join "`n") | Should -Match ([regex]::Escape('Review x1.56, Code x1.25'))
    }

    It 'write a constraint step''s elevations as an object in JSON' {
        ($plan | ConvertTo-Json | ConvertFrom-Json).Elevations.Review | Should -Be 1.5625
    }
}
