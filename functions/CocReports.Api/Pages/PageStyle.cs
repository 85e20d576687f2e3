using Microsoft.AspNetCore.Http;

namespace CocReports.Api.Pages;

/// <summary>GET /api/pages.css: the one stylesheet of every server page, served by the app itself (no third-party assets).</summary>
public static class PageStyle
{
    public const string Path = "/api/pages.css";

    static readonly byte[] Css = Load();

    public static IResult Handle() => new StyleResult();

    static byte[] Load()
    {
        using var stream = typeof(PageStyle).Assembly.GetManifestResourceStream("pages.css")
            ?? throw new InvalidOperationException("pages.css is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    sealed class StyleResult : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.ContentType = "text/css; charset=utf-8";
            response.Headers.XContentTypeOptions = "nosniff";
            response.Headers.CacheControl = "public, max-age=3600";
            return response.Body.WriteAsync(Css, httpContext.RequestAborted).AsTask();
        }
    }
}
