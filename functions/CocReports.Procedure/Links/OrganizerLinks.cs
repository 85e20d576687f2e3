using CocReports.Procedure.Organizers;

namespace CocReports.Procedure.Links;

/// <summary>
/// An organizer's personal intake link. It is signed for its own purpose, so it opens nothing but the intake page (no
/// case page, no status page, no report, including the ones its holder filed), and it names only the organizer: it
/// stops working the moment they are removed from the configuration.
/// </summary>
public sealed class OrganizerLinks(LinkOptions options)
{
    public const string Path = "/api/organizer/intake";

    readonly SignedToken tokens = new(new SigningKeys(options), "organizer-intake");

    public Uri Create(string organizerId) => new(options.PublicBaseUrl, $"{Path}?token={tokens.Sign("organizer|" + organizerId)}");

    /// <summary>The organizer the token was made for, while they are still configured; null otherwise.</summary>
    public Organizer? Check(string? token, OrganizerOptions organizers) =>
        tokens.Verify(token) is { } payload && payload.Split('|') is ["organizer", var id] ? organizers.Find(id) : null;
}
