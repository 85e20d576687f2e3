using System.Globalization;
using CocReports.Api.Access;
using CocReports.Api.CaseActions;
using CocReports.Api.Pages;
using CocReports.Api.Requests;
using CocReports.Procedure.Committee;
using CocReports.Procedure.Links;
using CocReports.Procedure.Rendering;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Transparency;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CocReports.Api.Transparency;

/// <summary>
/// GET /api/transparency from the "Transparency report" link in every committee email (a member link, not single-use):
/// a form for the period and the committee's text on promoting the Code of Conduct. POST: the draft as HTML, and as
/// Markdown to publish. Only current committee members whose links were not revoked get it, each a draft of the reports
/// they may see; every draft is in the audit trail.
/// </summary>
public sealed class TransparencyPage(
    MemberLinkGate gate,
    TransparencyDraft draft,
    IAuditTrail audit,
    IOptions<CommitteeOptions> committee,
    TimeProvider clock)
{
    /// <summary>The audit trail's chain for drafts, beside each report's own: it names no report.</summary>
    public const string AuditChain = ActionLinks.TransparencyScope;

    /// <summary>The longest period drafted: a draft reads every report received since its start.</summary>
    public const int MaxYears = 5;

    public async Task<IResult> ShowAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var token = request.Query["token"].ToString();
        var (refusal, check) = await CheckAsync(token, cancellationToken);
        return refusal ?? Form(committee.Value.TextsFor(check.MemberId)).Page(request.Path, token);
    }

    public async Task<IResult> DraftAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (tooLarge, form) = await SmallForm.ReadAsync(request, cancellationToken);
        if (tooLarge is not null)
        {
            return tooLarge;
        }

        var token = form["token"].ToString();
        var (refusal, check) = await CheckAsync(token, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var memberId = check.MemberId!;
        var t = committee.Value.TextsFor(memberId);
        var (lastFrom, lastTo) = TransparencyDraft.LastYear(clock.GetUtcNow());
        var from = Date(form["from"]) ?? lastFrom;
        var to = Date(form["to"]) ?? lastTo;
        if (to < from)
        {
            return Form(t).Page(request.Path, token, new Dictionary<string, string> { ["to"] = t["TransparencyPage.EndBeforeStart"] }, StatusCodes.Status400BadRequest);
        }

        if (to >= from.AddYears(MaxYears))
        {
            return Form(t).Page(request.Path, token, new Dictionary<string, string> { ["to"] = t.Format("TransparencyPage.TooLong", MaxYears) }, StatusCodes.Status400BadRequest);
        }

        var report = await draft.DraftAsync(memberId, from, to, form["promotion"].ToString(), cancellationToken);

        // Written before the draft is sent: no draft goes unrecorded.
        await audit.AppendAsync(AuditChain, new AuditEntry(clock.GetUtcNow(), memberId, $"transparency draft {from:yyyy-MM-dd}..{to:yyyy-MM-dd}", Allowed: true), cancellationToken);

        // The draft's counts, categories and medians are the published report's own, in its English; the page around them is the member's.
        var period = Period(report, t);
        var page = new HtmlPage(t.Format("TransparencyPage.DraftTitle", period), language: t.Language)
            .Heading(t.Format("TransparencyPage.DraftHeading", report.Community, period))
            .Paragraph(t.Format("TransparencyPage.Draft", report.K - 1, report.K))
            .Paragraph(t["TransparencyPage.CountsOnlyYours"])
            .Field(t["TransparencyPage.Received"], report.Total.Shown);
        Table(page, t["TransparencyPage.ByType"], report.ByIncidentType, t);
        Table(page, t["TransparencyPage.ByOutcome"], report.ByOutcome, t);
        Table(page, t.Format("TransparencyPage.AcknowledgedWithin", Duration(report.AcknowledgeWithin, t)), report.Acknowledgment, t);
        page.Field(t["TransparencyPage.AcknowledgeMedian"], report.AcknowledgmentMedian);
        Table(page, t.Format("TransparencyPage.FollowedUpWithin", Duration(report.FollowUpWithin, t)), report.FollowUp, t);
        page.Field(t["TransparencyPage.FollowUpMedian"], report.FollowUpMedian);
        page.Subheading(t["TransparencyPage.Promotion"]).Paragraph(report.Promotion.Length > 0 ? report.Promotion : t["TransparencyPage.NotGiven"]);
        page.Subheading(t["TransparencyPage.Reports"]).Table([t["TransparencyPage.Description"]], report.Descriptions.Select(d => (IReadOnlyList<TableCell>)[new(d)]),
            t.Format("TransparencyPage.DescriptionsLater", report.K));
        return page.Subheading(t["TransparencyPage.Markdown"])
            .Preformatted(TransparencyMarkdown.Render(report));
    }

    Task<(IResult? Refusal, LinkCheck Check)> CheckAsync(string token, CancellationToken cancellationToken) =>
        gate.CheckMemberAsync(token, ActionLinks.TransparencyScope, CaseAction.Transparency, cancellationToken);

    static ActionForm Form(Texts t) =>
        new ActionForm(t["TransparencyPage.Title"], t["TransparencyPage.Explanation"], t["TransparencyPage.Button"], t.Language)
            .Date("from", t["TransparencyPage.From"])
            .Date("to", t["TransparencyPage.To"])
            .Text("promotion", t["TransparencyPage.PromotionField"]);

    // As the published report names them (TransparencyMarkdown.Period and .Duration), in the member's words.
    static string Period(TransparencyReport report, Texts t) =>
        report.From.Month == 1 && report.From.Day == 1 && report.To == new DateOnly(report.From.Year, 12, 31)
            ? report.From.Year.ToString(CultureInfo.InvariantCulture)
            : t.Format("TransparencyPage.Period", report.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), report.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    static string Duration(TimeSpan span, Texts t) =>
        span.TotalHours % 24 == 0 && span.TotalDays > 2
            ? t.Format("TransparencyPage.Days", span.TotalDays.ToString("0", CultureInfo.InvariantCulture))
            : t.Format("TransparencyPage.Hours", span.TotalHours.ToString("0.#", CultureInfo.InvariantCulture));

    static DateOnly? Date(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    static void Table(HtmlPage page, string heading, IReadOnlyList<PublishedCount> cells, Texts t) =>
        page.Subheading(heading).Table(["", t["TransparencyPage.Reports.Column"]], cells.Select(c => (IReadOnlyList<TableCell>)[new(c.Label), new(c.Shown)]), t["TransparencyPage.None"]);
}
