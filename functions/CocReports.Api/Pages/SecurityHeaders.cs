using Microsoft.AspNetCore.Http;

namespace CocReports.Api.Pages;

/// <summary>Headers on every page the product serves: nothing cached, nothing leaked through the referrer, no third parties.</summary>
public static class SecurityHeaders
{
    public const string PageContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static void ApplyTo(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = PageContentSecurityPolicy;
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
    }
}
