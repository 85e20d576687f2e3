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
/// Who may open a case: the holder of a valid View link who is in the report's audience. "The incident
/// documentation will not be available to them": a recused or excluded member is refused, and the refusal is kept
/// in the audit trail. Tampered and expired links name no member; they are refused and change nothing.
/// </summary>
public sealed class CaseAccess(
    ActionLinks links,
    IReportStore reports,
    IAuditTrail audit,
    IOptions<CommitteeOptions> committee,
    TimeProvider clock,
    ILogger<CaseAccess> log)
{
    /// <summary>What the audit trail names when the case page itself was opened.</summary>
    public const string CaseView = "case";

    /// <param name="what">What the member asked for, as the audit trail names it (<see cref="CaseView"/> or a blob name).</param>
    public async Task<(IResult? Refusal, OpenCase? Case)> OpenAsync(
        HttpRequest request, string reference, Func<Report, string> what, CancellationToken cancellationToken)
    {
        var token = request.Query["token"].ToString();
        var check = links.Check(token, reference, CaseAction.View);
        if (check.Status != LinkStatus.Valid)
        {
            return (LinkPages.Refused(check.Status), null);
        }

        var memberId = check.MemberId!;
        var report = await reports.FindAsync(reference, cancellationToken);
        if (report is null)
        {
            // Nothing left to see or protect; the page says no more than for a refused member.
            return (LinkPages.NoLongerYours(), null);
        }

        var state = await reports.GetCaseStateAsync(reference, cancellationToken);
        if (!Audience.For(committee.Value, report, state).Includes(memberId))
        {
            // Kept even when the member's browser gives up: a refusal must not go unrecorded.
            await audit.AppendAsync(reference, new AuditEntry(clock.GetUtcNow(), memberId, what(report), Allowed: false), CancellationToken.None);
            log.LogInformation("Member {MemberId} was refused report {Reference}", memberId, reference);
            return (LinkPages.NoLongerYours(), null);
        }

        return (null, new OpenCase(memberId, token, report, state));
    }

    /// <summary>Written before anything of the case is sent: no view goes unrecorded.</summary>
    public Task RecordAsync(OpenCase opened, string what, CancellationToken cancellationToken) =>
        audit.AppendAsync(opened.Report.Reference, new AuditEntry(clock.GetUtcNow(), opened.MemberId, what, Allowed: true), cancellationToken);
}

/// <summary>A case a member may see, with the View token that opened it (evidence links carry the same token).</summary>
public sealed record OpenCase(string MemberId, string Token, Report Report, CaseState State);
