using Microsoft.AspNetCore.Http;

namespace CocReports.Api.Pages;

/// <summary>Headers on every page the product serves: nothing cached, nothing leaked through the referrer, no third parties.</summary>
public static class SecurityHeaders
{
    public const string PageContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>A page that runs a passkey ceremony also runs the app's own script (<see cref="PasskeyScript"/>), nothing else.</summary>
    public const string PasskeyPageContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static void ApplyTo(HttpResponse response, bool runsPasskeys = false)
    {
        response.Headers.ContentSecurityPolicy = runsPasskeys ? PasskeyPageContentSecurityPolicy : PageContentSecurityPolicy;
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
    }
}
