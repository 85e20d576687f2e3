using CocReports.Api.CasePage;
using CocReports.Api.Pages;
using CocReports.Api.Requests;
using CocReports.Procedure.Committee;
using CocReports.Procedure.Links;
using CocReports.Procedure.Passkeys;
using CocReports.Procedure.Rendering;
using CocReports.Procedure.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CocReports.Api.Access;

/// <summary>
/// How a member link that opens a page (a case's View link, the open-cases link) becomes a session, once: the first
/// exchange spends the link and sets a short session cookie in that browser, so a leaked link (a shared laptop's
/// history, a forwarded mail, a gateway that logs URLs) opens nothing from another browser. Following the link is a
/// GET that only offers the exchange as a button, so a mail gateway that fetches links to scan them spends nothing;
/// the button's POST spends it. The same member following their link again in the browser that holds their session
/// is sent on; a browser holding another member's session is refused rather than switched (session fixation).
/// Once the member has a passkey (<see cref="PasskeyRule.SignInNeeded"/>), the button also asks for it, on the same
/// page, and the link is spent only when the passkey's answer verifies: a leaked link without the device opens nothing.
/// </summary>
public sealed class LinkExchange(
    MemberLinkGate gate,
    CaseSessions sessions,
    ILinkLedger linkLedger,
    IPasskeyStore passkeys,
    PasskeyCeremony ceremony,
    IAuditTrail audit,
    IOptions<CommitteeOptions> committee,
    IOptions<LinkOptions> linkOptions,
    TimeProvider clock,
    ILogger<LinkExchange> log)
{
    /// <summary>What the audit trail names a sign-in with a passkey by.</summary>
    public const string SignedIn = "passkey.signed-in";

    /// <summary>GET with a token: the button that opens the page, or why it can't.</summary>
    public async Task<IResult> OfferAsync(HttpRequest request, SessionPlace place, CancellationToken cancellationToken)
    {
        var token = request.Query["token"].ToString();
        var (refusal, check) = await gate.CheckMemberAsync(token, place.Scope, place.Action, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var t = committee.Value.TextsFor(check.MemberId);
        if (Held(request, place) is { } held)
        {
            return SendOn(held, check, place, t);
        }

        if (await linkLedger.IsLinkUsedAsync(place.SpentUnder, check.LinkId!, cancellationToken))
        {
            return LinkPages.AlreadyOpened(t);
        }

        var page = new HtmlPage(place.Title(t), language: t.Language)
            .Heading(place.Title(t))
            .Paragraph(t["Link.OpensOnce"]);
        var fields = new Dictionary<string, string> { ["token"] = token };
        var owned = await passkeys.ForMemberAsync(check.MemberId!, cancellationToken);
        if (PasskeyRule.SignInNeeded(committee.Value, owned.Count > 0))
        {
            page.RunsPasskeys().Paragraph(t["Link.AsksPasskey"]);
            foreach (var (name, value) in ceremony.ToConfirm(place.Scope, check.MemberId!, owned))
            {
                fields[name] = value;
            }
        }

        return page.Form(place.Path, t["Link.Open"], fields);
    }

    /// <summary>POST from the button: spends the link and starts the session, or says why not.</summary>
    public async Task<IResult> ExchangeAsync(HttpRequest request, SessionPlace place, CancellationToken cancellationToken)
    {
        var (tooLarge, form) = await SmallForm.ReadAsync(request, cancellationToken);
        if (tooLarge is not null)
        {
            return tooLarge;
        }

        var (refusal, check) = await gate.CheckMemberAsync(form["token"].ToString(), place.Scope, place.Action, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var t = committee.Value.TextsFor(check.MemberId);
        if (Held(request, place) is { } held)
        {
            return SendOn(held, check, place, t);
        }

        // The passkey first: a link whose holder can't confirm is not spent, so the member's own next try still works.
        var memberId = check.MemberId!;
        var owned = await passkeys.ForMemberAsync(memberId, cancellationToken);
        var passkeyNeeded = PasskeyRule.SignInNeeded(committee.Value, owned.Count > 0);
        var confirmedWith = passkeyNeeded ? await ceremony.ConfirmAsync(form, place.Scope, memberId, owned, cancellationToken) : null;
        if (passkeyNeeded && confirmedWith is null)
        {
            await RecordAsync(place, memberId, allowed: false);
            log.LogWarning("A link of member {MemberId} for {Scope} came without a passkey that verifies; it was not spent", memberId, place.Scope);
            return PasskeyPages.NotConfirmed(t);
        }

        // Atomic: of two browsers posting one link, only one gets the session.
        if (!await linkLedger.TryUseLinkAsync(place.SpentUnder, check.LinkId!, cancellationToken))
        {
            return LinkPages.AlreadyOpened(t);
        }

        if (confirmedWith is not null)
        {
            await RecordAsync(place, memberId, allowed: true);
            log.LogInformation("Member {MemberId} signed in to {Scope} with passkey {Passkey}", memberId, place.Scope, confirmedWith.ShortId);
        }

        return Started(request, sessions.Start(place.Scope, memberId, confirmedWith is null ? null : clock.GetUtcNow()), place);
    }

    /// <summary>Sets the session's cookie and shows <paramref name="page"/>, or sends the browser on to the place.</summary>
    public IResult Started(HttpRequest request, CaseSession session, SessionPlace place, HtmlPage? page = null) =>
        new CaseSessionStarted(session, place, request.IsHttps || linkOptions.Value.PublicBaseUrl.Scheme == Uri.UriSchemeHttps, committee.Value.TextsFor(session.MemberId), page);

    // A case's own trail records each sign-in with a passkey and each refused one; a page of no case has no trail.
    Task RecordAsync(SessionPlace place, string memberId, bool allowed) =>
        place.Trail is { } reference
            ? audit.AppendAsync(reference, new AuditEntry(clock.GetUtcNow(), memberId, SignedIn, allowed), CancellationToken.None)
            : Task.CompletedTask;

    /// <summary>The session this browser holds for the place, if any and still good.</summary>
    public CaseSession? Held(HttpRequest request, SessionPlace place) => sessions.Check(request.Cookies[place.CookieName], place.Scope);

    static IResult SendOn(CaseSession held, LinkCheck check, SessionPlace place, Texts t) =>
        held.MemberId == check.MemberId
            ? new HtmlPage(place.Title(t), language: t.Language).Refresh(place.Path).Heading(place.Title(t)).Link(t["Link.Open"], place.Path)
            : LinkPages.AnotherMembersSession(t);
}

/// <summary>A page a member link opens into a session.</summary>
/// <param name="Scope">What the link and the session are for: a report's reference, or a page's scope.</param>
/// <param name="SpentUnder">Where spent links are kept (a report's own partition, or the page's).</param>
/// <param name="CookiePath">Where the session's cookie goes: the page and what it links to (a case's evidence, say).</param>
/// <param name="Path">The page's address without a token.</param>
/// <param name="Title">The page's title in the words of the member who opens it.</param>
/// <param name="Trail">The report whose audit trail records sign-ins here, for a case.</param>
public sealed record SessionPlace(string Scope, CaseAction Action, string SpentUnder, string CookieName, string CookiePath, string Path, Func<Texts, string> Title, string? Trail = null);
