using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Timeline;
using CocReports.Procedure.Workflow;

namespace CocReports.Procedure.Transparency;

/// <summary>
/// All the transparency report reads of one report: dates, the category and outcome the committee set, and the
/// public summary it wrote. Nothing the reporter wrote, nor who anyone is. Everything here survives retention.
/// </summary>
/// <param name="PublicSummary">The committee's generalized description; null when it marked the report as not anonymizable.</param>
public sealed record TransparencyRecord(
    DateTimeOffset ReceivedAt,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? FollowedUpAt,
    DateTimeOffset? ResolvedAt,
    string? IncidentType,
    Finding? Violation,
    string? PublicSummary)
{
    /// <summary>
    /// When its acknowledgment was due: by the schedule it arrived under, sooner when it was urgent (as reported, or
    /// marked later). Null for a report stored before its schedule was kept: it is measured by the period's promise.
    /// </summary>
    public DateTimeOffset? AcknowledgeDue { get; init; }

    /// <summary>The public statement the committee published on the case, and when; null when it published none.</summary>
    public string? PublicStatement { get; init; }

    public DateTimeOffset? PublicStatementAt { get; init; }

    /// <summary>An appeal's case: the review of a report already counted, not a report of its own.</summary>
    public bool IsAppeal { get; init; }

    /// <summary>Read from what storage keeps: the (possibly retained) report, its case state, its messages and its timeline.</summary>
    public static TransparencyRecord From(Report report, CaseState state, IReadOnlyList<CaseMessage> messages, IReadOnlyList<TimelineEntry> timeline)
    {
        var resolution = messages.FirstOrDefault(m => m.Kind == CaseMessageKind.Resolution);
        var statement = messages.LastOrDefault(m => m.Kind == CaseMessageKind.PublicStatement);
        var followedUp = timeline.Where(t => t.Step == CaseStep.FollowedUp).Select(t => (DateTimeOffset?)t.At).Min()
            ?? messages.Where(m => m.Kind == CaseMessageKind.FollowUp).Select(m => (DateTimeOffset?)m.At).Min();
        return new TransparencyRecord(
            report.ReceivedAt,
            state.AcknowledgedAt,
            followedUp,
            state.ResolvedAt ?? resolution?.At,
            resolution?.IncidentType,
            resolution?.Violation,
            resolution?.PublicSummary)
        {
            AcknowledgeDue = report.Schedule is { } schedule
                ? new WorkflowPolicy(schedule).Acknowledge(report.ReceivedAt, state.IsUrgent(report), state.MarkedUrgentAt).Due
                : null,
            IsAppeal = report.Appeal is not null,
            PublicStatement = statement?.Text,
            PublicStatementAt = statement?.At,
        };
    }
}
