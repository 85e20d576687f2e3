using CocReports.Api.Pages;
using CocReports.Procedure.Committee;
using CocReports.Procedure.Links;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CocReports.Api.Access;

/// <summary>
/// The first check of every link and case session, in one place: the link must be genuine, unexpired, for this
/// report (or page) and action, and issued after any revocation of its holder's links. Whether the holder may still
/// see a particular report is the caller's next question (<see cref="Audience"/>); a refused link changes nothing.
/// </summary>
public sealed class MemberLinkGate(ActionLinks links, IMemberRevocations revocations, IOptions<CommitteeOptions> committee)
{
    /// <summary>The holder of a usable link for <paramref name="scope"/> (a reference, or a page's scope) and <paramref name="action"/>, or the page refusing it.</summary>
    public async Task<(IResult? Refusal, LinkCheck Check)> CheckAsync(string? token, string scope, CaseAction action, CancellationToken cancellationToken)
    {
        var check = links.Check(token, scope, action);
        return check.Status != LinkStatus.Valid ? (LinkPages.Refused(check.Status, committee.Value.TextsFor(check.MemberId)), check)
            : await IsRevokedAsync(check.MemberId!, check.IssuedAt, cancellationToken) ? (LinkPages.Revoked(committee.Value.TextsFor(check.MemberId)), check)
            : (null, check);
    }

    /// <summary>As <see cref="CheckAsync"/>, and the holder must also still be on the committee.</summary>
    public async Task<(IResult? Refusal, LinkCheck Check)> CheckMemberAsync(string? token, string scope, CaseAction action, CancellationToken cancellationToken)
    {
        var (refusal, check) = await CheckAsync(token, scope, action, cancellationToken);
        return refusal is not null ? (refusal, check)
            : committee.Value.Find(check.MemberId!) is null ? (LinkPages.NoLongerYours(committee.Value.TextsFor(check.MemberId)), check)
            : (null, check);
    }

    /// <summary>Whether a credential issued at <paramref name="issuedAt"/> predates the revocation of its holder's links.</summary>
    public async Task<bool> IsRevokedAsync(string memberId, DateTimeOffset issuedAt, CancellationToken cancellationToken) =>
        await revocations.NotBeforeAsync(memberId, cancellationToken) is { } notBefore && issuedAt < notBefore;
}
