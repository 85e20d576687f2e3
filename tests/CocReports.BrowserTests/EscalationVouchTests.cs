using CocReports.Procedure.Passkeys;
using CocReports.Procedure.Storage;
using CocReports.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CocReports.BrowserTests;

/// <summary>
/// In a committee of two, the other member's vouch asks the escalation contact by mail, and the contact's link (no
/// case page, no passkey) is the second vouch: it resets, once.
/// </summary>
public sealed class EscalationVouchTests(TwoMemberPasskeyHost host, ITestOutputHelper output) : IClassFixture<TwoMemberPasskeyHost>
{
    [Fact]
    public async Task In_a_committee_of_two_the_other_member_and_the_escalation_contact_reset_a_members_passkeys()
    {
        var reference = (await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(Submissions.NewReporter())))).Reference;
        var passkeys = host.Services.GetRequiredService<IPasskeyStore>();
        await using var alex = await PasskeyDevice.WithPasskeyAsync(host, reference, "alex");
        await using var sam = await PasskeyDevice.WithPasskeyAsync(host, reference, "sam");
        static bool AsksBoard(Mail m) => m.IsTo(LocalHostFixture.EscalationAddress) && m.Subject.Contains("Vouch to reset Alex Rivera's passkeys?", StringComparison.Ordinal);
        static bool TellsAlex(Mail m) => m.IsTo("alex@committee.test") && m.Subject.Contains("Your passkeys were reset", StringComparison.Ordinal);
        var earlier = await host.Inbox.AllAsync(); // this inbox keeps earlier runs' mail
        var asked = earlier.Count(AsksBoard);
        var toldBefore = earlier.Count(TellsAlex);
        bool Earlier(Mail m) => earlier.Any(e => e.Id == m.Id);

        var samPage = await sam.ResetPageAsync(host, "sam");
        await samPage.GetByRole(AriaRole.Button, new() { Name = "Vouch to reset Alex Rivera's passkeys" }).ClickAsync();
        await Expect(samPage.Locator("main")).ToContainTextAsync("they were asked by email");
        Assert.NotEmpty(await passkeys.ForMemberAsync("alex", CancellationToken.None));

        var ask = Assert.Single(await host.Inbox.WaitForAsync(AsksBoard, asked + 1), m => !Earlier(m));
        var link = PasskeyHost.OnLocalhost(MailLinks.Find(await host.Inbox.TextAsync(ask), "passkey-reset"));
        await using var board = await host.NewContextAsync();
        var page = await board.NewPageAsync();
        await page.GotoAsync(link.AbsoluteUri);
        var found = await Axe.ViolationsAsync(page, "escalation contact's vouch page", output);
        await page.GetByRole(AriaRole.Button, new() { Name = "Vouch for the reset" }).ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("Alex Rivera's passkeys are reset.");
        Assert.Empty(await passkeys.ForMemberAsync("alex", CancellationToken.None));

        var told = Assert.Single(await host.Inbox.WaitForAsync(TellsAlex, toldBefore + 1), m => !Earlier(m));
        Assert.Contains("Sam Okafor and Board reset your passkeys", await host.Inbox.TextAsync(told), StringComparison.Ordinal);

        // The link vouches once.
        await page.GotoAsync(link.AbsoluteUri);
        await page.GetByRole(AriaRole.Button, new() { Name = "Vouch for the reset" }).ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("This link was already used.");

        var trail = (await host.Services.GetRequiredService<IAuditTrail>().ReadAsync(PasskeyRecovery.AuditChain, CancellationToken.None))
            .Select(l => (l.Entry.MemberId.StartsWith("escalation:", StringComparison.Ordinal) ? "escalation" : l.Entry.MemberId, l.Entry.What, l.Entry.Allowed)).ToList();
        Assert.Equal([("sam", "passkey.reset-vouch:alex", true), ("escalation", "passkey.reset-vouch:alex", true), ("alex", "passkey.reset", true)], trail);
        Assert.Empty(found);
    }

}
