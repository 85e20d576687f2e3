using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace CocReports.Procedure.Notifications;

/// <summary>
/// Encrypts a secret (the reporter's receipt code) for the short trip through the durable history to the
/// activity that emails it: the history is stored in plain tables, the code must not be.
/// </summary>
public sealed class SealedSecret(byte[] key)
{
    public string Seal(string secret)
    {
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var plain = Encoding.UTF8.GetBytes(secret);
        var cipher = new byte[plain.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using var aes = new AesGcm(key, tag.Length);
        aes.Encrypt(nonce, plain, cipher, tag);
        return Base64Url.EncodeToString([.. nonce, .. tag, .. cipher]);
    }

    public string Open(string sealedSecret)
    {
        var bytes = Base64Url.DecodeFromChars(sealedSecret);
        var nonce = bytes.AsSpan(0, AesGcm.NonceByteSizes.MaxSize);
        var tag = bytes.AsSpan(nonce.Length, AesGcm.TagByteSizes.MaxSize);
        var cipher = bytes.AsSpan(nonce.Length + tag.Length);
        var plain = new byte[cipher.Length];
        using var aes = new AesGcm(key, tag.Length);
        aes.Decrypt(nonce, cipher, tag, plain);
        return Encoding.UTF8.GetString(plain);
    }
}
