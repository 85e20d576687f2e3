using CocReports.Procedure.Links;
using CocReports.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CocReports.BrowserTests;

/// <summary>A member's device: a browser context of its own with a virtual authenticator, and the steps tests take in it.</summary>
sealed record PasskeyDevice(IBrowserContext Context, IPage Page) : IAsyncDisposable
{
    public static async Task<PasskeyDevice> NewAsync(PasskeyHost host)
    {
        var context = await host.NewContextAsync();
        var page = await context.NewPageAsync();
        await PasskeyHost.AddAuthenticatorAsync(page);
        return new PasskeyDevice(context, page);
    }

    /// <summary>A new device of a member who has no passkey yet, with one added from their case <paramref name="reference"/>.</summary>
    public static async Task<PasskeyDevice> WithPasskeyAsync(PasskeyHost host, string reference, string member)
    {
        var device = await NewAsync(host);
        await device.Page.GotoAsync(ViewLink(host, reference, member));
        await device.Page.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();
        await device.Page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey on this device" }).ClickAsync();
        await Expect(device.Page.Locator("main")).ToContainTextAsync("Your passkey is added.");
        return device;
    }

    /// <summary>The passkey reset page, reached as a member would: their open-cases link, opened with their passkey.</summary>
    public async Task<IPage> ResetPageAsync(PasskeyHost host, string member)
    {
        await Page.GotoAsync(PasskeyHost.OnLocalhost(host.Links().CreateOpenCases(member)).AbsoluteUri);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "A member lost every passkey? Vouch to reset them" }).ClickAsync();
        await Expect(Page.Locator("main")).ToContainTextAsync("two other members reset their passkeys");
        return Page;
    }

    public static string ViewLink(PasskeyHost host, string reference, string member) =>
        PasskeyHost.OnLocalhost(host.Links().Create(reference, member, CaseAction.View)).AbsoluteUri;

    public ValueTask DisposeAsync() => Context.DisposeAsync();
}
