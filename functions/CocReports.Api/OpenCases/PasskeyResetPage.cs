using CocReports.Api.Access;
using CocReports.Api.Pages;
using CocReports.Api.Requests;
using CocReports.Procedure.Committee;
using CocReports.Procedure.Passkeys;
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

    const string Title = "Reset a member's passkeys";

    public async Task<IResult> ShowAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (refusal, voucher) = await openCases.SessionAsync(request, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var page = new HtmlPage(Title).Heading(Title)
            .Paragraph($"When a member lost every device with their passkey, two other members reset their passkeys (in a committee of two, the other member and an escalation contact): each vouches, within {PasskeyResetRule.Within.TotalHours:0} hours of the other. Nobody resets their own.")
            .Paragraph("Make sure it is really them asking, by phone or face to face, not by email alone: after a reset, whoever holds their mailbox can add the next passkey.");
        if (PasskeyResetRule.Unavailable(committee.Value) is { } cannot)
        {
            return page.Notice(Refused(cannot)).Link("Back to your open cases", "/api/open-cases");
        }

        var own = await passkeys.ForMemberAsync(voucher!, cancellationToken);
        if (PasskeyRule.MustAdd(committee.Value, own.Count > 0))
        {
            return page.Notice(Refused(PasskeyResetRefusal.NoPasskeyOfTheirOwn)).Link("Back to your open cases", "/api/open-cases");
        }

        var confirms = PasskeyRule.SignInNeeded(committee.Value, own.Count > 0);
        if (confirms)
        {
            page.RunsPasskeys().Paragraph("Vouching asks for your own passkey, on this device.");
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
            page.Form(Path, $"Vouch to reset {member.Name}'s passkeys", fields);
            listed++;
        }

        return (listed == 0 ? page.Paragraph("No other member has a passkey to reset.") : page)
            .Link("Back to your open cases", "/api/open-cases");
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
                return PasskeyPages.NotConfirmed(Path);
            }
        }

        var outcome = await recovery.VouchAsync(voucher!, memberId, cancellationToken);
        var name = committee.Value.NameOf(memberId);
        if (outcome.Refused is { } refused)
        {
            log.LogWarning("Member {MemberId} was refused a vouch for a passkey reset ({Refusal})", voucher, refused);
            return new HtmlPage(Title, StatusCodes.Status403Forbidden).Heading("Nothing was changed.").Notice(Refused(refused)).Link("Back to your open cases", "/api/open-cases");
        }

        if (outcome.Removed is not { } removed)
        {
            log.LogInformation("Member {MemberId} vouched for resetting the passkeys of {Member}", voucher, memberId);
            var kept = new HtmlPage("Your vouch is kept").Heading("Your vouch is kept.");
            if (PasskeyResetRule.Small(committee.Value))
            {
                kept.Paragraph($"Your committee has two members, so its escalation contacts are the second to vouch: {(outcome.Mailed ? "they were asked by email" : "the email asking them did not go out, so ask them yourself")}. {name}'s passkeys are reset once one of them vouches, within {PasskeyResetRule.Within.TotalHours:0} hours of you. Nothing has changed yet.");
            }
            else
            {
                kept.Paragraph($"{name}'s passkeys are reset once another member vouches too, within {PasskeyResetRule.Within.TotalHours:0} hours of you. Nothing has changed yet.");
            }

            return kept.Link("Back to your open cases", "/api/open-cases");
        }

        log.LogInformation("The passkeys of member {Member} were reset ({Count} removed) on the vouch of {MemberId}", memberId, removed, voucher);
        if (!outcome.Mailed)
        {
            log.LogWarning("The mail telling member {Member} of their passkey reset did not go out", memberId);
        }

        var page = new HtmlPage("Passkeys reset").Heading($"{name}'s passkeys are reset.")
            .Paragraph("Their passkeys are removed, and the links and sessions they had are void. Their next committee email brings links that work, and the first case they open from one offers to add a passkey.")
            .Paragraph(outcome.Mailed ? "They were told by email." : "The email telling them did not go out: tell them yourself.");
        return page.Link("Back to your open cases", "/api/open-cases");
    }

    // Sealed to the member vouched for as well: a confirmation given for one member's reset can't vouch for another's.
    static string CeremonyScope(string memberId) => $"{PasskeyRecovery.AuditChain}/{memberId}";

    static string Refused(PasskeyResetRefusal refusal) => refusal switch
    {
        PasskeyResetRefusal.Themselves => "You can't vouch for your own reset: two other members do.",
        PasskeyResetRefusal.TooFewMembers => "Your committee has too few members to vouch, and no escalation contact: ask your administrator to reset the passkeys.",
        PasskeyResetRefusal.PasskeysOff => "Your committee doesn't use passkeys: there is nothing to reset.",
        PasskeyResetRefusal.NothingToReset => "They have no passkey: there is nothing to reset, and their links work as they are.",
        PasskeyResetRefusal.NoPasskeyOfTheirOwn => "Add a passkey of your own first, from any case you open: your committee asks every member for one, and vouching asks for it.",
        _ => "That is not a member of your committee.",
    };
}
