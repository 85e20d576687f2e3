using CocReports.Procedure.Passkeys;
using CocReports.Procedure.Storage;
using CocReports.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CocReports.BrowserTests;

/// <summary>
/// A vouch for resetting another member's passkeys needs the vouching member's own passkey in the same press: their
/// open-cases session alone (a screen left open, a script in the page) vouches for nobody.
/// </summary>
public sealed class UnconfirmedVouchTests(PasskeyHost host) : IClassFixture<PasskeyHost>
{
    [Fact]
    public async Task A_vouch_without_the_vouching_members_own_passkey_is_refused_and_kept_nowhere_but_the_trail()
    {
        var reference = (await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(Submissions.NewReporter())))).Reference;
        await using var kim = await PasskeyDevice.WithPasskeyAsync(host, reference, "kim");
        await using var sam = await PasskeyDevice.WithPasskeyAsync(host, reference, "sam");
        var trail = host.Services.GetRequiredService<IAuditTrail>();
        var before = (await trail.ReadAsync(PasskeyRecovery.AuditChain, CancellationToken.None)).Count;

        // Sam's session is open, but the press carries no answer from Sam's passkey (as a script posting the form would).
        var page = await sam.ResetPageAsync(host, "sam");
        var vouch = page.Locator("form:has(button:text('Vouch to reset Kim Tanaka'))");
        await vouch.EvaluateAsync("form => form.submit()"); // fires no submit event: the page's script asks for no passkey
        await Expect(page.Locator("main")).ToContainTextAsync("Your passkey was not confirmed.");

        var refused = (await trail.ReadAsync(PasskeyRecovery.AuditChain, CancellationToken.None)).Skip(before).Select(l => (l.Entry.MemberId, l.Entry.What, l.Entry.Allowed));
        Assert.Equal([("sam", "passkey.reset-vouch:kim", false)], refused);
        Assert.Empty(await host.Services.GetRequiredService<IPasskeyResetVouches>().ForMemberAsync("kim", CancellationToken.None));
    }
}
