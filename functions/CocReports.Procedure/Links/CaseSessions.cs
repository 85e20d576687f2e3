namespace CocReports.Procedure.Links;

/// <summary>
/// What a View link is exchanged for on first use: a short-lived session for one member and one report, kept in
/// a cookie so no URL the browser shows, stores or sends on carries a credential. Signed under its own sub-key, so
/// a session can't pass for a link nor a link for a session. It also keeps when the member last confirmed with their
/// passkey, which the most sensitive steps ask to be recent.
/// </summary>
public sealed class CaseSessions(LinkOptions options, TimeProvider clock)
{
    readonly SignedToken tokens = new(new SigningKeys(options), KeyPurpose.CaseSession);

    public CaseSession Start(string reference, string memberId, DateTimeOffset? confirmedAt = null)
    {
        var issued = clock.GetUtcNow();
        return Sign(reference, memberId, issued, issued.Add(options.SessionLifetime), confirmedAt);
    }

    /// <summary>The same session (same start and end), now confirmed with the member's passkey.</summary>
    public CaseSession Confirmed(CaseSession session, string reference) =>
        Sign(reference, session.MemberId, session.IssuedAt, session.ExpiresAt, clock.GetUtcNow());

    /// <summary>The session's member and start, or null when it was altered, is for another report or has ended.</summary>
    public CaseSession? Check(string? value, string reference)
    {
        // Sessions started before passkeys existed carry no confirmation time.
        if (tokens.Verify(value) is not { } payload
            || payload.Split('|') is not [var sessionReference, var memberId, var issued, var expires, .. var rest]
            || rest.Length > 1
            || sessionReference != reference
            || !long.TryParse(issued, out var issuedAt)
            || !long.TryParse(expires, out var expiresAt)
            || clock.GetUtcNow().ToUnixTimeMilliseconds() > expiresAt)
        {
            return null;
        }

        DateTimeOffset? confirmedAt = rest is [var confirmed] && long.TryParse(confirmed, out var confirmedMs) ? DateTimeOffset.FromUnixTimeMilliseconds(confirmedMs) : null;
        return new CaseSession(value!, memberId, DateTimeOffset.FromUnixTimeMilliseconds(issuedAt), DateTimeOffset.FromUnixTimeMilliseconds(expiresAt), confirmedAt);
    }

    CaseSession Sign(string reference, string memberId, DateTimeOffset issued, DateTimeOffset expires, DateTimeOffset? confirmedAt)
    {
        var payload = $"{reference}|{memberId}|{issued.ToUnixTimeMilliseconds()}|{expires.ToUnixTimeMilliseconds()}"
            + (confirmedAt is { } at ? $"|{at.ToUnixTimeMilliseconds()}" : "");
        return new CaseSession(tokens.Sign(payload), memberId, Milliseconds(issued), Milliseconds(expires), confirmedAt is { } c ? Milliseconds(c) : null);
    }

    // Issue times are compared with a member's revocation time: kept to the millisecond.
    static DateTimeOffset Milliseconds(DateTimeOffset at) => DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds());
}

/// <summary>A member's session on one case; <see cref="Value"/> is what the cookie holds.</summary>
/// <param name="ConfirmedAt">When the member last confirmed with their passkey in this session, if ever.</param>
public sealed record CaseSession(string Value, string MemberId, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, DateTimeOffset? ConfirmedAt = null);
