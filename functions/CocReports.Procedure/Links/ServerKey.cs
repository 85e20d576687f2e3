using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace CocReports.Procedure.Links;

/// <summary>
/// One configured secret. It is never used directly: each purpose (links, sealing, idempotency…) gets its own
/// sub-key through HKDF (RFC 5869), so a value made for one purpose is worthless for another. Its id is derived
/// too, so it names the key without revealing anything about it and needs no configuration.
/// </summary>
public sealed class ServerKey(byte[] secret)
{
    public string Id { get; } = Base64Url.EncodeToString(Derive(secret, KeyPurpose.KeyId, 6));

    public byte[] Derive(KeyPurpose purpose) => Derive(secret, purpose, 32);

    static byte[] Derive(byte[] secret, KeyPurpose purpose, int length) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, length, salt: [], info: Encoding.UTF8.GetBytes("coc-reports:" + purpose.Name));
}
