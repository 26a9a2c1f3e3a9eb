using System;
using System.IO;
using System.Linq;
using System.Management.Automation;

namespace ConstraintTools.PowerShell.Tests;

/// <summary>
/// Logs and forecasts at the ends of the calendar, 0001-01-01 and 9999-12-31, where DateTime arithmetic
/// past either end threw .NET's range errors ("Ticks must be between DateTime.MinValue.Ticks and …").
/// </summary>
public sealed class CalendarEdgeCmdletTests : IDisposable
{
    private const string Setup = """
        $b = [ConstraintTools.WorkItemLogBuilder]::new()
        $b.Source = 'ages'
        $b.Add('A', [DateTimeOffset]::MinValue, 'Doing')
        $b.Add('A', [DateTimeOffset]::MinValue.AddDays(1), 'Done')
        $b.Add('B', [DateTimeOffset]'5000-01-01T00:00:00Z', 'Doing')
        $b.Add('C', [DateTimeOffset]'9999-12-30T00:00:00Z', 'Doing')
        $b.Add('C', [DateTimeOffset]::MaxValue, 'Done')
        $log = $b.Build()
        $w = New-Workflow -Name W -Stage (New-WorkflowStage -Name Doing -States Doing) -DoneStates Done

        """;

    private readonly ModuleSession session = new();
    private readonly string folder = Directory.CreateTempSubdirectory("ct-calendar-").FullName;

    [Fact]
    public void EveryLogMeasureReadsALogSpanningTheWholeCalendar()
    {
        var (output, errors) = session.Invoke(Setup + """
            $log | Measure-Flow -Workflow $w
            $log | Measure-Flow -Workflow $w -Summary
            $log | Get-CumulativeFlow -Workflow $w -Interval 36500d
            $log | Get-WorkItemAge -Workflow $w
            $log | Find-Constraint -Workflow $w
            $log | ConvertTo-Workflow -Workflow $w -WarningAction SilentlyContinue
            $w | Export-FlowReport "$folder/r.html" -Log $log -PassThru
            $log | Get-Forecast -Workflow $w -By 2027-01-01 -Start 2026-01-01
            """, new System.Collections.Generic.Dictionary<string, object?> { ["folder"] = folder });

        Assert.Empty(errors);
        PSObject[] Of(string type) => output.Where(o => o.TypeNames[0] == "ConstraintTools." + type).ToArray();
        Assert.Equal(2, Of("FlowSummary").Single().Properties["Finished"].Value);
        Assert.Equal(DateTime.MaxValue, Of("CumulativeFlowPoint").Last().Properties["AsOf"].Value);
        Assert.Equal("B", Of("WorkItemAge").Single().Properties["Id"].Value);
        Assert.Equal(3, Of("Forecast").Length);
    }

    [Fact]
    public void AForecastFromALogEndingOnTheLastDayHasNoStartDayForThatLog()
    {
        var (output, errors) = session.Invoke(Setup + "$log, $log | Get-Forecast -Workflow $w -Items 1; 'next'");

        Assert.Equal("next", output.Single().ToString());
        Assert.Equal(2, errors.Count);
        Assert.Equal("InvalidStart,ConstraintTools.PowerShell.GetForecastCommand", errors[0].FullyQualifiedErrorId);
        Assert.Equal("The history ends on 9999-12-31, the last day of the calendar, so a forecast from it has no day to start on; give a start day.", errors[0].Exception.Message);
    }

    [Fact]
    public void AForecastThatWouldRunPastTheCalendarStopsAtAStartTooLate()
    {
        var (output, errors) = session.Invoke("""
            (Get-Forecast -Throughput 1 -Items 1 -Start 9999-12-30)[0].Date
            try { Get-Forecast -Throughput 1 -Items 3 -Start 9999-12-30; 'not stopped' } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }
            """);

        Assert.Empty(errors);
        Assert.Equal(new DateTime(9999, 12, 31), (DateTime)output[0].BaseObject);
        Assert.Equal("InvalidStart,ConstraintTools.PowerShell.GetForecastCommand", output[1].ToString());
        Assert.Equal("A trial starting on 9999-12-30 needed more days than the 1 left before the end of 9999-12-31, the last day of the calendar, to finish 3 items; start the forecast earlier, or forecast fewer items.", output[2].ToString());
    }

    public void Dispose()
    {
        session.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
