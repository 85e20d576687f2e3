using Microsoft.AspNetCore.Http;

namespace CocReports.Api.Pages;

/// <summary>
/// GET /api/passkeys.js: the one script of the server pages, served by the app itself, and only on the pages that run
/// a passkey ceremony (WebAuthn has no form-only way; everything else works without JavaScript).
/// </summary>
public static class PasskeyScript
{
    public const string Path = "/api/passkeys.js";

    static readonly byte[] Script = Load();

    public static IResult Handle() => new ScriptResult();

    static byte[] Load()
    {
        using var stream = typeof(PasskeyScript).Assembly.GetManifestResourceStream("passkeys.js")
            ?? throw new InvalidOperationException("passkeys.js is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    sealed class ScriptResult : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.ContentType = "text/javascript; charset=utf-8";
            response.Headers.XContentTypeOptions = "nosniff";
            response.Headers.CacheControl = "public, max-age=3600";
            return response.Body.WriteAsync(Script, httpContext.RequestAborted).AsTask();
        }
    }
}
