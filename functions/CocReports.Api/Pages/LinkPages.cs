using CocReports.Procedure.Links;
using Microsoft.AspNetCore.Http;

namespace CocReports.Api.Pages;

/// <summary>The clear pages a member sees when a link can't be used. Each changes nothing.</summary>
public static class LinkPages
{
    public static IResult Refused(LinkStatus status) => status switch
    {
        LinkStatus.Expired => new HtmlPage("This link has expired", StatusCodes.Status410Gone)
            .Heading("This link has expired.")
            .Paragraph("Nothing was changed. Use the link in the most recent email about this report."),
        _ => new HtmlPage("This link is not valid", StatusCodes.Status400BadRequest)
            .Heading("This link is not valid.")
            .Paragraph("Nothing was changed. The link may have been altered or cut short; open it again from the email."),
    };

    public static IResult AlreadyUsed() =>
        new HtmlPage("This link was already used", StatusCodes.Status409Conflict)
            .Heading("This link was already used.")
            .Paragraph("Nothing was changed. Each action link works once; the newest email about this report has fresh links.");

    /// <summary>A View or open-cases link that already opened its page in a browser: it opens nothing elsewhere.</summary>
    public static IResult AlreadyOpened() =>
        new HtmlPage("This link was already used", StatusCodes.Status409Conflict)
            .Heading("This link was already used.")
            .Paragraph("Nothing was changed. Each link opens its page once, in one browser; to open it here, use the link in your newest email.");

    /// <summary>A link followed in a browser that holds another member's session there: it is not switched silently.</summary>
    public static IResult AnotherMembersSession() =>
        new HtmlPage("This browser is signed in as someone else", StatusCodes.Status409Conflict)
            .Heading("This browser is signed in as another committee member.")
            .Paragraph("Nothing was changed. Open the link in a private window or another browser, or wait until that session ends.");

    /// <summary>Shown to a recused or excluded member. It says no more than that: not even whether the report exists.</summary>
    public static IResult NoLongerYours() =>
        new HtmlPage("This link no longer works", StatusCodes.Status403Forbidden)
            .Heading("This link no longer works.")
            .Paragraph("Nothing was changed. You are not handling this report.");

    /// <summary>A case page opened without a case session (a bookmark, another browser, a session that ended).</summary>
    public static IResult NoSession() =>
        new HtmlPage("Open this case from your email", StatusCodes.Status401Unauthorized)
            .Heading("Open this case from your email.")
            .Paragraph("Nothing was changed. Case pages open from the View link in the most recent email about the report, and stay open for a short while in the browser that opened them.");

    /// <summary>The open-cases page opened without its session.</summary>
    public static IResult NoOpenCasesSession() =>
        new HtmlPage("Open your cases from your email", StatusCodes.Status401Unauthorized)
            .Heading("Open your cases from your email.")
            .Paragraph("Nothing was changed. This page opens from the Open cases link in a committee email or the weekly digest, and stays open for a short while in the browser that opened it.");

    /// <summary>A link or session issued before the member's links were revoked.</summary>
    public static IResult Revoked() =>
        new HtmlPage("This link was withdrawn", StatusCodes.Status403Forbidden)
            .Heading("This link was withdrawn.")
            .Paragraph("Nothing was changed. Links sent to you before a certain time no longer work; the next email about this report brings one that does.");
}
