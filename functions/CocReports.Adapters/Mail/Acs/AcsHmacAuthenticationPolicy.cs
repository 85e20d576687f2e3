using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace CocReports.Adapters.Mail.Acs;

/// <summary>
/// Signs each request with an ACS access key (HMAC-SHA256 over verb, path and query, date, host and body hash).
/// Runs per retry so that every attempt carries a fresh date.
/// </summary>
internal sealed class AcsHmacAuthenticationPolicy(byte[] accessKey, TimeProvider time) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        var body = ReadBody(request.Content, message.CancellationToken);
        var contentHash = Convert.ToBase64String(SHA256.HashData(body));
        var date = time.GetUtcNow().ToString("r", CultureInfo.InvariantCulture);
        var uri = request.Uri.ToUri();

        var signature = Sign(accessKey, request.Method.Method, uri.PathAndQuery, date, uri.Authority, contentHash);

        request.Headers.SetValue("x-ms-date", date);
        request.Headers.SetValue("x-ms-content-sha256", contentHash);
        request.Headers.SetValue("Authorization", $"HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature={signature}");
    }

    internal static string Sign(byte[] key, string verb, string pathAndQuery, string date, string host, string contentHash)
    {
        var stringToSign = $"{verb.ToUpperInvariant()}\n{pathAndQuery}\n{date};{host};{contentHash}";
        return Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
    }

    private static byte[] ReadBody(RequestContent? content, CancellationToken cancellationToken)
    {
        if (content is null)
            return [];
        using var buffer = new MemoryStream();
        content.WriteTo(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
