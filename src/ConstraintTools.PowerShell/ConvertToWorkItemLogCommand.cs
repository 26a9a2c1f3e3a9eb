using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace ConstraintTools.PowerShell
{
    /// <summary>ConvertTo-WorkItemLog: builds one WorkItemLog from objects (Import-Csv rows, REST results, hashtables).</summary>
    [Cmdlet(VerbsData.ConvertTo, "WorkItemLog")]
    [OutputType(typeof(WorkItemLog))]
    public sealed class ConvertToWorkItemLogCommand : PSCmdlet
    {
        private WorkItemLogBuilder? builder;
        private WorkItemLogColumns? columns;
        private IReadOnlyList<string> names = Array.Empty<string>();
        private bool failed;
        private long count;
        private object? current;

        /// <summary>One status change (long form) or one item (wide form) per object: its properties, or a hashtable's keys, are the columns.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [AllowNull]
        public PSObject? InputObject { get; set; }

        /// <summary>The property holding the work item's id; without it one named id, key, issue, issue key, item or work item id is used.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? IdColumn { get; set; }

        /// <summary>The property holding when the status changed; without it one named timestamp, date, changed, changed date, created, time or updated is used.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? TimestampColumn { get; set; }

        /// <summary>The property holding the status entered; without it one named status, state, to, to status or new status is used.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? StatusColumn { get; set; }

        /// <summary>Wide form only: the properties that are stages holding entry dates, in order; without it every property but the id (and descriptive ones such as Title) is a stage.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? StageColumn { get; set; }

        /// <summary>Long (an object per status change) or Wide (an object per item, a date property per stage); Auto takes wide form when there is an id but no status property.</summary>
        [Parameter]
        [ValidateSet("Auto", "Long", "Changelog", "Wide")]
        public WorkItemLogFormat Format { get; set; } = WorkItemLogFormat.Auto;

        /// <summary>Exact formats of timestamps given as text, such as 'M/d/yyyy h:mm tt' or 'dd.MM.yyyy' (invariant culture), tried in order before the usual ones; a format without an offset is read as UTC.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? TimestampFormat { get; set; }

        /// <summary>The zone a timestamp without an offset, or a date alone, was written in: a zone id such as 'Europe/Berlin' or an offset such as '+01:00'; without it such timestamps are UTC. The log keeps it, and day and week buckets (Get-CumulativeFlow, Get-Forecast) are that zone's days.</summary>
        [Parameter]
        [TimeZoneTransformation]
        [ValidateNotNull]
        public TimeZoneInfo? TimeZone { get; set; }

        /// <summary>Names the objects in the descriptions of skipped rows and becomes the log's Source.</summary>
        [Parameter]
        public string? SourceName { get; set; }

        protected override void BeginProcessing()
        {
            builder = new WorkItemLogBuilder { Source = SourceName };
        }

        protected override void ProcessRecord()
        {
            if (failed || InputObject is null) return;
            count++;
            var value = InputObject.BaseObject;
            if (columns is null)
            {
                names = value is IDictionary dictionary
                    ? dictionary.Keys.Cast<object>().Select(k => Convert.ToString(k, System.Globalization.CultureInfo.InvariantCulture) ?? "").ToArray()
                    : InputObject.Properties.Where(p => p.IsGettable).Select(p => p.Name).ToArray();
                try
                {
                    var options = new LogReadOptions { IdColumn = IdColumn, TimestampColumn = TimestampColumn, StatusColumn = StatusColumn, StageColumns = StageColumn, TimestampFormats = TimestampFormat, TimeZone = TimeZone };
                    columns = WorkItemLogColumns.Resolve(names, options, WorkItemLogColumns.FormOf(Format), SourceName);
                    builder!.Columns = columns;
                    WriteVerbose($"{SourceName ?? "input"}: {columns.Describe()}");
                }
                catch (WorkflowException ex)
                {
                    failed = true;
                    WriteError(new ErrorRecord(ex, "InvalidWorkItemLog", ErrorCategory.InvalidData, InputObject));
                    return;
                }
            }
            current = InputObject;
            columns.AddRow(builder!, Field, $"{SourceName ?? "input"} object {count}");
        }

        private object? Field(int index)
        {
            var name = names[index];
            object? value;
            var target = current is PSObject ps ? ps.BaseObject : current;
            if (target is IDictionary dictionary)
            {
                value = dictionary.Contains(name) ? dictionary[name] : null;
            }
            else
            {
                try
                {
                    value = ((PSObject)current!).Properties[name]?.Value;
                }
                catch (GetValueException)
                {
                    value = null;
                }
            }
            return value is PSObject wrapped ? wrapped.BaseObject : value;
        }

        protected override void EndProcessing()
        {
            if (failed || builder is null) return;
            WorkItemLog log;
            try
            {
                log = builder.Build();
            }
            catch (WorkflowException ex)
            {
                WriteError(new ErrorRecord(ex, "InvalidWorkItemLog", ErrorCategory.InvalidData, SourceName ?? (object)"input"));
                return;
            }
            ImportWorkItemLogCommand.WriteLog(this, log, SourceName ?? "input", "object", SourceName ?? (object)"input");
        }
    }
}
