using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace CocReports.Procedure.Links;

/// <summary>
/// Signed links that let a committee member act from an email without an account. Each is bound to one report,
/// one member and one action, and expires. The token is "payload.signature" in base64url; the payload is not
/// secret (it names ids, never content), the HMAC makes it unforgeable.
/// </summary>
public sealed class ActionLinks(LinkOptions options, TimeProvider clock)
{
    /// <summary>The member id reporters' links are bound to: reporters have no member id of their own.</summary>
    public const string Reporter = "reporter";

    readonly byte[] key = DecodeKey(options.SigningKey);

    /// <summary>A key for other server-side derivations (idempotency), separate from the link key by purpose.</summary>
    public byte[] DeriveKey(string purpose) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("purpose:" + purpose));

    public Uri Create(string reference, string memberId, CaseAction action)
    {
        var expires = clock.GetUtcNow().Add(options.Lifetime).ToUnixTimeSeconds();
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var payload = $"{reference}|{memberId}|{action}|{expires}|{nonce}";
        var token = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload)) + "." + Base64Url.EncodeToString(Sign(payload));
        return new Uri(options.PublicBaseUrl, $"/api/reports/{reference}/{PathOf(action)}?token={token}");
    }

    public LinkCheck Check(string? token, string reference, CaseAction action)
    {
        if (token is null || token.Split('.') is not [var encodedPayload, var encodedSignature])
        {
            return LinkCheck.Tampered;
        }

        string payload;
        byte[] signature;
        try
        {
            payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(encodedPayload));
            signature = Base64Url.DecodeFromChars(encodedSignature);
        }
        catch (FormatException)
        {
            return LinkCheck.Tampered;
        }

        if (!CryptographicOperations.FixedTimeEquals(signature, Sign(payload))
            || payload.Split('|') is not [var linkReference, var memberId, var linkAction, var expires, var nonce]
            || linkReference != reference
            || linkAction != action.ToString()
            || !long.TryParse(expires, out var expiresAt))
        {
            return LinkCheck.Tampered;
        }

        return clock.GetUtcNow().ToUnixTimeSeconds() > expiresAt
            ? LinkCheck.Expired
            : new LinkCheck(LinkStatus.Valid, memberId, nonce);
    }

    /// <summary>"follow-up", "status-update"…: the path segment that names the action.</summary>
    public static string PathOf(CaseAction action) =>
        string.Concat(action.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    byte[] Sign(string payload) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(payload));

    static byte[] DecodeKey(string base64)
    {
        var bytes = string.IsNullOrEmpty(base64) ? [] : Convert.FromBase64String(base64);
        return bytes.Length >= 32
            ? bytes
            : throw new InvalidOperationException("Links:SigningKey must be a base64 key of at least 32 bytes.");
    }
}
