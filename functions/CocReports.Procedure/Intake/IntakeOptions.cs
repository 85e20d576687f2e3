using System.ComponentModel.DataAnnotations;

namespace CocReports.Procedure.Intake;

/// <summary>Limits on what one report may carry. Bound from the "Intake" configuration section.</summary>
public sealed class IntakeOptions
{
    public const string Section = "Intake";

    [Range(0, int.MaxValue)]
    public int MaxFiles { get; set; } = 10;

    [Positive]
    public long MaxFileBytes { get; set; } = 25L * 1024 * 1024;

    [Positive]
    public long MaxReportBytes { get; set; } = 100L * 1024 * 1024;

    [Positive]
    public int MaxTextLength { get; set; } = 20_000;

    /// <summary>
    /// The web server's own cap on a request body, set by both hosts: evidence is metered while it streams, so this
    /// only stops bodies far beyond any valid report (the server's default, 30 MB, would refuse valid ones).
    /// </summary>
    public long MaxRequestBytes => MaxReportBytes + (64L * 1024 * 1024);

    /// <summary>How often the sweep looks for stored reports whose workflow never started, and for abandoned evidence.</summary>
    [Positive]
    public TimeSpan SweepEvery { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long intake has to start a report's workflow itself before the sweep starts it.</summary>
    [Positive]
    public TimeSpan SweepGrace { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How far back the sweep looks; older reports were swept many times over.</summary>
    [Positive]
    public TimeSpan SweepLookback { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Evidence of a submission that never completed (the host died mid-upload, storage failed before the report row)
    /// is deleted this long after it was written: longer than any upload, and than a reporter's retry.
    /// </summary>
    [Positive]
    public TimeSpan AbandonedEvidenceAfter { get; set; } = TimeSpan.FromHours(24);
}
