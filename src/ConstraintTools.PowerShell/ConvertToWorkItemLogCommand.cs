using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ConstraintTools.Notation;

namespace ConstraintTools.PowerShell
{
    /// <summary>ConvertTo-WorkItemLog: builds one WorkItemLog from objects (Import-Csv rows, REST results, hashtables).</summary>
    [Cmdlet(VerbsData.ConvertTo, "WorkItemLog")]
    [OutputType(typeof(WorkItemLog))]
    public sealed class ConvertToWorkItemLogCommand : LogReadingCommandBase
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

        /// <summary>Long (an object per status change) or Wide (an object per item, a date property per stage); Auto takes wide form when there is an id but no status property.</summary>
        [Parameter]
        [ValidateSet("Auto", "Long", "Changelog", "Wide", "EventLog")]
        public WorkItemLogFormat Format { get; set; } = WorkItemLogFormat.Auto;

        /// <summary>Names the objects in the descriptions of skipped rows and becomes the log's Source.</summary>
        [Parameter]
        public string? SourceName { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
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
                    columns = WorkItemLogColumns.Resolve(names, Options(Format), WorkItemLogColumns.FormOf(Format), SourceName);
                    builder!.Columns = columns;
                    WriteVerbose($"{SourceName ?? "input"}: {columns.Describe()}");
                }
                catch (InputException ex)
                {
                    failed = true;
                    WriteError(ErrorFor(ex, InputObject));
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
            catch (InputException ex)
            {
                WriteError(ErrorFor(ex, SourceName ?? (object)"input"));
                return;
            }
            WriteLog(log, SourceName ?? "input", "object", SourceName ?? (object)"input");
        }
    }
}
