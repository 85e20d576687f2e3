namespace CocReports.Procedure.Workflow;

/// <summary>A time promise the committee made to the reporter: made at <see cref="Since"/>, due at <see cref="Due"/>.</summary>
public sealed record Promise(PromiseKind Kind, DateTimeOffset Since, DateTimeOffset Due, IReadOnlyList<TimeSpan> RemindAfter);

public enum PromiseKind
{
    /// <summary>"We strive to acknowledge your report within 48 hours."</summary>
    Acknowledge,

    /// <summary>"Within one week of an incident report, the committee will follow up with the person who made the report."</summary>
    FollowUp,

    /// <summary>"After one week of a report being open, the reporter will be provided with a status update, including a timeframe for the next update or resolution."</summary>
    StatusUpdate,

    /// <summary>An interim measure one member took is confirmed or lifted by the committee within a day (Django's "review within 24 hours").</summary>
    ReviewMeasure,
}
