using System.Globalization;
using CocReports.Api.Access;
using CocReports.Api.Pages;
using CocReports.Api.Requests;
using CocReports.Procedure.Committee;
using CocReports.Procedure.Passkeys;
using CocReports.Procedure.Rendering;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CocReports.Api.OpenCases;

/// <summary>
/// GET and POST /api/open-cases/passkey-reset, from the member's open-cases session: the other members who have
/// passkeys, each with a button to vouch for resetting them (<see cref="PasskeyRecovery"/>), and the vouch itself. A
/// vouching member with a passkey confirms with it in the same press, for that member's reset only (the ceremony is
/// sealed to both), so a session left open on a screen does not vouch.
/// </summary>
public sealed class PasskeyResetPage(
    OpenCasesPage openCases,
    PasskeyRecovery recovery,
    IPasskeyStore passkeys,
    PasskeyCeremony ceremony,
    IOptions<CommitteeOptions> committee,
    ILogger<PasskeyResetPage> log)
{
    public const string Path = "/api/open-cases/passkey-reset";

    /// <summary>The form field naming the member vouched for.</summary>
    public const string MemberField = "member";

    public async Task<IResult> ShowAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (refusal, voucher) = await openCases.SessionAsync(request, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var t = committee.Value.TextsFor(voucher);
        var page = new HtmlPage(t["Passkey.Reset.Title"], language: t.Language).Heading(t["Passkey.Reset.Title"])
            .Paragraph(t.Format("Passkey.Reset.How", Hours()))
            .Paragraph(t["Passkey.Reset.MakeSure"]);
        if (PasskeyResetRule.Unavailable(committee.Value) is { } cannot)
        {
            return page.Notice(Refused(cannot, t)).Link(t["Passkey.Reset.Back"], "/api/open-cases");
        }

        var own = await passkeys.ForMemberAsync(voucher!, cancellationToken);
        if (PasskeyRule.MustAdd(committee.Value, own.Count > 0))
        {
            return page.Notice(Refused(PasskeyResetRefusal.NoPasskeyOfTheirOwn, t)).Link(t["Passkey.Reset.Back"], "/api/open-cases");
        }

        var confirms = PasskeyRule.SignInNeeded(committee.Value, own.Count > 0);
        if (confirms)
        {
            page.RunsPasskeys().Paragraph(t["Passkey.Reset.AsksPasskey"]);
        }

        var listed = 0;
        foreach (var member in committee.Value.Members.Where(m => m.Id != voucher))
        {
            if ((await passkeys.ForMemberAsync(member.Id, cancellationToken)).Count == 0)
            {
                continue;
            }

            var fields = confirms ? ceremony.ToConfirm(CeremonyScope(member.Id), voucher!, own) : new Dictionary<string, string>();
            fields[MemberField] = member.Id;
            page.Form(Path, t.Format("Passkey.Reset.Vouch", member.Name), fields);
            listed++;
        }

        return (listed == 0 ? page.Paragraph(t["Passkey.Reset.NoOne"]) : page)
            .Link(t["Passkey.Reset.Back"], "/api/open-cases");
    }

    public async Task<IResult> VouchAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (tooLarge, form) = await SmallForm.ReadAsync(request, cancellationToken);
        if (tooLarge is not null)
        {
            return tooLarge;
        }

        var (refusal, voucher) = await openCases.SessionAsync(request, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var t = committee.Value.TextsFor(voucher);

        // The rule first, so a refused vouch is refused (and kept in the trail) whatever the passkey says.
        var memberId = form[MemberField].ToString();
        if (await recovery.RefusalAsync(voucher!, memberId, cancellationToken) is null)
        {
            var own = await passkeys.ForMemberAsync(voucher!, cancellationToken);
            if (PasskeyRule.SignInNeeded(committee.Value, own.Count > 0)
                && await ceremony.ConfirmAsync(form, CeremonyScope(memberId), voucher!, own, cancellationToken) is null)
            {
                await recovery.NotConfirmedAsync(voucher!, memberId);
                log.LogWarning("Member {MemberId} vouched for a passkey reset without a passkey that verifies; nothing was kept", voucher);
                return PasskeyPages.NotConfirmed(t, Path);
            }
        }

        var outcome = await recovery.VouchAsync(voucher!, memberId, cancellationToken);
        var name = committee.Value.NameOf(memberId);
        if (outcome.Refused is { } refused)
        {
            log.LogWarning("Member {MemberId} was refused a vouch for a passkey reset ({Refusal})", voucher, refused);
            return new HtmlPage(t["Passkey.Reset.Title"], StatusCodes.Status403Forbidden, t.Language).Heading(t["Passkey.Reset.NothingChanged"])
                .Notice(Refused(refused, t)).Link(t["Passkey.Reset.Back"], "/api/open-cases");
        }

        if (outcome.Removed is not { } removed)
        {
            log.LogInformation("Member {MemberId} vouched for resetting the passkeys of {Member}", voucher, memberId);
            var kept = new HtmlPage(t["Passkey.Reset.Kept.Title"], language: t.Language).Heading(t["Passkey.Reset.Kept.Heading"]);
            if (PasskeyResetRule.Small(committee.Value))
            {
                kept.Paragraph(t.Format(outcome.Mailed ? "Passkey.Reset.Kept.ContactsAsked" : "Passkey.Reset.Kept.ContactsNotAsked", name, Hours()));
            }
            else
            {
                kept.Paragraph(t.Format("Passkey.Reset.Kept.Member", name, Hours()));
            }

            return kept.Link(t["Passkey.Reset.Back"], "/api/open-cases");
        }

        log.LogInformation("The passkeys of member {Member} were reset ({Count} removed) on the vouch of {MemberId}", memberId, removed, voucher);
        if (!outcome.Mailed)
        {
            log.LogWarning("The mail telling member {Member} of their passkey reset did not go out", memberId);
        }

        var page = new HtmlPage(t["Passkey.Reset.Done.Title"], language: t.Language).Heading(t.Format("Passkey.Reset.Done.Heading", name))
            .Paragraph(t["Passkey.Reset.Done.Text"])
            .Paragraph(t[outcome.Mailed ? "Passkey.Reset.Done.Told" : "Passkey.Reset.Done.NotTold"]);
        return page.Link(t["Passkey.Reset.Back"], "/api/open-cases");
    }

    // Sealed to the member vouched for as well: a confirmation given for one member's reset can't vouch for another's.
    static string CeremonyScope(string memberId) => $"{PasskeyRecovery.AuditChain}/{memberId}";

    static string Refused(PasskeyResetRefusal refusal, Texts t) => t[refusal switch
    {
        PasskeyResetRefusal.Themselves => "Passkey.Reset.Refused.Themselves",
        PasskeyResetRefusal.TooFewMembers => "Passkey.Reset.Refused.TooFew",
        PasskeyResetRefusal.PasskeysOff => "Passkey.Reset.Refused.Off",
        PasskeyResetRefusal.NothingToReset => "Passkey.Reset.Refused.Nothing",
        PasskeyResetRefusal.NoPasskeyOfTheirOwn => "Passkey.Reset.Refused.NoOwn",
        _ => "Passkey.Reset.Refused.NotMember",
    }];

    /// <summary>The hours two vouches may lie apart, as a whole number.</summary>
    public static string Hours() => PasskeyResetRule.Within.TotalHours.ToString("0", CultureInfo.InvariantCulture);
}
