using System.Security.Cryptography;
using System.Text;

namespace CocReports.Procedure.Patterns;

/// <summary>
/// Identifiers as the match index stores them: HMAC-SHA256 under a key of the server's own, so the index holds no
/// identifier in plaintext and cannot be searched by guessing without the key.
/// </summary>
public sealed class IdentifierHashes(byte[] key)
{
    public IReadOnlyList<IdentifierHash> Of(IEnumerable<Identifier> identifiers) =>
        [.. identifiers.Select(i => new IdentifierHash(Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(i.Canonical))), i.Weak, i.Kind))];
}

/// <summary>
/// One stored identifier: its keyed hash, whether it can only suggest the same person, and its kind ("email",
/// "github", "handle"…), which says what a member added without saying who it names.
/// </summary>
public sealed record IdentifierHash(string Hash, bool Weak, string Kind = "");
