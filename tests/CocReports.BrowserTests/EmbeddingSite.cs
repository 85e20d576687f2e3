using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CocReports.BrowserTests;

/// <summary>
/// A community's own site on another origin: one page embeds the web component from the product, another frames
/// embed.html. It serves nothing else, so every request the form makes goes to the product across origins.
/// </summary>
public sealed class EmbeddingSite(Uri product) : IAsyncDisposable
{
    WebApplication? app;

    public Uri Origin { get; private set; } = null!;

    public Uri ComponentPage => new(Origin, "/component.html");

    public Uri FramePage => new(Origin, "/frame.html");

    /// <summary>A German page embedding the component with only its script: the form fetches its strings itself.</summary>
    public Uri GermanComponentPage => new(Origin, "/de/component.html");

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        app = builder.Build();
        // Port 0: Kestrel picks a free one and reports it in app.Urls once started.
        app.Urls.Add("http://127.0.0.1:0");
        var productBase = product.AbsoluteUri.TrimEnd('/');
        app.MapGet("/component.html", () => Results.Content(Page(
            $"""
            <script src="{productBase}/strings/en.js" defer></script>
            <script src="{productBase}/coc-report-form.js" defer></script>
            """,
            $"""
            <coc-report-form api="{productBase}/api">
              <p><a href="{productBase}/index.html">Report a Code of Conduct concern</a></p>
            </coc-report-form>
            """), "text/html; charset=utf-8"));
        app.MapGet("/de/component.html", () => Results.Content(Page(
            $"""<script src="{productBase}/coc-report-form.js" defer></script>""",
            $"""
            <coc-report-form api="{productBase}/api">
              <p><a href="{productBase}/api/report-form?lang=de">Einen Verstoß gegen den Verhaltenskodex melden</a></p>
            </coc-report-form>
            """,
            "de"), "text/html; charset=utf-8"));
        app.MapGet("/frame.html", () => Results.Content(Page(
            "",
            $"""
            <iframe src="{productBase}/embed.html" title="Report a Code of Conduct concern"
              sandbox="allow-forms allow-scripts allow-same-origin allow-popups allow-downloads"
              referrerpolicy="no-referrer" width="100%" height="1400"></iframe>
            """), "text/html; charset=utf-8"));
        await app.StartAsync();
        Origin = new Uri(app.Urls.Single());
    }

    /// <summary>The origin as a browser sends it in the Origin header: no trailing slash.</summary>
    public string OriginHeader => Origin.GetLeftPart(UriPartial.Authority);

    static string Page(string head, string body, string lang = "en") =>
        $"""
        <!doctype html>
        <html lang="{lang}">
        <head>
          <meta charset="utf-8">
          <title>Example community</title>
          {head}
        </head>
        <body>
          <main>
            <h1>Example community</h1>
            {body}
          </main>
        </body>
        </html>
        """;

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}
