using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CocReports.Procedure.Storage;

/// <summary>
/// The hash chain of a case's audit trail. Each entry's hash covers the report's reference, its sequence number, its
/// fields and the previous entry's hash, so changing an entry breaks its own hash, deleting one leaves a gap in the
/// sequence, and reordering breaks the links. The hash is an HMAC-SHA256 under a sub-key of the record key, which
/// storage never holds, so whoever can write the table cannot re-hash what they change. Removing the newest entries
/// leaves a shorter chain that still holds: the head the weekly digest mailed (<see cref="AuditHead"/>) shows it.
/// </summary>
/// <param name="key">The chain's key: a sub-key of the record key, so no rotation of the signing key strands a trail.</param>
/// <param name="keyedSince">When the chain was keyed (<see cref="AuditOptions.KeyedSince"/>); null: always.</param>
public sealed class AuditChain(byte[] key, DateTimeOffset? keyedSince = null)
{
    /// <summary>What the first entry of a case names as its previous hash.</summary>
    public static readonly string Genesis = new('0', 64);

    // Marks a keyed hash; entries written before the chain was keyed carry a bare SHA-256.
    const string Keyed = "hmac-v1:";

    /// <summary>The entry chained after <paramref name="previous"/> (null for a case's first).</summary>
    public AuditLink Next(string reference, AuditLink? previous, AuditEntry entry)
    {
        // Storage keeps times to the millisecond at best; a hash over finer ticks would not verify once read back.
        var stored = entry with { At = new DateTimeOffset(entry.At.UtcTicks - (entry.At.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero) };
        var sequence = (previous?.Sequence ?? 0) + 1;
        var previousHash = previous?.Hash ?? Genesis;
        return new AuditLink(sequence, stored, previousHash, MacOf(reference, sequence, stored, previousHash));
    }

    /// <summary>
    /// Checks the links in the order they are stored and names the first that does not hold. Each link is checked by
    /// its own scheme, so a trail begun before the chain was keyed still verifies; but a bare hash where the chain was
    /// keyed (after a keyed link, dated after the cut-over, or anywhere in the trail of a case received after it) is
    /// an entry re-hashed without the key: else a whole trail rewritten in bare hashes would pass for one from before.
    /// </summary>
    /// <param name="receivedAt">When the case was received: its trail cannot have begun before.</param>
    public AuditVerification Verify(string reference, DateTimeOffset receivedAt, IReadOnlyList<AuditLink> links)
    {
        var previousHash = Genesis;
        var keyed = false;
        for (var i = 0; i < links.Count; i++)
        {
            var link = links[i];
            var expected = i + 1L;
            if (link.Sequence != expected)
            {
                return new AuditVerification(links.Count, expected, $"Entry {expected} is missing or out of place: entry {link.Sequence} stands where it should be.");
            }

            if (link.PreviousHash != previousHash)
            {
                return new AuditVerification(links.Count, expected, $"Entry {expected} does not follow the entry before it.");
            }

            if (link.Hash.StartsWith(Keyed, StringComparison.Ordinal))
            {
                keyed = true;
            }
            else if (keyed || !BeforeTheKey(receivedAt, link))
            {
                return new AuditVerification(links.Count, expected, $"Entry {expected} was hashed without the key, which the trail had by then.");
            }

            var hash = keyed ? MacOf(reference, link.Sequence, link.Entry, link.PreviousHash) : HashOf(reference, link.Sequence, link.Entry, link.PreviousHash);
            if (link.Hash != hash)
            {
                return new AuditVerification(links.Count, expected, $"Entry {expected} was changed after it was written.");
            }

            previousHash = link.Hash;
        }

        return new AuditVerification(links.Count);
    }

    // Only a case received, and an entry written, before the chain was keyed may carry a bare hash.
    bool BeforeTheKey(DateTimeOffset receivedAt, AuditLink link) =>
        keyedSince is { } since && receivedAt < since && link.Entry.At < since;

    string MacOf(string reference, long sequence, AuditEntry entry, string previousHash) =>
        Keyed + Convert.ToHexStringLower(HMACSHA256.HashData(key, Canonical(reference, sequence, entry, previousHash)));

    /// <summary>The plain SHA-256 link of the chain before it was keyed: what anyone who can write the table can compute.</summary>
    internal static string HashOf(string reference, long sequence, AuditEntry entry, string previousHash) =>
        Convert.ToHexStringLower(SHA256.HashData(Canonical(reference, sequence, entry, previousHash)));

    static byte[] Canonical(string reference, long sequence, AuditEntry entry, string previousHash)
    {
        // Each field length-prefixed, so no two different entries share an encoding.
        var canonical = new StringBuilder();
        foreach (var field in new[]
        {
            reference,
            sequence.ToString(CultureInfo.InvariantCulture),
            entry.At.UtcTicks.ToString(CultureInfo.InvariantCulture),
            entry.MemberId,
            entry.What,
            entry.Allowed ? "allowed" : "refused",
            previousHash,
        })
        {
            canonical.Append(field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append('\n');
        }

        return Encoding.UTF8.GetBytes(canonical.ToString());
    }
}
