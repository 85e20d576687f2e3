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

    /// <summary>Shown to a recused or excluded member. It says no more than that: not even whether the report exists.</summary>
    public static IResult NoLongerYours() =>
        new HtmlPage("This link no longer works", StatusCodes.Status403Forbidden)
            .Heading("This link no longer works.")
            .Paragraph("Nothing was changed. You are not handling this report.");
}
