using System.Security.Cryptography;
using CocReports.Procedure.Rendering;

namespace CocReports.Procedure.Links;

/// <summary>
/// Signed links that let a committee member act from an email without an account. Each is bound to one report,
/// one member and one action, names when it was issued (so a member's links can be revoked, see
/// <see cref="IMemberRevocations"/>), and expires: View links sooner, since every email brings a fresh one.
/// </summary>
public sealed class ActionLinks(LinkOptions options, TimeProvider clock)
{
    /// <summary>The member id reporters' links are bound to: reporters have no member id of their own.</summary>
    public const string Reporter = "reporter";

    /// <summary>Who holds the link in the committee's notice to the reported person: no member, and not the reporter.</summary>
    public const string ReportedPerson = "reported-person";

    readonly SignedToken tokens = new(new SigningKeys(options), KeyPurpose.Links);

    /// <summary>The current and previous keys, for the other purposes that sign or seal.</summary>
    public SigningKeys Keys { get; } = new(options);

    /// <summary>
    /// A sub-key for what the app records and must recognise later (pattern hashes, references from idempotency keys,
    /// rate-limit counters): from the record key, so rotating the signing key changes none of them.
    /// </summary>
    public byte[] DeriveRecordKey(KeyPurpose purpose) => Keys.Record.Derive(purpose);

    /// <summary>What a transparency link is bound to in place of a report's reference.</summary>
    public const string TransparencyScope = "transparency";

    /// <summary>What an open-cases link is bound to in place of a report's reference.</summary>
    public const string OpenCasesScope = "open-cases";

    public Uri Create(string reference, string memberId, CaseAction action) =>
        new(options.PublicBaseUrl, $"{PathOf(reference, action)}?token={Token(reference, memberId, action)}");

    /// <summary>The reported person's link to give their statement: it works once, until the window they were given closes.</summary>
    public Uri CreateStatement(string reference, DateTimeOffset until) =>
        new(options.PublicBaseUrl, $"{PathOf(reference, CaseAction.Statement)}?token={Token(reference, ReportedPerson, CaseAction.Statement, until - clock.GetUtcNow())}");

    /// <summary>
    /// A party's link to appeal the resolution (held by <see cref="Reporter"/> or <see cref="ReportedPerson"/>): it works
    /// once, until <paramref name="until"/>, the end of the appeal window; the case's rule checks the window again.
    /// </summary>
    public Uri CreateAppeal(string reference, string party, DateTimeOffset until) =>
        new(options.PublicBaseUrl, $"{PathOf(reference, CaseAction.Appeal)}?token={Token(reference, party, CaseAction.Appeal, until - clock.GetUtcNow())}");

    /// <summary>A member's link to the transparency report page, in every committee email; checked with <see cref="TransparencyScope"/>.</summary>
    public Uri CreateTransparency(string memberId) =>
        new(options.PublicBaseUrl, $"/api/transparency?token={Token(TransparencyScope, memberId, CaseAction.Transparency)}");

    /// <summary>
    /// A member's link to their open cases, in every committee email and the digest; checked with <see cref="OpenCasesScope"/>.
    /// As short-lived as a View link: the page hands out View links, and every email brings a fresh one.
    /// </summary>
    public Uri CreateOpenCases(string memberId) =>
        new(options.PublicBaseUrl, $"/api/open-cases?token={Token(OpenCasesScope, memberId, CaseAction.OpenCases)}");

    /// <summary>What an escalation contact's link to vouch for <paramref name="memberId"/>'s passkey reset is bound to.</summary>
    public static string PasskeyResetScope(string memberId) => $"passkey-reset/{memberId}";

    /// <summary>
    /// An escalation contact's link to vouch for resetting <paramref name="memberId"/>'s passkeys, as the second voucher
    /// of a committee of two: it works only as long as the vouches may stand together.
    /// </summary>
    public Uri CreatePasskeyResetVouch(string memberId, string voucherId) =>
        new(options.PublicBaseUrl, $"/api/passkey-reset?member={Uri.EscapeDataString(memberId)}&token={Token(PasskeyResetScope(memberId), voucherId, CaseAction.VouchPasskeyReset, Passkeys.PasskeyResetRule.Within)}");

    /// <summary>
    /// The token an action's form on the case page posts, checked and spent exactly like a link's. It lives only as long
    /// as a case session: the page mints a fresh one each time it is shown.
    /// </summary>
    public string CreateForPage(string reference, string memberId, CaseAction action) =>
        Token(reference, memberId, action, options.SessionLifetime);

    /// <summary>
    /// How long a "did you send this report?" link works: a week, for a reporter who reads their mail once a week. Not
    /// the committee's <see cref="LinkOptions.Lifetime"/>: a link lying longer in a mailbox someone forged as the sender
    /// is only a risk, and the sender who writes again gets a fresh one.
    /// </summary>
    public static readonly TimeSpan ConfirmSenderLifetime = TimeSpan.FromDays(7);

    string Token(string reference, string memberId, CaseAction action) =>
        Token(reference, memberId, action, action switch
        {
            CaseAction.View or CaseAction.OpenCases => options.ViewLifetime,
            CaseAction.ConfirmSender => ConfirmSenderLifetime,
            _ => options.Lifetime,
        });

    string Token(string reference, string memberId, CaseAction action, TimeSpan lifetime)
    {
        var issued = clock.GetUtcNow();
        var expires = issued.Add(lifetime).ToUnixTimeSeconds();
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        return tokens.Sign($"{reference}|{memberId}|{action}|{issued.ToUnixTimeMilliseconds()}|{expires}|{nonce}");
    }

    public LinkCheck Check(string? token, string reference, CaseAction action)
    {
        if (tokens.Verify(token) is not { } payload
            || payload.Split('|') is not [var linkReference, var memberId, var linkAction, var issued, var expires, var nonce]
            || linkReference != reference
            || linkAction != action.ToString()
            || !long.TryParse(issued, out var issuedAt)
            || !long.TryParse(expires, out var expiresAt))
        {
            return LinkCheck.Tampered;
        }

        return clock.GetUtcNow().ToUnixTimeSeconds() > expiresAt
            ? LinkCheck.Expired
            : new LinkCheck(LinkStatus.Valid, memberId, nonce, DateTimeOffset.FromUnixTimeMilliseconds(issuedAt));
    }

    /// <summary>Where an action on a report is shown and posted, whether reached by a link or from the case page.</summary>
    public static string PathOf(string reference, CaseAction action) => $"/api/reports/{Uri.EscapeDataString(reference)}/{PathOf(action)}";

    /// <summary>"follow-up", "status-update"…: the path segment that names the action.</summary>
    public static string PathOf(CaseAction action) => Words.Split(action.ToString(), '-').ToLowerInvariant();
}
