using CocReports.Procedure.Links;
using CocReports.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CocReports.BrowserTests;

/// <summary>
/// Passkeys in Chromium with a virtual authenticator, on a host where they are required: a member adds one before
/// seeing the case, a link then opens the case only with it, and the most sensitive steps ask for it again once the
/// last confirmation is older than the window. axe checks each new page (committee pages are English only).
/// </summary>
public sealed class PasskeyTests(PasskeyHost host, ITestOutputHelper output) : IClassFixture<PasskeyHost>
{
    [Fact]
    public async Task A_member_adds_a_passkey_before_seeing_the_case_and_their_links_without_it_open_and_act_on_nothing()
    {
        var reference = (await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(Submissions.NewReporter())))).Reference;
        await using var device = await host.NewContextAsync();
        var page = await device.NewPageAsync();
        await PasskeyHost.AddAuthenticatorAsync(page);
        var found = new List<string>();

        await page.GotoAsync(ViewLink(reference, "sam"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("Add a passkey before you open this case");
        await Expect(page.Locator("main")).Not.ToContainTextAsync("What happened");
        found.AddRange(await Axe.ViolationsAsync(page, "page asking for a passkey", output));

        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey on this device" }).ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("Your passkey is added.");
        found.AddRange(await Axe.ViolationsAsync(page, "passkey added", output));
        await page.GetByRole(AriaRole.Link, new() { Name = "Open the case" }).ClickAsync();
        await Declaration.NoConflictAsync(page);
        await Expect(page.Locator("main")).ToContainTextAsync("Someone kept interrupting me");
        await Expect(page.Locator("main")).ToContainTextAsync("Passkey added");

        // The next email's link, followed where the passkey isn't (JavaScript off, as a mail gateway or a script would be).
        var next = ViewLink(reference, "sam");
        await using var elsewhere = await host.NewContextAsync(javaScript: false);
        var leaked = await elsewhere.NewPageAsync();
        await leaked.GotoAsync(next);
        await leaked.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();
        await Expect(leaked.Locator("main")).ToContainTextAsync("Your passkey was not confirmed.");
        await Expect(leaked.Locator("main")).Not.ToContainTextAsync("Someone kept interrupting me");

        // An action link from the same mail acts not without the member's session either.
        await leaked.GotoAsync(PasskeyHost.OnLocalhost(host.Links().Create(reference, "sam", CaseAction.Note)).AbsoluteUri);
        await leaked.GetByLabel("Your note").FillAsync("Written by whoever read Sam's mail.");
        await leaked.GetByRole(AriaRole.Button, new() { Name = "Add the note" }).ClickAsync();
        await Expect(leaked.Locator("main")).ToContainTextAsync("Open the case first.");

        // On the member's device, once its session has ended, the same link still opens the case: with the passkey.
        await device.ClearCookiesAsync();
        await page.GotoAsync(next);
        await Expect(page.Locator("main")).ToContainTextAsync("Opening it asks for your passkey");
        found.AddRange(await Axe.ViolationsAsync(page, "link page asking for the passkey", output));
        await page.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("Someone kept interrupting me");
        await Expect(page.Locator("main")).ToContainTextAsync("Signed in with a passkey");
        await Expect(page.Locator("main")).ToContainTextAsync("No notes yet.");

        Assert.Empty(found);
    }

    [Fact]
    public async Task A_member_confirms_with_the_passkey_again_to_resolve_but_not_to_read_the_case()
    {
        var reporter = Submissions.NewReporter();
        var reference = (await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(reporter)))).Reference;
        await using var device = await host.NewContextAsync();
        var page = await device.NewPageAsync();
        await PasskeyHost.AddAuthenticatorAsync(page);
        await page.GotoAsync(ViewLink(reference, "kim"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey on this device" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Open the case" }).ClickAsync();
        await Declaration.NoConflictAsync(page);
        await Expect(page.Locator("main")).ToContainTextAsync(reporter);

        // Reading goes on once the confirmation is older than the window; only the reporter's contact waits for the passkey.
        var hidden = page.Locator("main", new() { HasText = "Shown once you confirm with your passkey" });
        for (var deadline = DateTime.UtcNow.AddSeconds(30); await hidden.CountAsync() == 0 && DateTime.UtcNow < deadline;)
        {
            await page.ReloadAsync();
        }

        await Expect(hidden).ToBeVisibleAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("Someone kept interrupting me");
        await Expect(page.Locator("main")).Not.ToContainTextAsync(reporter);

        await page.GotoAsync(PasskeyHost.OnLocalhost(host.Links().Create(reference, "kim", CaseAction.Resolve)).AbsoluteUri);
        await Expect(page.Locator("main")).ToContainTextAsync("needs your passkey again");
        var found = await Axe.ViolationsAsync(page, "step-up page", output);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm with your passkey" }).ClickAsync();
        await page.GetByLabel("No", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Disrupting discussions or events").CheckAsync();
        await page.GetByLabel("This report cannot be anonymized").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Resolve the report" }).ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("The report is resolved.");

        Assert.Empty(found);
    }

    [Fact]
    public async Task A_press_made_while_the_pages_script_is_still_arriving_asks_for_the_passkey_all_the_same()
    {
        var reference = (await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(Submissions.NewReporter())))).Reference;
        await using var device = await PasskeyDevice.NewAsync(host);
        var page = device.Page;

        // A slow connection: the passkey script comes seconds after the page. The member presses as soon as they can.
        await page.RouteAsync("**/api/passkeys.js", async route =>
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            await route.ContinueAsync();
        });
        await page.GotoAsync(ViewLink(reference, "alex"), new() { WaitUntil = WaitUntilState.Commit });
        await page.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey on this device" }).ClickAsync();

        await Expect(page.Locator("main")).ToContainTextAsync("Your passkey is added.");
    }

    string ViewLink(string reference, string member) =>
        PasskeyHost.OnLocalhost(host.Links().Create(reference, member, CaseAction.View)).AbsoluteUri;

}
