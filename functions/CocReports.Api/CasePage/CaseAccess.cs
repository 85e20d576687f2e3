using CocReports.Api.Access;
using CocReports.Api.Pages;
using CocReports.Procedure.Committee;
using CocReports.Procedure.Links;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CocReports.Api.CasePage;

/// <summary>
/// Who may open a case: a member of the report's audience in a case session, which their View link starts. The link
/// is exchanged once (<see cref="LinkExchange"/>) for a short-lived cookie scoped to the report, and the browser is sent
/// on to the same page without the token, so evidence links, history and Referer carry no credential. "The incident
/// documentation will not be available to them": a recused or excluded member is refused, and the refusal is kept
/// in the audit trail. Links and sessions of a revoked member, tampered and expired links are refused and change nothing.
/// </summary>
public sealed class CaseAccess(
    MemberLinkGate gate,
    LinkExchange exchange,
    IReportStore reports,
    ICaseStates cases,
    IAuditTrail audit,
    IOptions<CommitteeOptions> committee,
    TimeProvider clock,
    ILogger<CaseAccess> log)
{
    /// <summary>What the audit trail names when the case page itself was opened.</summary>
    public const string CaseView = "case";

    /// <summary>The case session's cookie; its path keeps it to one report.</summary>
    public const string CookieName = "coc-case";

    /// <param name="what">What the member asked for, as the audit trail names it (<see cref="CaseView"/> or a blob name).</param>
    public async Task<(IResult? Refusal, OpenCase? Case)> OpenAsync(
        HttpRequest request, string reference, Func<Report, string> what, CancellationToken cancellationToken)
    {
        if (request.Query.ContainsKey("token"))
        {
            return (await exchange.OfferAsync(request, Place(reference), cancellationToken), null);
        }

        var session = exchange.Held(request, Place(reference));
        if (session is null)
        {
            return (LinkPages.NoSession(), null);
        }

        if (await gate.IsRevokedAsync(session.MemberId, session.IssuedAt, cancellationToken))
        {
            return (LinkPages.Revoked(), null);
        }

        var memberId = session.MemberId;
        var report = await reports.FindAsync(reference, cancellationToken);
        if (report is null)
        {
            // Nothing left to see or protect; the page says no more than for a refused member.
            return (LinkPages.NoLongerYours(), null);
        }

        var state = await cases.GetCaseStateAsync(reference, cancellationToken);
        if (!Audience.For(committee.Value, report, state).Includes(memberId))
        {
            // Kept even when the member's browser gives up: a refusal must not go unrecorded.
            await audit.AppendAsync(reference, new AuditEntry(clock.GetUtcNow(), memberId, what(report), Allowed: false), CancellationToken.None);
            log.LogInformation("Member {MemberId} was refused report {Reference}", memberId, reference);
            return (LinkPages.NoLongerYours(), null);
        }

        return (null, new OpenCase(memberId, report, state));
    }

    /// <summary>Written before anything of the case is sent: no view goes unrecorded.</summary>
    public Task RecordAsync(OpenCase opened, string what, CancellationToken cancellationToken) =>
        audit.AppendAsync(opened.Report.Reference, new AuditEntry(clock.GetUtcNow(), opened.MemberId, what, Allowed: true), cancellationToken);

    /// <summary>POST from the View link's page: the link is spent and the case session starts.</summary>
    public Task<IResult> ExchangeAsync(HttpRequest request, string reference, CancellationToken cancellationToken) =>
        exchange.ExchangeAsync(request, Place(reference), cancellationToken);

    static SessionPlace Place(string reference) =>
        new(reference, CaseAction.View, reference, CookieName, $"/api/reports/{reference}", ActionLinks.PathOf(reference, CaseAction.View), $"Report {reference}");
}

/// <summary>A case a member may see.</summary>
public sealed record OpenCase(string MemberId, Report Report, CaseState State);
