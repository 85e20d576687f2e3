using CocReports.Api.Pages;
using CocReports.Procedure.Committee;
using CocReports.Procedure.Links;
using CocReports.Procedure.Organizers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CocReports.Api.Organizers;

/// <summary>
/// The check of every organizer link, in one place, for each page it opens (taking a report, checking a response): the
/// link must be genuine, unexpired, issued after any withdrawal of its organizer's links, and its organizer still listed.
/// </summary>
public sealed class OrganizerGate(OrganizerLinks links, IMemberRevocations revocations, IOptions<OrganizerOptions> organizers, IOptions<CommitteeOptions> committee)
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

    HtmlPage Expired() => Page("Organizer.Expired", StatusCodes.Status410Gone);

    HtmlPage Withdrawn() => Page("Organizer.Withdrawn", StatusCodes.Status403Forbidden);

    HtmlPage Refused() => Page("Organizer.Refused", StatusCodes.Status403Forbidden);

    // Organizers read the committee's language: the community's own.
    HtmlPage Page(string key, int statusCode)
    {
        var t = committee.Value.TextsFor(null);
        return new HtmlPage(t[key + ".Title"], statusCode, t.Language).Heading(t[key + ".Heading"]).Paragraph(t[key + ".Text"]);
    }
}
