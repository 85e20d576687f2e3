using CocReports.Api.Access;
using CocReports.Api.OpenCases;
using CocReports.Procedure.Links;
using CocReports.Procedure.Storage;
using CocReports.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CocReports.BrowserTests;

/// <summary>
/// A member signs in with their passkey alone, with no link from their mailbox: the device's passkey names them, their
/// open cases are listed, and the sign-in is on the audit trail. A browser without the passkey signs in no one.
/// </summary>
public sealed class SignInTests(PasskeyHost host, ITestOutputHelper output) : IClassFixture<PasskeyHost>
{
    [Fact]
    public async Task A_member_signs_in_with_their_passkey_and_no_link_and_sees_their_open_cases()
    {
        var reference = (await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(Submissions.NewReporter())))).Reference;
        await using var device = await PasskeyDevice.WithPasskeyAsync(host, reference, "sam");
        await device.Context.ClearCookiesAsync();
        var page = device.Page;

        await page.GotoAsync(SignIn());
        await Expect(page.Locator("main")).ToContainTextAsync("No password, no email.");
        var found = await Axe.ViolationsAsync(page, "sign-in page", output);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with your passkey" }).ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("Your open cases");
        await page.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();
        await Declaration.NoConflictAsync(page);
        await Expect(page.Locator("main")).ToContainTextAsync("Someone kept interrupting me");

        // A link from mail acts once; after that it only points to the sign-in.
        var note = PasskeyHost.OnLocalhost(host.Links().Create(reference, "sam", CaseAction.Note)).AbsoluteUri;
        await page.GotoAsync(note);
        await page.GetByLabel("Your note").FillAsync("Read at the sign-in test.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the note" }).ClickAsync();
        await Expect(page.Locator("main")).Not.ToContainTextAsync("Nothing was changed");
        await device.Context.ClearCookiesAsync();
        await page.GotoAsync(note);
        await Expect(page.Locator("main")).ToContainTextAsync("This link was already used.");
        await page.GetByRole(AriaRole.Link, new() { Name = "Your open cases: sign in with your passkey" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with your passkey" }).ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("Your open cases");

        var trail = await host.Services.GetRequiredService<IAuditTrail>().ReadAsync(OpenCasesPage.AuditChain, CancellationToken.None);
        Assert.Contains(trail, l => l.Entry is { MemberId: "sam", What: LinkExchange.SignedIn, Allowed: true });
        Assert.Empty(found);
    }

    [Fact]
    public async Task A_browser_without_the_passkey_signs_in_no_one()
    {
        // JavaScript off: the form goes without any authenticator's answer, as a script posting it would.
        await using var context = await host.NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync(SignIn());
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with your passkey" }).ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("You were not signed in.");

        await page.GotoAsync(PasskeyHost.OnLocalhost(new Uri(host.BaseUrl, "/api/open-cases")).AbsoluteUri);
        await Expect(page.Locator("main")).ToContainTextAsync("Open your cases from your email.");
    }

    string SignIn() => PasskeyHost.OnLocalhost(new Uri(host.BaseUrl, SignInPage.Path)).AbsoluteUri;
}
