namespace CocReports.Procedure.Links;

/// <summary>Bound from the "Links" configuration section.</summary>
public sealed class LinkOptions
{
    public const string Section = "Links";

    /// <summary>Base64 HMAC key, at least 32 bytes. In Azure it comes from Key Vault.</summary>
    public string SigningKey { get; set; } = "";

    /// <summary>Where the API is reached from a member's mail client, e.g. https://coc.example.org.</summary>
    public Uri PublicBaseUrl { get; set; } = new("http://127.0.0.1:7071");

    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(14);
}
