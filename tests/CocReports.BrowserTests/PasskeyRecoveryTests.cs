using CocReports.Procedure.Passkeys;
using CocReports.Procedure.Storage;
using CocReports.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CocReports.BrowserTests;

/// <summary>
/// Recovery without a back door, in Chromium with a virtual authenticator per member's device, on a host where
/// passkeys are required: a member who lost every passkey is reset only once two other members vouch, each with their
/// own passkey; nobody vouches for themselves; the reset is in the audit trail, the member is mailed, their old links
/// are void, and a fresh link lets them add a passkey on a new device. axe checks each new page.
/// </summary>
public sealed class PasskeyRecoveryTests(PasskeyHost host, ITestOutputHelper output) : IClassFixture<PasskeyHost>
{
    [Fact]
    public async Task Two_other_members_vouching_reset_a_members_passkeys_one_does_not_and_the_member_cannot_vouch_for_themselves()
    {
        var reference = (await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(Submissions.NewReporter())))).Reference;
        var passkeys = host.Services.GetRequiredService<IPasskeyStore>();
        var found = new List<string>();
        await using var alex = await PasskeyDevice.WithPasskeyAsync(host, reference, "alex");
        await using var sam = await PasskeyDevice.WithPasskeyAsync(host, reference, "sam");
        await using var kim = await PasskeyDevice.WithPasskeyAsync(host, reference, "kim");
        var oldLink = PasskeyDevice.ViewLink(host, reference, "alex");
        static bool TellsAlex(Mail m) => m.IsTo("alex@committee.test") && m.Subject.Contains("Your passkeys were reset", StringComparison.Ordinal);
        var earlier = (await host.Inbox.AllAsync()).Where(TellsAlex).Select(m => m.Id).ToHashSet();

        // One vouch is kept and changes nothing.
        var samPage = await sam.ResetPageAsync(host, "sam");
        found.AddRange(await Axe.ViolationsAsync(samPage, "reset page", output));
        await Expect(samPage.GetByRole(AriaRole.Button, new() { Name = "Vouch to reset Sam Okafor's passkeys" })).ToHaveCountAsync(0);
        await samPage.GetByRole(AriaRole.Button, new() { Name = "Vouch to reset Alex Rivera's passkeys" }).ClickAsync();
        await Expect(samPage.Locator("main")).ToContainTextAsync("Your vouch is kept.");
        await Expect(samPage.Locator("main")).ToContainTextAsync("Nothing has changed yet.");
        found.AddRange(await Axe.ViolationsAsync(samPage, "vouch kept", output));
        Assert.NotEmpty(await passkeys.ForMemberAsync("alex", CancellationToken.None));

        // Alex, or whoever holds Alex's mailbox and session, can't be the second: the page offers no such button, and a
        // form changed to name Alex is refused, even with Alex's own passkey.
        var alexPage = await alex.ResetPageAsync(host, "alex");
        await Expect(alexPage.GetByRole(AriaRole.Button, new() { Name = "Vouch to reset Alex Rivera's passkeys" })).ToHaveCountAsync(0);
        await alexPage.Locator("form:has(button:text('Vouch to reset Sam Okafor')) input[name=member]").EvaluateAsync("input => input.value = 'alex'");
        await alexPage.GetByRole(AriaRole.Button, new() { Name = "Vouch to reset Sam Okafor's passkeys" }).ClickAsync();
        await Expect(alexPage.Locator("main")).ToContainTextAsync("You can't vouch for your own reset");
        found.AddRange(await Axe.ViolationsAsync(alexPage, "vouch refused", output));
        Assert.NotEmpty(await passkeys.ForMemberAsync("alex", CancellationToken.None));

        // The second member's vouch resets.
        var kimPage = await kim.ResetPageAsync(host, "kim");
        await kimPage.GetByRole(AriaRole.Button, new() { Name = "Vouch to reset Alex Rivera's passkeys" }).ClickAsync();
        await Expect(kimPage.Locator("main")).ToContainTextAsync("Alex Rivera's passkeys are reset.");
        await Expect(kimPage.Locator("main")).ToContainTextAsync("They were told by email.");
        found.AddRange(await Axe.ViolationsAsync(kimPage, "passkeys reset", output));
        Assert.Empty(await passkeys.ForMemberAsync("alex", CancellationToken.None));

        // One mail for the reset, none for the first vouch (this inbox keeps earlier runs' mail).
        var told = (await host.Inbox.WaitForAsync(TellsAlex, earlier.Count + 1)).Where(m => !earlier.Contains(m.Id)).ToList();
        var text = await host.Inbox.TextAsync(Assert.Single(told));
        Assert.Contains("Sam Okafor and Kim Tanaka reset your passkeys", text, StringComparison.Ordinal);
        Assert.DoesNotContain("http", text, StringComparison.Ordinal);
        Assert.DoesNotContain("interrupting", text, StringComparison.Ordinal);

        var trail = (await host.Services.GetRequiredService<IAuditTrail>().ReadAsync(PasskeyRecovery.AuditChain, CancellationToken.None))
            .Select(l => (l.Entry.MemberId, l.Entry.What, l.Entry.Allowed)).ToList();
        Assert.Equal(
            [("sam", "passkey.reset-vouch:alex", true), ("alex", "passkey.reset-vouch:alex", false), ("kim", "passkey.reset-vouch:alex", true), ("alex", "passkey.reset", true)],
            trail);

        // Alex's links from before the reset are void; a fresh one lets Alex add a passkey on a new device.
        await alex.Context.ClearCookiesAsync();
        await alex.Page.GotoAsync(oldLink);
        await Expect(alex.Page.Locator("main")).ToContainTextAsync("This link was withdrawn.");
        await using var newDevice = await PasskeyDevice.NewAsync(host);
        await newDevice.Page.GotoAsync(PasskeyDevice.ViewLink(host, reference, "alex"));
        await newDevice.Page.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();
        await Expect(newDevice.Page.Locator("main")).ToContainTextAsync("Add a passkey before you open this case");
        await newDevice.Page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey on this device" }).ClickAsync();
        await Expect(newDevice.Page.Locator("main")).ToContainTextAsync("Your passkey is added.");
        Assert.Single(await passkeys.ForMemberAsync("alex", CancellationToken.None));

        Assert.Empty(found);
    }

}
