using System.Globalization;

namespace CocReports.Adapters.Tables;

/// <summary>
/// Row keys for append-only rows in a report's partition (timeline, audit, messages): ticks first so rows sort by
/// time, then a suffix that keeps two rows of the same tick apart.
/// </summary>
static class ChronologicalKey
{
    public static string For(DateTimeOffset at, string? suffix = null) =>
        at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "-" + (suffix ?? Guid.NewGuid().ToString("N")[..8]);
}
