namespace CocReports.Procedure.Storage;

/// <summary>
/// A case's audit trail as far as it reached: how many entries, and the start of the newest entry's hash. The weekly
/// digest mails it, so members hold a copy storage cannot change; the case page shows each entry's, to compare.
/// </summary>
/// <param name="Entries">The newest entry's sequence number: 0 when nothing was recorded yet.</param>
/// <param name="Hash">The first <see cref="Length"/> hex digits of the newest entry's hash; empty when there is none.</param>
public sealed record AuditHead(long Entries, string Hash)
{
    /// <summary>64 bits: short enough to compare by eye, too long to find a plain chain that ends on it.</summary>
    public const int Length = 16;

    /// <summary>The head of a trail whose newest stored link is <paramref name="newest"/> (null: none yet).</summary>
    public static AuditHead Of(AuditLink? newest) =>
        newest is null ? new AuditHead(0, "") : new AuditHead(newest.Sequence, ShortHash(newest));

    /// <summary>The digits of a link's hash that a member compares: the scheme's mark left out.</summary>
    public static string ShortHash(AuditLink link)
    {
        var hex = link.Hash[(link.Hash.LastIndexOf(':') + 1)..];
        return hex.Length > Length ? hex[..Length] : hex;
    }

    /// <summary>How the digest names it, one phrase.</summary>
    public string Text => Entries == 0 ? "audit trail empty" : $"audit entry {Entries}, hash {Hash}";
}
