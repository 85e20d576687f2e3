using CocReports.Api.OpenCases;
using CocReports.Procedure.Links;
using CocReports.Procedure.Rendering;
using Microsoft.AspNetCore.Http;

namespace CocReports.Api.Pages;

/// <summary>
/// The clear pages a member sees when a link can't be used. Each changes nothing. In the words of the member who
/// holds the link, or the committee's where the link names no one it can trust.
/// </summary>
public static class LinkPages
{
    public static IResult Refused(LinkStatus status, Texts t) => status switch
    {
        LinkStatus.Expired => Page(t, "Link.Expired", StatusCodes.Status410Gone),
        _ => Page(t, "Link.NotValid", StatusCodes.Status400BadRequest),
    };

    /// <summary>An action link that already acted: from then on it only points to where the member signs in.</summary>
    public static IResult AlreadyUsed(Texts t) => Page(t, "Link.AlreadyUsed", StatusCodes.Status409Conflict).Link(t["SignIn.FromLink"], SignInPage.Path);

    /// <summary>A View or open-cases link that already opened its page in a browser: it opens nothing elsewhere, and points to the sign-in.</summary>
    public static IResult AlreadyOpened(Texts t) => Page(t, "Link.AlreadyOpened", StatusCodes.Status409Conflict).Link(t["SignIn.FromLink"], SignInPage.Path);

    /// <summary>A link followed in a browser that holds another member's session there: it is not switched silently.</summary>
    public static IResult AnotherMembersSession(Texts t) => Page(t, "Link.AnotherMember", StatusCodes.Status409Conflict);

    /// <summary>Shown to a recused or excluded member. It says no more than that: not even whether the report exists.</summary>
    public static IResult NoLongerYours(Texts t) => Page(t, "Link.NoLongerYours", StatusCodes.Status403Forbidden);

    /// <summary>A case page opened without a case session (a bookmark, another browser, a session that ended).</summary>
    public static IResult NoSession(Texts t) => Page(t, "Link.NoSession", StatusCodes.Status401Unauthorized).Link(t["SignIn.FromLink"], SignInPage.Path);

    /// <summary>The open-cases page opened without its session.</summary>
    public static IResult NoOpenCasesSession(Texts t) => Page(t, "Link.NoOpenCasesSession", StatusCodes.Status401Unauthorized).Link(t["SignIn.FromLink"], SignInPage.Path);

    /// <summary>A link or session issued before the member's links were revoked.</summary>
    public static IResult Revoked(Texts t) => Page(t, "Link.Revoked", StatusCodes.Status403Forbidden);

    // Each refusal is a title, a heading and one paragraph, under one key prefix.
    static HtmlPage Page(Texts t, string key, int statusCode) =>
        new HtmlPage(t[key + ".Title"], statusCode, t.Language).Heading(t[key + ".Heading"]).Paragraph(t[key + ".Text"]);
}
