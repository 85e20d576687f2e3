using CocReports.Testing;
using Microsoft.Playwright;

namespace CocReports.BrowserTests;

/// <summary>
/// The local host with passkeys required and a step-up window of seconds, reached as http://localhost (browsers refuse
/// an IP address as a passkey's relying party; localhost is a secure context), and a Chromium of its own whose pages get
/// a virtual authenticator through the DevTools protocol's WebAuthn domain.
/// </summary>
public class PasskeyHost : LocalHostFixture
{
    /// <summary>The step-up window: long enough to fill a form in, short enough to wait out in a test.</summary>
    public static readonly TimeSpan StepUpWithin = TimeSpan.FromSeconds(6);

    IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Assertions.SetDefaultExpectTimeout(15_000);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
    }

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Links:PublicBaseUrl"] = OnLocalhost(BaseUrl).AbsoluteUri;
        settings["Committee:Passkeys"] = "Required";
        settings["Committee:PasskeyStepUpWithin"] = StepUpWithin.ToString();
    }

    /// <summary>The same address with localhost for its host.</summary>
    public static Uri OnLocalhost(Uri url) => new UriBuilder(url) { Host = "localhost" }.Uri;

    /// <summary>A context whose pages bypass the CSP only so axe can be injected; the pages' own script still runs.</summary>
    public async Task<IBrowserContext> NewContextAsync(bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(new() { BypassCSP = true, JavaScriptEnabled = javaScript });
        context.SetDefaultTimeout(15_000);
        return context;
    }

    /// <summary>
    /// A platform authenticator on <paramref name="page"/> that verifies its user (a fingerprint, say) and keeps
    /// discoverable credentials: https://chromedevtools.github.io/devtools-protocol/tot/WebAuthn/#method-addVirtualAuthenticator
    /// </summary>
    public static async Task<ICDPSession> AddAuthenticatorAsync(IPage page)
    {
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });
        return cdp;
    }

    public override async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        await base.DisposeAsync();
    }
}
