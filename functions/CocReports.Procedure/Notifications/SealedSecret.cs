using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using CocReports.Procedure.Links;

namespace CocReports.Procedure.Notifications;

/// <summary>
/// Encrypts a secret (the reporter's receipt code) for the short trip through the durable history to the
/// activity that emails it: the history is stored in plain tables, the code must not be. The sealed text names
/// the key that sealed it, so a receipt sealed just before a key rotation still opens with the previous key.
/// </summary>
public sealed class SealedSecret(SigningKeys keys)
{
    public string Seal(string secret)
    {
        var key = keys.Current;
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var plain = Encoding.UTF8.GetBytes(secret);
        var cipher = new byte[plain.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using var aes = new AesGcm(key.Derive(KeyPurpose.ReceiptSeal), tag.Length);
        aes.Encrypt(nonce, plain, cipher, tag, Encoding.ASCII.GetBytes(key.Id));
        return key.Id + "." + Base64Url.EncodeToString([.. nonce, .. tag, .. cipher]);
    }

    /// <exception cref="CryptographicException">The text was altered or sealed under a key this app no longer holds.</exception>
    public string Open(string sealedSecret)
    {
        if (sealedSecret.Split('.') is not [var keyId, var encoded] || keys.Find(keyId) is not { } key)
        {
            throw new CryptographicException("The sealed secret names no key this app holds.");
        }

        var bytes = Base64Url.DecodeFromChars(encoded);
        if (bytes.Length < AesGcm.NonceByteSizes.MaxSize + AesGcm.TagByteSizes.MaxSize)
        {
            throw new CryptographicException("The sealed secret is cut short.");
        }

        var nonce = bytes.AsSpan(0, AesGcm.NonceByteSizes.MaxSize);
        var tag = bytes.AsSpan(nonce.Length, AesGcm.TagByteSizes.MaxSize);
        var cipher = bytes.AsSpan(nonce.Length + tag.Length);
        var plain = new byte[cipher.Length];
        using var aes = new AesGcm(key.Derive(KeyPurpose.ReceiptSeal), tag.Length);
        aes.Decrypt(nonce, cipher, tag, plain, Encoding.ASCII.GetBytes(key.Id));
        return Encoding.UTF8.GetString(plain);
    }
}
