namespace CocReports.Procedure.OpenCases;

/// <summary>
/// When the weekly digest goes out: at the configured day and time (UTC), or at the first check after it within a
/// day, so a host that was down at that hour still sends the week's digest. Pure, tested with a fake clock.
/// </summary>
public sealed class DigestSchedule(OpenCasesOptions options)
{
    /// <summary>How late after its time a week's digest may still go out.</summary>
    public static readonly TimeSpan CatchUp = TimeSpan.FromDays(1);

    /// <summary>The time this week's digest was due, when it is due now; null when it is not (or switched off).</summary>
    public DateTimeOffset? DueWeek(DateTimeOffset now)
    {
        if (!options.WeeklyDigest)
        {
            return null;
        }

        var utc = now.ToUniversalTime();
        var daysBack = ((int)utc.DayOfWeek - (int)options.DigestDay + 7) % 7;
        var slot = new DateTimeOffset(DateOnly.FromDateTime(utc.UtcDateTime).AddDays(-daysBack).ToDateTime(options.DigestAt), TimeSpan.Zero);
        if (slot > utc)
        {
            slot = slot.AddDays(-7);
        }

        return utc - slot < CatchUp ? slot : null;
    }
}
