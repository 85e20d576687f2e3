using CocReports.Api.Pages;
using CocReports.Procedure.Links;
using CocReports.Procedure.Organizers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CocReports.Api.Organizers;

/// <summary>
/// The check of every organizer link, in one place, for each page it opens (taking a report, checking a response): the
/// link must be genuine, unexpired, issued after any withdrawal of its organizer's links, and its organizer still listed.
/// </summary>
public sealed class OrganizerGate(OrganizerLinks links, IMemberRevocations revocations, IOptions<OrganizerOptions> organizers)
{
    /// <summary>The organizer a usable link names, or the page refusing it: expired, altered, made before links expired, withdrawn, or its organizer removed.</summary>
    public async Task<(IResult? Refusal, Organizer? Organizer)> CheckAsync(string token, CancellationToken cancellationToken)
    {
        var check = links.Check(token, organizers.Value);
        return check.Status == LinkStatus.Expired ? (Expired(), null)
            : check.Organizer is not { } organizer ? (Refused(), null)
            : await revocations.OrganizerNotBeforeAsync(organizer.Id, cancellationToken) is { } notBefore && check.IssuedAt < notBefore ? (Withdrawn(), null)
            : (null, organizer);
    }

    static HtmlPage Expired() =>
        new HtmlPage("This link has expired", StatusCodes.Status410Gone)
            .Heading("This organizer link has expired.")
            .Paragraph("Organizer links work for a limited time. Nothing was sent. Ask the Code of Conduct committee for a new link; a reporter can always use the report form or write to the committee.");

    static HtmlPage Withdrawn() =>
        new HtmlPage("This link was withdrawn", StatusCodes.Status403Forbidden)
            .Heading("This organizer link was withdrawn.")
            .Paragraph("The committee withdrew the links issued to this organizer before a certain time. Nothing was sent. Ask the Code of Conduct committee for a new link; a reporter can always use the report form or write to the committee.");

    static HtmlPage Refused() =>
        new HtmlPage("This link does not work", StatusCodes.Status403Forbidden)
            .Heading("This organizer link does not work.")
            .Paragraph("It may have been changed or made before organizer links expired, or its organizer is no longer on the list for this event. Ask the Code of Conduct committee for a new link; a reporter can always use the report form or write to the committee.");
}
