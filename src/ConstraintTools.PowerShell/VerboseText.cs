using System;
using System.Globalization;

namespace ConstraintTools.PowerShell
{
    /// <summary>Pieces of what -Verbose says, alike in every cmdlet.</summary>
    internal static class VerboseText
    {
        /// <summary>The window -From and -To give, or nothing when the whole log is measured.</summary>
        public static string Window(DateTime? from, DateTime? to) =>
            from is null && to is null ? ", the whole log"
            : string.Format(CultureInfo.InvariantCulture, ", from {0} to {1}",
                from is DateTime f ? f.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "its first change",
                to is DateTime t ? t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "its last");
    }
}
