using CocReports.Api.CasePage;
using CocReports.Api.Pages;
using CocReports.Api.Requests;
using CocReports.Procedure.Links;
using CocReports.Procedure.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CocReports.Api.Access;

/// <summary>
/// How a member link that opens a page (a case's View link, the open-cases link) becomes a session, once: the first
/// exchange spends the link and sets a short session cookie in that browser, so a leaked link (a shared laptop's
/// history, a forwarded mail, a gateway that logs URLs) opens nothing from another browser. Following the link is a
/// GET that only offers the exchange as a button, so a mail gateway that fetches links to scan them spends nothing;
/// the button's POST spends it. The same member following their link again in the browser that holds their session
/// is sent on; a browser holding another member's session is refused rather than switched (session fixation).
/// </summary>
public sealed class LinkExchange(MemberLinkGate gate, CaseSessions sessions, ILinkLedger linkLedger, IOptions<LinkOptions> linkOptions)
{
    /// <summary>GET with a token: the button that opens the page, or why it can't.</summary>
    public async Task<IResult> OfferAsync(HttpRequest request, SessionPlace place, CancellationToken cancellationToken)
    {
        var token = request.Query["token"].ToString();
        var (refusal, check) = await gate.CheckMemberAsync(token, place.Scope, place.Action, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (Held(request, place) is { } held)
        {
            return SendOn(held, check, place);
        }

        if (await linkLedger.IsLinkUsedAsync(place.SpentUnder, check.LinkId!, cancellationToken))
        {
            return LinkPages.AlreadyOpened();
        }

        return new HtmlPage(place.Title)
            .Heading(place.Title)
            .Paragraph("This link opens the page once, in this browser, for a short while. To open it on another device, use a newer email.")
            .Form(place.Path, "Open", new Dictionary<string, string> { ["token"] = token });
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

        if (Held(request, place) is { } held)
        {
            return SendOn(held, check, place);
        }

        // Atomic: of two browsers posting one link, only one gets the session.
        if (!await linkLedger.TryUseLinkAsync(place.SpentUnder, check.LinkId!, cancellationToken))
        {
            return LinkPages.AlreadyOpened();
        }

        var secure = request.IsHttps || linkOptions.Value.PublicBaseUrl.Scheme == Uri.UriSchemeHttps;
        return new CaseSessionStarted(sessions.Start(place.Scope, check.MemberId!), place, secure);
    }

    /// <summary>The session this browser holds for the place, if any and still good.</summary>
    public CaseSession? Held(HttpRequest request, SessionPlace place) => sessions.Check(request.Cookies[place.CookieName], place.Scope);

    static IResult SendOn(CaseSession held, LinkCheck check, SessionPlace place) =>
        held.MemberId == check.MemberId
            ? new HtmlPage(place.Title).Refresh(place.Path).Heading(place.Title).Link("Open", place.Path)
            : LinkPages.AnotherMembersSession();
}

/// <summary>A page a member link opens into a session.</summary>
/// <param name="Scope">What the link and the session are for: a report's reference, or a page's scope.</param>
/// <param name="SpentUnder">Where spent links are kept (a report's own partition, or the page's).</param>
/// <param name="CookiePath">Where the session's cookie goes: the page and what it links to (a case's evidence, say).</param>
/// <param name="Path">The page's address without a token.</param>
public sealed record SessionPlace(string Scope, CaseAction Action, string SpentUnder, string CookieName, string CookiePath, string Path, string Title);
