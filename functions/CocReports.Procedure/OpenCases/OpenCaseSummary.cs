using CocReports.Procedure.Reports;
using CocReports.Procedure.Workflow;

namespace CocReports.Procedure.OpenCases;

/// <summary>
/// What the store keeps of each open case for the open-cases page and the digest: who may see it (exclusions,
/// recusals) and what its next promise depends on. No report content. Kept from the workflow's first announcement to resolution.
/// </summary>
/// <param name="LastUpdateAt">The latest follow-up or status update; null until the committee followed up.</param>
/// <param name="NextUpdateBy">The date that update promised for the next one, if it named one.</param>
/// <param name="UrgentSince">When a member marked it urgent, if one did (<see cref="CaseProgress.UrgentSince"/>).</param>
/// <param name="Schedule">The report's own <see cref="Report.Schedule"/>; null on cases listed before it was kept.</param>
public sealed record OpenCaseSummary(
    string Reference,
    DateTimeOffset ReceivedAt,
    bool Urgent,
    Door Door,
    IReadOnlyList<string> ExcludedMembers,
    IReadOnlyList<string> RecusedMembers,
    DateTimeOffset? AcknowledgedAt = null,
    DateTimeOffset? LastUpdateAt = null,
    DateTimeOffset? NextUpdateBy = null,
    WorkflowOptions? Schedule = null,
    DateTimeOffset? UrgentSince = null)
{
    /// <summary>The members the report was announced to; null on cases listed before it was kept.</summary>
    public IReadOnlyList<string>? AnnouncedTo { get; init; }

    /// <summary>The members who declared their conflicts on the case.</summary>
    public IReadOnlyList<string> DeclaredMembers { get; init; } = [];

    /// <summary>For an appeal, the case it appeals (<see cref="Report.Appeal"/>): its panel may see that one too.</summary>
    public string? AppealOf { get; init; }

    public static OpenCaseSummary Of(Report report, IReadOnlyList<string> announcedTo) =>
        new(report.Reference, report.ReceivedAt, report.Details.IsUrgent, report.Door, report.Details.ExcludedMembers, [], Schedule: report.Schedule) { AnnouncedTo = announcedTo, AppealOf = report.Appeal?.Of };
}
