namespace CocReports.Procedure.Links;

/// <summary>
/// What a View link is exchanged for on first use: a short-lived session for one member and one report, kept in
/// a cookie so no URL the browser shows, stores or sends on carries a credential. Signed under its own sub-key, so
/// a session can't pass for a link nor a link for a session.
/// </summary>
public sealed class CaseSessions(LinkOptions options, TimeProvider clock)
{
    readonly SignedToken tokens = new(new SigningKeys(options), "case-session");

    public CaseSession Start(string reference, string memberId)
    {
        var issued = clock.GetUtcNow();
        var expires = issued.Add(options.SessionLifetime);
        var value = tokens.Sign($"{reference}|{memberId}|{issued.ToUnixTimeMilliseconds()}|{expires.ToUnixTimeMilliseconds()}");
        return new CaseSession(value, memberId, Milliseconds(issued), Milliseconds(expires));
    }

    /// <summary>The session's member and start, or null when it was altered, is for another report or has ended.</summary>
    public CaseSession? Check(string? value, string reference)
    {
        if (tokens.Verify(value) is not { } payload
            || payload.Split('|') is not [var sessionReference, var memberId, var issued, var expires]
            || sessionReference != reference
            || !long.TryParse(issued, out var issuedAt)
            || !long.TryParse(expires, out var expiresAt)
            || clock.GetUtcNow().ToUnixTimeMilliseconds() > expiresAt)
        {
            return null;
        }

        return new CaseSession(value!, memberId, DateTimeOffset.FromUnixTimeMilliseconds(issuedAt), DateTimeOffset.FromUnixTimeMilliseconds(expiresAt));
    }

    // Issue times are compared with a member's revocation time: kept to the millisecond.
    static DateTimeOffset Milliseconds(DateTimeOffset at) => DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds());
}

/// <summary>A member's session on one case; <see cref="Value"/> is what the cookie holds.</summary>
public sealed record CaseSession(string Value, string MemberId, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);
