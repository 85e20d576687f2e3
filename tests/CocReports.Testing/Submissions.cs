using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

namespace CocReports.Testing;

/// <summary>Builds report submissions the way the form and scripts send them.</summary>
public static class Submissions
{
    public static Dictionary<string, string> Fields(string reporterEmail, string description = "Someone kept interrupting me in the community call.") => new()
    {
        ["description"] = description,
        ["contactChoice"] = "contact",
        ["contactName"] = "Rita Reporter",
        ["contactEmail"] = reporterEmail,
        ["occurredAt"] = "Tuesday's community call, around 17:00 UTC",
        ["location"] = "Video call",
        ["isOngoing"] = "no",
        ["setting"] = "online",
        ["onlineSpace"] = "Weekly community call",
        ["conversationLink"] = "https://chat.example.org/c/123",
        // A person per reporter, so reports match only where a test says so, and one reporter's retries stay identical.
        ["reportedPerson"] = "Username @loud" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(reporterEmail)))[..8],
    };

    public static MultipartFormDataContent Multipart(IDictionary<string, string> fields, params (string Name, string Type, byte[] Bytes)[] files)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value, Encoding.UTF8), name);
        }

        foreach (var (name, type, bytes) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(type);
            content.Add(file, "evidence", name);
        }

        return content;
    }

    public static async Task<Receipt> SubmitAsync(HttpClient http, HttpContent content, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/reports") { Content = content };
        request.Headers.Accept.ParseAdd("application/json");
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"Expected 202, got {(int)response.StatusCode}: {body}");
        return System.Text.Json.JsonSerializer.Deserialize<Receipt>(body, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
    }

    /// <summary>A PNG whose chunks can be read (members view images through <see cref="Photos"/>' kind of cleaning), of random content.</summary>
    public static byte[] Png(int size) => Photos.PngOfSize(size);

    public static byte[] Pdf(int size) => WithHead("%PDF-1.7\n"u8.ToArray(), size);

    public static string NewReporter() => $"reporter-{Guid.NewGuid():N}@reporters.test";

    static byte[] WithHead(byte[] head, int size)
    {
        var bytes = new byte[size];
        Random.Shared.NextBytes(bytes);
        head.CopyTo(bytes, 0);
        return bytes;
    }
}

public sealed record Receipt(string Reference, string ReceiptCode, Uri StatusUrl);
