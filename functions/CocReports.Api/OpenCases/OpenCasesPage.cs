using CocReports.Api.Access;
using CocReports.Api.Pages;
using CocReports.Procedure.Committee;
using CocReports.Procedure.Links;
using CocReports.Procedure.OpenCases;
using CocReports.Procedure.Passkeys;
using CocReports.Procedure.Rendering;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CocReports.Api.OpenCases;

/// <summary>
/// GET /api/open-cases from the "Open cases" link in every committee email and the digest: the link is exchanged once
/// for a short session in that browser (<see cref="LinkExchange"/>), which shows the open cases this member may see,
/// overdue first, each reference a fresh View link to its case page. A newcomer sees the cases announced before they
/// joined by reference alone, until they have declared their conflicts on each (<see cref="OpenCaseList.ToDeclare"/>).
/// Cases the member is excluded or recused from are not shown, and nothing on the page counts them.
/// </summary>
public sealed class OpenCasesPage(
    ActionLinks links,
    MemberLinkGate gate,
    LinkExchange exchange,
    IOpenCasesProjection openCases,
    IAuditTrail audit,
    IOptions<CommitteeOptions> committee,
    IOptions<WorkflowOptions> workflow,
    TimeProvider clock,
    ILogger<OpenCasesPage> log)
{
    /// <summary>The audit trail's chain for views of the list, beside each report's own: it names no report.</summary>
    public const string AuditChain = ActionLinks.OpenCasesScope;

    /// <summary>The session's cookie, scoped to this page.</summary>
    public const string CookieName = "coc-open-cases";

    /// <summary>Where the page's session lives: a link's exchange and a passkey sign-in (<see cref="SignInPage"/>) both start it.</summary>
    public static readonly SessionPlace Place = new(
        ActionLinks.OpenCasesScope, CaseAction.OpenCases, "open-cases-links", CookieName, "/api/open-cases", "/api/open-cases", t => t["OpenCases.Heading"]);

    public async Task<IResult> ShowAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.Query.ContainsKey("token"))
        {
            return await exchange.OfferAsync(request, Place, cancellationToken);
        }

        var (refusal, memberId) = await SessionAsync(request, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var open = await openCases.OpenCasesAsync(cancellationToken);

        var now = clock.GetUtcNow();
        var list = new OpenCaseList(committee.Value, workflow.Value);
        var lines = list.For(memberId!, open, now);
        var toDeclare = list.ToDeclare(memberId!, open);

        // Written before the list is sent: no view goes unrecorded.
        await audit.AppendAsync(AuditChain, new AuditEntry(now, memberId!, AuditChain, Allowed: true), cancellationToken);
        log.LogInformation("Member {MemberId} opened their open cases", memberId);

        var t = committee.Value.TextsFor(memberId);
        var page = new HtmlPage(t["OpenCases.Title"], language: t.Language)
            .Heading(t["OpenCases.Heading"])
            .Paragraph(t["OpenCases.Intro"])
            .Table(
                [t["OpenCases.Column.Reference"], t["OpenCases.Column.Received"], t["OpenCases.Column.Urgency"], t["OpenCases.Column.CameIn"], t["OpenCases.Column.Next"], t["OpenCases.Column.Due"]],
                lines.Select(l => (IReadOnlyList<TableCell>)
                [
                    new(l.Reference, links.Create(l.Reference, memberId!, CaseAction.View).AbsoluteUri),
                    new(Texts.Time(l.ReceivedAt)),
                    new(l.Urgency(t)),
                    new(l.DoorName(t)),
                    new(l.NextPromise(t)),
                    new(l.DueText(t)),
                ]),
                t["OpenCases.None"]);
        if (toDeclare.Count > 0)
        {
            page.Subheading(t["OpenCases.ToDeclare.Heading"])
                .Paragraph(t["OpenCases.ToDeclare.Text"])
                .Table([t["OpenCases.Column.Reference"]], toDeclare.Select(r => (IReadOnlyList<TableCell>)[new(r, links.Create(r, memberId!, CaseAction.View).AbsoluteUri)]), "");
        }

        return committee.Value.Passkeys == PasskeyUse.Off ? page : page.Link(t["OpenCases.PasskeyReset"], PasskeyResetPage.Path);
    }

    /// <summary>The member whose open-cases session this browser holds, or the page refusing it.</summary>
    public async Task<(IResult? Refusal, string? MemberId)> SessionAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (exchange.Held(request, Place) is not { } session)
        {
            return (LinkPages.NoOpenCasesSession(committee.Value.TextsFor(null)), null);
        }

        if (await gate.IsRevokedAsync(session.MemberId, session.IssuedAt, cancellationToken))
        {
            return (LinkPages.Revoked(committee.Value.TextsFor(session.MemberId)), null);
        }

        return committee.Value.Find(session.MemberId) is null ? (LinkPages.NoLongerYours(committee.Value.TextsFor(null)), null) : (null, session.MemberId);
    }

    /// <summary>POST from the link's page: the link is spent and the session starts.</summary>
    public Task<IResult> ExchangeAsync(HttpRequest request, CancellationToken cancellationToken) =>
        exchange.ExchangeAsync(request, Place, cancellationToken);
}
