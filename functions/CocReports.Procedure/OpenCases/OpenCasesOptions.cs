namespace CocReports.Procedure.OpenCases;

/// <summary>The weekly digest of each member's open cases. Bound from the "OpenCases" configuration section.</summary>
public sealed class OpenCasesOptions
{
    public const string Section = "OpenCases";

    /// <summary>
    /// On unless a committee switches it off: it tells a member nothing their other mail did not, and a member with
    /// nothing open gets nothing.
    /// </summary>
    public bool WeeklyDigest { get; set; } = true;

    public DayOfWeek DigestDay { get; set; } = DayOfWeek.Monday;

    /// <summary>The time of day, UTC.</summary>
    public TimeOnly DigestAt { get; set; } = new(8, 0);

    /// <summary>How often the local host looks whether the week's digest is due; the Functions app's timer looks hourly.</summary>
    [Positive]
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromHours(1);
}
