using System.Globalization;
using CocReports.Api.Pages;
using CocReports.Procedure.Committee;
using CocReports.Procedure.Links;
using CocReports.Procedure.Notifications;
using CocReports.Procedure.Rendering;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Timeline;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CocReports.Api.CasePage;

/// <summary>
/// GET /api/reports/{reference}/view: the case as a member of its audience sees it, from the View link in every
/// committee email: the report, its evidence, its timeline and who opened it. Every view is recorded first.
/// </summary>
public sealed class CasePage(CaseAccess access, ITimeline timeline, IAuditTrail audit, IOptions<CommitteeOptions> committee)
{
    public async Task<IResult> ShowAsync(HttpRequest request, string reference, CancellationToken cancellationToken)
    {
        var (refusal, opened) = await access.OpenAsync(request, reference, _ => CaseAccess.CaseView, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var open = opened!;
        await access.RecordAsync(open, CaseAccess.CaseView, cancellationToken);
        var steps = await timeline.ReadAsync(reference, cancellationToken);
        var views = await audit.ReadAsync(reference, cancellationToken); // read after recording: this view is listed too

        var report = open.Report;
        var page = new HtmlPage($"Report {reference}")
            .Heading($"Report {reference}")
            .Paragraph("Confidential: only the committee members handling this report can open this page, and every view is recorded.");
        AppendReport(page, report, open.State);

        // The link is named by what the file is; the sender's name is only text beside it.
        page.Subheading("Evidence").Table(
            ["File", "Name as sent", "Type", "Size", "SHA-256"],
            report.Evidence.Select((file, index) => (IReadOnlyList<TableCell>)
            [
                new(EvidenceName.ForDownload(index, file), EvidenceHref(reference, index)),
                new(EvidenceName.Shown(file.FileName)),
                new(file.ContentType),
                new(string.Create(CultureInfo.InvariantCulture, $"{file.Length:N0} bytes")),
                new(file.Sha256),
            ]),
            "The reporter sent no evidence.");

        page.Subheading("Timeline").Table(
            ["When", "Step", "By", "Note"],
            steps.OrderBy(s => s.At).Select(s => (IReadOnlyList<TableCell>)
                [new(Time(s.At)), new(s.Step), new(s.MemberId is { } id ? NameOf(id) : ""), new(s.Note ?? "")]),
            "Nothing has happened on this report yet.");

        page.Subheading("Who opened this case").Table(
            ["When", "Member", "What", "Outcome"],
            views.OrderBy(v => v.At).Select(v => (IReadOnlyList<TableCell>)
                [new(Time(v.At)), new(NameOf(v.MemberId)), new(Describe(report, v.What)), new(v.Allowed ? "Opened" : "Refused")]),
            "No one has opened this case yet.");

        return page;
    }

    /// <summary>Each evidence file is fetched through the app in the same case session (the cookie), never from storage directly.</summary>
    public static string EvidenceHref(string reference, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"/api/reports/{Uri.EscapeDataString(reference)}/evidence/{index}");

    // The procedure's "Report Data", in its order; fields the reporter left empty are not shown.
    void AppendReport(HtmlPage page, Report report, CaseState state)
    {
        foreach (var (label, value) in ReportSummary.Fields(report))
        {
            page.Field(label, value);
        }

        var d = report.Details;
        page            .Field("Kept from (at the reporter's request)", string.Join(", ", d.ExcludedMembers.Select(NameOf)))
            .Field("Recused", string.Join(", ", state.RecusedMembers.Select(NameOf)));
    }

    string NameOf(string memberId) =>
        memberId == ActionLinks.Reporter ? "The reporter" : committee.Value.Find(memberId)?.Name ?? memberId;

    static string Describe(Report report, string what) =>
        what == CaseAccess.CaseView
            ? "The case page"
            : report.Evidence.ToList().FindIndex(e => e.BlobName == what) is var index and >= 0
                ? "Evidence: " + EvidenceName.ForDownload(index, report.Evidence[index])
                : "Evidence";

    static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
