using System.Collections.Frozen;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;

namespace CocReports.Procedure.Resolution;

/// <summary>
/// What is kept of a resolved report after its retention period: an allow-list of what the transparency report, the
/// status page and the case page still read, and nothing that names or describes the reporter, the reported person or
/// what happened. The kept report and messages are built from the allow-list alone, so a field added later is cleared
/// until someone puts it on the list.
/// </summary>
public static class Retention
{
    public const string Removed = "(removed at the end of the retention period)";

    /// <summary>The allow-list of a report's fields, by path ("Details.Setting"); <see cref="Kept(Report)"/> keeps these and no other.</summary>
    public static readonly FrozenSet<string> KeptFields = new[]
    {
        nameof(Report.Reference),
        nameof(Report.ReceivedAt), // the transparency report's dates
        nameof(Report.ReceiptCodeHash), // the reporter still opens the status page
        nameof(Report.Door), // how it came in, never what it said
        nameof(Report.Schedule), // the promises it was made: the transparency report measures against them
        nameof(Report.Appeal), // what it appealed, by which party and on which ground: no one named
        $"{nameof(Report.Details)}.{nameof(ReportDetails.IsOngoing)}", // whether it was urgent, which shortens the promise to acknowledge
        $"{nameof(Report.Details)}.{nameof(ReportDetails.FeelsUnsafe)}",
        $"{nameof(Report.Details)}.{nameof(ReportDetails.Setting)}",
        $"{nameof(Report.Details)}.{nameof(ReportDetails.ExcludedMembers)}", // who may still open the case
        $"{nameof(Report.Details)}.{nameof(ReportDetails.Language)}", // the status page and the "case closed" answer speak it
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The allow-list of a resolution's fields: the finding, category and public summary the transparency report counts and prints.</summary>
    public static readonly FrozenSet<string> KeptMessageFields = new[]
    {
        nameof(CaseMessage.Id),
        nameof(CaseMessage.Kind),
        nameof(CaseMessage.At),
        nameof(CaseMessage.From),
        nameof(CaseMessage.Violation),
        nameof(CaseMessage.PublicSummary),
        nameof(CaseMessage.IncidentType),
        nameof(CaseMessage.Response), // the response and its dates, never where or on what conditions
        nameof(CaseMessage.ResponseEnds),
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>A published public statement keeps its text too: it is public already, and the transparency report lists it.</summary>
    public static readonly FrozenSet<string> KeptStatementFields = KeptMessageFields.Append(nameof(CaseMessage.Text)).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The report with only <see cref="KeptFields"/>; its description says it was removed.</summary>
    public static Report Kept(Report report) =>
        new(
            report.Reference,
            report.ReceivedAt,
            new ReportDetails
            {
                Description = Removed,
                Setting = report.Details.Setting,
                IsOngoing = report.Details.IsOngoing,
                FeelsUnsafe = report.Details.FeelsUnsafe,
                ExcludedMembers = report.Details.ExcludedMembers,
                Language = report.Details.Language,
            },
            [],
            report.ReceiptCodeHash)
        {
            Door = report.Door,
            Schedule = report.Schedule,
            Appeal = report.Appeal,
        };

    /// <summary>
    /// Only the resolution survives, with only <see cref="KeptMessageFields"/>, and a published statement with
    /// <see cref="KeptStatementFields"/>; every other message goes.
    /// </summary>
    public static IReadOnlyList<CaseMessage> Kept(IEnumerable<CaseMessage> messages) =>
        [.. messages
            .Where(m => m.Kind is CaseMessageKind.Resolution or CaseMessageKind.PublicStatement)
            .Select(m => new CaseMessage
            {
                Id = m.Id,
                Kind = m.Kind,
                At = m.At,
                From = m.From,
                Violation = m.Violation,
                PublicSummary = m.PublicSummary,
                IncidentType = m.IncidentType,
                Response = m.Response,
                ResponseEnds = m.ResponseEnds,
                Text = m.Kind == CaseMessageKind.PublicStatement ? m.Text : "",
            })];
}
