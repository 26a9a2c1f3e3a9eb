namespace ConstraintTools.PowerShell.Tests;

/// <summary>
/// The log that LogInsightCmdletTests and ForecastCmdletTests share; Measure-Flow's own tests moved to
/// tests/Pester/Measure-Flow.Tests.ps1, which builds the same log. This goes when those two files move to Pester too.
/// </summary>
internal static class MeasureFlowCmdletTests
{
    /// <summary>The log of the engine's FlowMeasurementTests (hours after 5 January 2026, rows out of order) and its workflow.</summary>
    internal const string Setup = """
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
        $log = $b.Build()
        $w = New-Workflow -Name Delivery -Stage (New-WorkflowStage -Name Dev -Servers 2 -Queue Ready -States 'In Progress'), (New-WorkflowStage -Name Review -Queue 'To Review' -States Reviewing) -DoneStates Done

        """;
}
