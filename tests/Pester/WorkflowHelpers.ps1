# Dot-sourced after Common.ps1 by the test files of the workflow cmdlets: the hand-worked workflows they share and
# a way to compare two constraint reports figure by figure.

# The hand-worked Delivery of New-WorkflowStage.Tests.ps1: Review is the constraint at ρ 0.875.
function script:New-DeliveryWorkflow {
    @(
        [pscustomobject]@{ Name = 'Intake'; Servers = ''; ServiceTime = '1h'; Capacity = ''; Availability = '50%'; Calendar = ''; Next = ''; States = 'New;Triage'; Queue = '' }
        [pscustomobject]@{ Name = 'Build'; Servers = '5'; ServiceTime = '1.5d'; Capacity = ''; Availability = ''; Calendar = ''; Next = ''; States = 'In Progress'; Queue = 'Ready for Dev' }
        [pscustomobject]@{ Name = 'Review'; Servers = '2'; ServiceTime = '3.5h'; Capacity = ''; Availability = '0.5'; Calendar = ''; Next = 'Build:0.2,Deploy:0.8'; States = ''; Queue = '' }
        [pscustomobject]@{ Name = 'Deploy'; Servers = ''; ServiceTime = ''; Capacity = '50/week'; Availability = ''; Calendar = '24x7'; Next = 'done'; States = ''; Queue = '' }
    ) | New-WorkflowStage | New-Workflow -Name Delivery -Demand 8/week
}

# Every figure of a constraint report and of its stages, as exact text, for comparing two reports.
function script:Get-Figures($Report) {
    $properties = @($Report.PSObject.Properties | Where-Object Name -ne 'Stages') + @($Report.Stages | ForEach-Object { $_.PSObject.Properties })
    foreach ($property in $properties) {
        $value = $property.Value
        if ($value -isnot [string] -and $value -is [System.Collections.IEnumerable]) { $value = @($value) -join "`n" }
        '{0}={1}' -f $property.Name, $value
    }
}

# Two stages worked by hand in Find-Constraint.Tests.ps1 (an M/M/1 then an M/M/2 at ρ 0.6), as YAML text.
$script:TwoStagesYaml = @'
name: Two stages
demand: { rate: 8/week }
stages:
  - name: A
    serviceTime: 4h
  - name: B
    servers: 2
    serviceTime: 6h
'@
