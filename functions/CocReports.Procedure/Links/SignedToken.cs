using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace CocReports.Procedure.Links;

/// <summary>
/// "keyId.payload.signature", each part base64url: the payload is not secret (it names ids, never content), the
/// HMAC under the purpose's sub-key makes it unforgeable, and the key id lets a rotated key keep verifying.
/// </summary>
sealed class SignedToken(SigningKeys keys, KeyPurpose purpose)
{
    public string Sign(string payload)
    {
        var key = keys.Current;
        return $"{key.Id}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload))}.{Base64Url.EncodeToString(Mac(key, payload))}";
    }

    /// <summary>The signed payload, or null for anything altered, cut short or signed by a key this app doesn't hold.</summary>
    public string? Verify(string? token)
    {
        if (token is null || token.Split('.') is not [var keyId, var encodedPayload, var encodedSignature] || keys.Find(keyId) is not { } key)
        {
            return null;
        }

        try
        {
            var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(encodedPayload));
            return CryptographicOperations.FixedTimeEquals(Base64Url.DecodeFromChars(encodedSignature), Mac(key, payload)) ? payload : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    byte[] Mac(ServerKey key, string payload) => HMACSHA256.HashData(key.Derive(purpose), Encoding.UTF8.GetBytes(payload));
}
