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
        ActionLinks.OpenCasesScope, CaseAction.OpenCases, "open-cases-links", CookieName, "/api/open-cases", "/api/open-cases", "Your open cases");

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

        var page = new HtmlPage("Open cases")
            .Heading("Your open cases")
            .Paragraph("The open cases you handle, overdue first, then by the date the next promise is due. Each reference opens its case page.")
            .Table(
                ["Reference", "Received", "Urgency", "Came in by", "Next promise", "Due"],
                lines.Select(l => (IReadOnlyList<TableCell>)
                [
                    new(l.Reference, links.Create(l.Reference, memberId!, CaseAction.View).AbsoluteUri),
                    new(Texts.Time(l.ReceivedAt)),
                    new(l.Urgency),
                    new(l.DoorName),
                    new(l.NextPromise),
                    new(l.DueText),
                ]),
                "You have no open cases.");
        if (toDeclare.Count > 0)
        {
            page.Subheading("Cases to declare your conflicts on first")
                .Paragraph("These cases came in before you joined the committee. Open each to declare whether you have a conflict of interest with it: "
                    + "nothing of a case is shown before you have, and once you have, it is listed above with its deadlines.")
                .Table(["Reference"], toDeclare.Select(r => (IReadOnlyList<TableCell>)[new(r, links.Create(r, memberId!, CaseAction.View).AbsoluteUri)]), "");
        }

        return committee.Value.Passkeys == PasskeyUse.Off ? page : page.Link("A member lost every passkey? Vouch to reset them", PasskeyResetPage.Path);
    }

    /// <summary>The member whose open-cases session this browser holds, or the page refusing it.</summary>
    public async Task<(IResult? Refusal, string? MemberId)> SessionAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (exchange.Held(request, Place) is not { } session)
        {
            return (LinkPages.NoOpenCasesSession(), null);
        }

        if (await gate.IsRevokedAsync(session.MemberId, session.IssuedAt, cancellationToken))
        {
            return (LinkPages.Revoked(), null);
        }

        return committee.Value.Find(session.MemberId) is null ? (LinkPages.NoLongerYours(), null) : (null, session.MemberId);
    }

    /// <summary>POST from the link's page: the link is spent and the session starts.</summary>
    public Task<IResult> ExchangeAsync(HttpRequest request, CancellationToken cancellationToken) =>
        exchange.ExchangeAsync(request, Place, cancellationToken);
}
