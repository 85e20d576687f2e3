using CocReports.Api.Access;
using CocReports.Api.Pages;
using CocReports.Api.Requests;
using CocReports.Procedure.Committee;
using CocReports.Procedure.Links;
using CocReports.Procedure.Passkeys;
using CocReports.Procedure.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CocReports.Api.OpenCases;

/// <summary>
/// /api/open-cases/sign-in: a member with a passkey opens their open cases without any link, so a mailbox is no longer
/// the way in at all. The browser offers whichever passkey it holds for this site; its answer names the member, and
/// the passkey must still be theirs and they still on the committee. The session is the open-cases page's own, already
/// confirmed; each case then opens from there through a fresh link, with the passkey again. Every sign-in is audited
/// on the open-cases chain; a failed one names no one (no member is known), so it is only logged.
/// </summary>
public sealed class SignInPage(
    PasskeyCeremony ceremony,
    LinkExchange exchange,
    CaseSessions sessions,
    IAuditTrail audit,
    IOptions<CommitteeOptions> committee,
    TimeProvider clock,
    ILogger<SignInPage> log)
{
    public const string Path = "/api/open-cases/sign-in";

    // What a sign-in's ceremony is sealed to: this page, and no other passkey form.
    const string Scope = "open-cases-sign-in";

    public IResult Show(HttpRequest request)
    {
        var t = committee.Value.TextsFor(null);
        if (committee.Value.Passkeys == PasskeyUse.Off)
        {
            return new HtmlPage(t["SignIn.Off.Title"], StatusCodes.Status404NotFound, t.Language)
                .Heading(t["SignIn.Off.Title"])
                .Paragraph(t["SignIn.Off.Explain"]);
        }

        if (exchange.Held(request, OpenCasesPage.Place) is not null)
        {
            return new HtmlPage(t["SignIn.Title"], language: t.Language).Refresh(OpenCasesPage.Place.Path).Heading(t["SignIn.Title"]).Link(t["SignIn.Open"], OpenCasesPage.Place.Path);
        }

        return new HtmlPage(t["SignIn.Title"], language: t.Language)
            .RunsPasskeys()
            .Heading(t["SignIn.Title"])
            .Paragraph(t["SignIn.Explain"])
            .Form(Path, t["SignIn.Button"], ceremony.ToSignIn(Scope));
    }

    public async Task<IResult> SignInAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (tooLarge, form) = await SmallForm.ReadAsync(request, cancellationToken);
        if (tooLarge is not null)
        {
            return tooLarge;
        }

        var t = committee.Value.TextsFor(null);
        if (committee.Value.Passkeys == PasskeyUse.Off || await ceremony.SignInAsync(form, Scope, cancellationToken) is not { } passkey)
        {
            log.LogWarning("A sign-in with a passkey did not verify");
            return new HtmlPage(t["SignIn.Failed.Title"], StatusCodes.Status403Forbidden, t.Language)
                .Heading(t["SignIn.Failed.Title"])
                .Paragraph(t["SignIn.Failed.Explain"])
                .Link(t["SignIn.TryAgain"], Path);
        }

        var now = clock.GetUtcNow();
        await audit.AppendAsync(OpenCasesPage.AuditChain, new AuditEntry(now, passkey.MemberId, LinkExchange.SignedIn, Allowed: true), cancellationToken);
        log.LogInformation("Member {MemberId} signed in to their open cases with passkey {Passkey}", passkey.MemberId, passkey.ShortId);
        return exchange.Started(request, sessions.Start(OpenCasesPage.Place.Scope, passkey.MemberId, now), OpenCasesPage.Place);
    }
}
