using CocReports.Api.Pages;
using CocReports.Procedure.Links;
using Microsoft.AspNetCore.Http;

namespace CocReports.Api.CasePage;

/// <summary>
/// The answer to a View link: the session cookie (HttpOnly, SameSite=Strict, Secure over https, scoped to the
/// report's path) and a page that sends the browser on to the same address without the token. Not a 3xx: a
/// SameSite=Strict cookie is withheld from a redirect chain that began on another site (the member's webmail),
/// https://owasp.org/www-community/SameSite; a navigation this page starts is same-site, so the cookie goes with it.
/// </summary>
sealed class CaseSessionStarted(CaseSession session, string cookiePath, string cleanPath, bool secure) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Cookies.Append(CaseAccess.CookieName, session.Value, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = secure,
            Path = cookiePath,
            Expires = session.ExpiresAt,
            IsEssential = true,
        });

        return new HtmlPage("Opening the case")
            .Refresh(cleanPath)
            .Heading("Opening the case…")
            .Link("Open the case", cleanPath)
            .ExecuteAsync(httpContext);
    }
}
