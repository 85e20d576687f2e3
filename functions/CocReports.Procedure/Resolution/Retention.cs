using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;

namespace CocReports.Procedure.Resolution;

/// <summary>
/// What is kept of a resolved report after its retention period: the outcome, the incident type and the public summary
/// the transparency report counts and prints (its dates stay in the case state and the timeline), and nothing that names or describes the reporter, the reported person or what happened.
/// </summary>
public static class Retention
{
    public const string Removed = "(removed at the end of the retention period)";

    /// <summary>
    /// The report without its content. Kept: when it arrived, the setting and urgency (counted by the transparency
    /// report), and whom the reporter excluded (who may still open the case).
    /// </summary>
    public static Report Kept(Report report) => report with
    {
        Details = new ReportDetails
        {
            Description = Removed,
            IsOngoing = report.Details.IsOngoing,
            Setting = report.Details.Setting,
            FeelsUnsafe = report.Details.FeelsUnsafe,
            ExcludedMembers = report.Details.ExcludedMembers,
        },
        Evidence = [],
        ContentHash = "",
    };

    /// <summary>Only the resolution survives, reduced to its finding and public summary; every other message goes.</summary>
    public static IReadOnlyList<CaseMessage> Kept(IEnumerable<CaseMessage> messages) =>
        [.. messages
            .Where(m => m.Kind == CaseMessageKind.Resolution)
            .Select(m => new CaseMessage
            {
                Id = m.Id,
                Kind = m.Kind,
                At = m.At,
                From = m.From,
                Violation = m.Violation,
                PublicSummary = m.PublicSummary,
                IncidentType = m.IncidentType,
            })];
}
