using System;

namespace ConstraintTools
{
    /// <summary>One row of a work-item log: an item entered a status at a moment (UTC).</summary>
    public sealed class StatusChange
    {
        public StatusChange(string itemId, DateTime timestampUtc, string status)
        {
            ItemId = itemId;
            TimestampUtc = timestampUtc;
            Status = status;
        }

        public string ItemId { get; }

        /// <summary>When the item entered <see cref="Status"/>, in UTC (offsets in the source are applied).</summary>
        public DateTime TimestampUtc { get; }

        public string Status { get; }

        public override string ToString() => $"{ItemId} {TimestampUtc:u} {Status}";
    }
}
