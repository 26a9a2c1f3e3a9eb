using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using ConstraintTools.Notation;
using ConstraintTools.Yaml;

namespace ConstraintTools.PowerShell
{
    /// <summary>
    /// Lets a TimeSpan parameter take the workflow notation too: '12w', '3d', '36h' (calendar time), and a
    /// bare number as hours. PowerShell reads an unquoted 1d or 1.5d as the decimal number 1 or 1.5, so a
    /// decimal is taken as days: -Interval 1d means one day, as the user wrote it.
    /// </summary>
    public sealed class CalendarDurationTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value is string text)
            {
                if (Quantity.TryParseDurationHours(text, WorkCalendar.AllHours, out var hours)) return Quantity.HoursToTimeSpan(hours);
                if (TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var span)) return span;
                throw new ArgumentTransformationMetadataException(Quantity.DurationRefusal(text, Hints.DurationParameter) + ".");
            }
            if (value is decimal days)
                return Quantity.HoursToTimeSpan((double)days * 24);
            // PowerShell would read a bare number as ticks; in this module a number of time is hours.
            if (value is int || value is long || value is double)
                return Quantity.HoursToTimeSpan(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
            return value;
        }
    }

    /// <summary>Lets a -TimeZone parameter take a zone id ('Europe/Berlin') or an offset ('+01:00', 'UTC-5') as well as a TimeZoneInfo.</summary>
    public sealed class TimeZoneTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value is not string text) return value;
            try
            {
                return LogTimeZone.Parse(text);
            }
            catch (ArgumentException ex)
            {
                throw new ArgumentTransformationMetadataException(ex.Message.Split(new[] { " (Parameter" }, StringSplitOptions.None)[0], ex);
            }
        }
    }

    /// <summary>Lets a rate parameter take the workflow notation: '15/week', '3/day', or a number per week.</summary>
    public sealed class RatePerWeekTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value is string text)
            {
                if (Quantity.TryParseRatePerWeek(text, out var perWeek)) return perWeek;
                throw new ArgumentTransformationMetadataException(Quantity.RateRefusal(text, Hints.Rate) + ".");
            }
            return value;
        }
    }

    /// <summary>
    /// Lets a -Workflow parameter take the path of a workflow file as well as a workflow: PowerShell would otherwise
    /// turn the string 'flows/x.yaml' into an empty workflow of that name through Workflow's constructor, and the
    /// cmdlet would report on nothing without an error. Wildcards are expanded as Import-Workflow expands them.
    /// </summary>
    public sealed class WorkflowFileTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            switch (value)
            {
                case string path:
                    var workflows = Load(engineIntrinsics, path);
                    return workflows.Count == 1 ? workflows[0] : workflows.ToArray();
                case FileInfo file:
                    return Load(engineIntrinsics, file.FullName)[0];
                case IEnumerable items when value is not Workflow:
                    var all = new List<object?>();
                    foreach (var item in items)
                    {
                        var one = Transform(engineIntrinsics, item);
                        if (one is Workflow[] many) all.AddRange(many);
                        else all.Add(one);
                    }
                    return all.ToArray();
                default:
                    return inputData;
            }
        }

        private static List<Workflow> Load(EngineIntrinsics engine, string path)
        {
            List<string> files;
            try
            {
                files = new List<string>(engine.SessionState.Path.GetResolvedProviderPathFromPSPath(path, out var provider));
                if (provider.Name != "FileSystem") files.Clear();
            }
            catch (Exception ex) when (ex is ItemNotFoundException || ex is System.Management.Automation.DriveNotFoundException || ex is ProviderNotFoundException || ex is PSArgumentException)
            {
                files = new List<string>();
            }
            files.RemoveAll(Directory.Exists);
            if (files.Count == 0)
                throw new ArgumentTransformationMetadataException(
                    $"'{Display.Excerpt(path)}' is not a workflow and names no workflow file; give a workflow, e.g. -Workflow (Import-Workflow flows/delivery.yaml), or the path of a workflow file.");
            var workflows = new List<Workflow>();
            foreach (var file in files)
            {
                try
                {
                    workflows.Add(WorkflowYaml.Load(file));
                }
                catch (InputException ex)
                {
                    throw new ArgumentTransformationMetadataException(ex.Message, ex);
                }
            }
            return workflows;
        }
    }
}
