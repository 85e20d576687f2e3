using System.Globalization;
using CocReports.Api.Access;
using CocReports.Api.CaseActions;
using CocReports.Api.Pages;
using CocReports.Api.Requests;
using CocReports.Procedure.Links;
using CocReports.Procedure.Rendering;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Transparency;
using Microsoft.AspNetCore.Http;

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
    TimeProvider clock)
{
    /// <summary>The audit trail's chain for drafts, beside each report's own: it names no report.</summary>
    public const string AuditChain = ActionLinks.TransparencyScope;

    /// <summary>The longest period drafted: a draft reads every report received since its start.</summary>
    public const int MaxYears = 5;

    public async Task<IResult> ShowAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var token = request.Query["token"].ToString();
        return (await CheckAsync(token, cancellationToken)).Refusal ?? Form().Page(request.Path, token);
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
        var (lastFrom, lastTo) = TransparencyDraft.LastYear(clock.GetUtcNow());
        var from = Date(form["from"]) ?? lastFrom;
        var to = Date(form["to"]) ?? lastTo;
        if (to < from)
        {
            return Form().Page(request.Path, token, new Dictionary<string, string> { ["to"] = "The end of the period must not be before its start." }, StatusCodes.Status400BadRequest);
        }

        if (to >= from.AddYears(MaxYears))
        {
            return Form().Page(request.Path, token, new Dictionary<string, string> { ["to"] = $"The period must be at most {MaxYears} years long." }, StatusCodes.Status400BadRequest);
        }

        var report = await draft.DraftAsync(memberId, from, to, form["promotion"].ToString(), cancellationToken);

        // Written before the draft is sent: no draft goes unrecorded.
        await audit.AppendAsync(AuditChain, new AuditEntry(clock.GetUtcNow(), memberId, $"transparency draft {from:yyyy-MM-dd}..{to:yyyy-MM-dd}", Allowed: true), cancellationToken);

        var page = new HtmlPage($"Transparency report {TransparencyMarkdown.Period(report)}")
            .Heading($"{report.Community}: Code of Conduct transparency report, {TransparencyMarkdown.Period(report)}")
            .Paragraph("A draft: review it, then publish the Markdown below. Counts from 1 to " + (report.K - 1).ToString(CultureInfo.InvariantCulture) + $" are shown as \"fewer than {report.K}\".")
            .Paragraph(CountedReports.Note)
            .Field("Reports received", report.Total.Shown);
        Table(page, "By incident type", report.ByIncidentType);
        Table(page, "By outcome", report.ByOutcome);
        Table(page, $"Acknowledged within {TransparencyMarkdown.Duration(report.AcknowledgeWithin)}", report.Acknowledgment);
        page.Field("Median time to acknowledge", report.AcknowledgmentMedian);
        Table(page, $"Followed up within {TransparencyMarkdown.Duration(report.FollowUpWithin)}", report.FollowUp);
        page.Field("Median time to follow up", report.FollowUpMedian);
        page.Subheading("How we promoted the Code of Conduct").Paragraph(report.Promotion.Length > 0 ? report.Promotion : "(not given)");
        page.Subheading("The reports").Table(["Description"], report.Descriptions.Select(d => (IReadOnlyList<TableCell>)[new(d)]),
            $"Descriptions are published once at least {report.K} reports of the period were received.");
        return page.Subheading("Markdown to publish")
            .Preformatted(TransparencyMarkdown.Render(report));
    }

    Task<(IResult? Refusal, LinkCheck Check)> CheckAsync(string token, CancellationToken cancellationToken) =>
        gate.CheckMemberAsync(token, ActionLinks.TransparencyScope, CaseAction.Transparency, cancellationToken);

    static ActionForm Form() =>
        new ActionForm("Transparency report", "Choose the period (by default last calendar year) and say how the Code of Conduct was promoted. Nothing is published from here: you get a draft to review.", "Draft the report")
            .Date("from", "From (first day)")
            .Date("to", "To (last day)")
            .Text("promotion", "How the Code of Conduct was promoted in this period");

    static DateOnly? Date(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    static void Table(HtmlPage page, string heading, IReadOnlyList<PublishedCount> cells) =>
        page.Subheading(heading).Table(["", "Reports"], cells.Select(c => (IReadOnlyList<TableCell>)[new(c.Label), new(c.Shown)]), "None.");
}
