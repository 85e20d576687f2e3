using CocReports.Procedure.Organizers;

namespace CocReports.Procedure.Links;

/// <summary>
/// An organizer's personal intake link. It is signed for its own purpose, so it opens nothing but the intake page (no
/// case page, no status page, no report, including the ones its holder filed). It names its organizer and when it was
/// issued, so the organizer's links can be revoked (<see cref="IMemberRevocations.OrganizerNotBeforeAsync"/>), and it
/// expires; it also stops working the moment its organizer is removed from the configuration.
/// </summary>
public sealed class OrganizerLinks(LinkOptions options, TimeProvider clock)
{
    public const string Path = "/api/organizer/intake";

    readonly SignedToken tokens = new(new SigningKeys(options), KeyPurpose.OrganizerIntake);

    public Uri Create(string organizerId)
    {
        var issued = clock.GetUtcNow();
        var expires = issued.Add(options.OrganizerLifetime).ToUnixTimeSeconds();
        return new(options.PublicBaseUrl, $"{Path}?token={tokens.Sign($"organizer|{organizerId}|{issued.ToUnixTimeMilliseconds()}|{expires}")}");
    }

    /// <summary>
    /// The organizer the token was made for, while it is unexpired and they are still configured. A link made before
    /// links expired ("organizer|id", no times) is refused like an altered one: it could have leaked at any time since.
    /// </summary>
    public OrganizerLinkCheck Check(string? token, OrganizerOptions organizers)
    {
        if (tokens.Verify(token) is not { } payload
            || payload.Split('|') is not ["organizer", var id, var issued, var expires]
            || !long.TryParse(issued, out var issuedAt)
            || !long.TryParse(expires, out var expiresAt))
        {
            return OrganizerLinkCheck.Tampered;
        }

        return clock.GetUtcNow().ToUnixTimeSeconds() > expiresAt ? OrganizerLinkCheck.Expired
            : organizers.Find(id) is { } organizer ? new OrganizerLinkCheck(LinkStatus.Valid, organizer, DateTimeOffset.FromUnixTimeMilliseconds(issuedAt))
            : OrganizerLinkCheck.Tampered;
    }
}

/// <summary>The outcome of checking an organizer's link: <see cref="Organizer"/> and <see cref="IssuedAt"/> are set only when Valid.</summary>
public sealed record OrganizerLinkCheck(LinkStatus Status, Organizer? Organizer, DateTimeOffset IssuedAt = default)
{
    public static readonly OrganizerLinkCheck Tampered = new(LinkStatus.Tampered, null);
    public static readonly OrganizerLinkCheck Expired = new(LinkStatus.Expired, null);
}
