using CocReports.Testing;
using Microsoft.Playwright;

namespace CocReports.BrowserTests;

/// <summary>
/// The local host, two community sites on other origins (one allowed to call the API, one not) and one headless
/// Chromium shared by every browser test. Each test opens its own browser context.
/// </summary>
public class BrowserFixture : LocalHostFixture
{
    IPlaywright? playwright;

    public EmbeddingSite AllowedSite { get; private set; } = null!;

    public EmbeddingSite RefusedSite { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public override async Task InitializeAsync()
    {
        // The sites start first: the host reads the allowed origin from its settings when it starts.
        AllowedSite = new EmbeddingSite(BaseUrl);
        RefusedSite = new EmbeddingSite(BaseUrl);
        await AllowedSite.StartAsync();
        await RefusedSite.StartAsync();
        await base.InitializeAsync();

        // Expect's own default (5 s) would be shorter than the context's on a loaded 2-core machine.
        Assertions.SetDefaultExpectTimeout(15_000);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new()
        {
            // Debian's chromium: `playwright install` is never run on our machines.
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
    }

    protected override void Configure(IDictionary<string, string?> settings) =>
        settings["Form:AllowedOrigins:0"] = AllowedSite.OriginHeader;

    /// <summary>A fresh context whose pages open every shadow root, so tests (and axe) can reach inside the form.</summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null)
    {
        var context = await Browser.NewContextAsync(options ?? new());
        context.SetDefaultTimeout(15_000);
        await context.AddInitScriptAsync(ReportForm.OpenShadowRoots);
        return context;
    }

    public override async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        await base.DisposeAsync();
        await AllowedSite.DisposeAsync();
        await RefusedSite.DisposeAsync();
    }

    static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CocFunctions.sln")) && Directory.Exists(Path.Combine(dir.FullName, "static-form")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with CocFunctions.sln and static-form/) was not found above " + AppContext.BaseDirectory);
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
