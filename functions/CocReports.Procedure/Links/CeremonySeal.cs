namespace CocReports.Procedure.Links;

/// <summary>
/// A passkey ceremony's options (its challenge above all), signed into the page that runs it and bound to one member
/// and one place, so the server keeps no state between offering a ceremony and checking its answer. Short-lived: an
/// answer to an old page is refused.
/// </summary>
public sealed class CeremonySeal(LinkOptions options, TimeProvider clock)
{
    static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    readonly SignedToken tokens = new(new SigningKeys(options), KeyPurpose.PasskeyCeremony);

    public string Seal(string scope, string memberId, string ceremony) =>
        tokens.Sign($"{scope}|{memberId}|{clock.GetUtcNow().Add(Lifetime).ToUnixTimeMilliseconds()}|{ceremony}");

    /// <summary>The sealed ceremony, or null when it was altered, is for another member or place, or is too old.</summary>
    public string? Open(string? sealedCeremony, string scope, string memberId) =>
        tokens.Verify(sealedCeremony) is { } payload
        && payload.Split('|', 4) is [var sealedScope, var sealedMember, var expires, var ceremony]
        && sealedScope == scope
        && sealedMember == memberId
        && long.TryParse(expires, out var expiresAt)
        && clock.GetUtcNow().ToUnixTimeMilliseconds() <= expiresAt
            ? ceremony
            : null;
}
