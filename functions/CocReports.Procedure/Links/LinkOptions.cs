using System.ComponentModel.DataAnnotations;

namespace CocReports.Procedure.Links;

/// <summary>Bound from the "Links" configuration section; the keys are checked at start by <see cref="LinkKeysValidation"/>.</summary>
public sealed class LinkOptions
{
    public const string Section = "Links";

    /// <summary>Base64 key, at least 32 bytes: signs links and case sessions, seals receipts. In Azure it comes from Key Vault.</summary>
    public string SigningKey { get; set; } = "";

    /// <summary>
    /// The key <see cref="SigningKey"/> replaced, optional: links and sealed receipts made with it keep working
    /// while it is set. Remove it once the longest link lifetime has passed since the rotation.
    /// </summary>
    public string? PreviousSigningKey { get; set; }

    /// <summary>
    /// Base64 key, at least 32 bytes, never rotated: keys what the app records and must recognise later (pattern
    /// hashes, references derived from idempotency keys, rate-limit counters). Unset, it is <see cref="SigningKey"/>'s
    /// value, as before this setting existed: set it to that value before the signing key is first rotated.
    /// </summary>
    public string? RecordKey { get; set; }

    /// <summary>Where the API is reached from a member's mail client, e.g. https://coc.example.org.</summary>
    [Required]
    public Uri PublicBaseUrl { get; set; } = new("http://127.0.0.1:7071");

    /// <summary>How long an action link (acknowledge, follow up…) works.</summary>
    [Positive]
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How long a View link can be exchanged for a case session; each committee email brings a fresh one.</summary>
    [Positive]
    public TimeSpan ViewLifetime { get; set; } = TimeSpan.FromDays(3);

    /// <summary>
    /// How long an organizer's intake link works: an event's length and its run-up, then the committee makes a new one.
    /// </summary>
    [Positive]
    public TimeSpan OrganizerLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long a case session (the cookie a View link is exchanged for) lasts.</summary>
    [Positive]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(1);
}
