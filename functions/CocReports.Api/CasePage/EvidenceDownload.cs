using CocReports.Procedure.Reports;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace CocReports.Api.CasePage;

/// <summary>
/// An evidence file as the browser receives it: streamed as it is read from storage, never cached, never sniffed,
/// and sandboxed so nothing in it can run. Only plain images are shown inline; everything else is a download, named
/// by what it is (evidence-2.pdf), never by the name its sender gave it: that name would choose the program that opens it.
/// An original is always a download (evidence-2-original.jpg), so its metadata is opened only on purpose.
/// </summary>
sealed class EvidenceDownload(Stream content, int index, EvidenceFile file, bool original = false) : IResult
{
    public const string ContentSecurityPolicy = "default-src 'none'; sandbox";

    static readonly HashSet<string> InlineTypes = new(StringComparer.OrdinalIgnoreCase) { "image/png", "image/jpeg", "image/gif", "image/webp" };

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var headers = httpContext.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-store";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";

        var name = EvidenceName.ForDownload(index, file);
        var disposition = new ContentDispositionHeaderValue(!original && InlineTypes.Contains(file.ContentType) ? "inline" : "attachment")
        {
            FileName = original ? Path.GetFileNameWithoutExtension(name) + "-original" + Path.GetExtension(name) : name,
        };
        headers.ContentDisposition = disposition.ToString();

        // The result disposes the stream once it has been copied to the response.
        return Results.Stream(content, file.ContentType).ExecuteAsync(httpContext);
    }
}
