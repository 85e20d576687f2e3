using CocReports.Api.Access;
using CocReports.Api.Pages;
using CocReports.Procedure.Links;
using CocReports.Procedure.Rendering;
using Microsoft.AspNetCore.Http;

namespace CocReports.Api.CasePage;

/// <summary>
/// The answer to an exchanged link (<see cref="LinkExchange"/>): the session cookie (HttpOnly, SameSite=Strict, Secure
/// over https, scoped to the place's path) and a page that sends the browser on to the page without the token. Not a 3xx: a
/// SameSite=Strict cookie is withheld from a redirect chain that began on another site (the member's webmail),
/// https://owasp.org/www-community/SameSite; a navigation this page starts is same-site, so the cookie goes with it.
/// A session renewed by a passkey confirmation shows its own <paramref name="page"/> instead.
/// </summary>
sealed class CaseSessionStarted(CaseSession session, SessionPlace place, bool secure, Texts t, HtmlPage? page = null) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Cookies.Append(place.CookieName, session.Value, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = secure,
            Path = place.CookiePath,
            Expires = session.ExpiresAt,
            IsEssential = true,
        });

        return (page ?? new HtmlPage(place.Title(t), language: t.Language)
            .Refresh(place.Path)
            .Heading(place.Title(t))
            .Link(t["Link.Open"], place.Path))
            .ExecuteAsync(httpContext);
    }
}
