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
/// GET and POST /api/passkey-reset, from the link an escalation contact is mailed when one member of a committee of two
/// vouched for resetting the other's passkeys (<see cref="PasskeyRecovery"/>). Escalation contacts have no case page,
/// session or passkey: the signed link in their mail is what they hold. Following it only shows a button, so a mail
/// gateway that fetches links vouches for nobody; the button's post vouches, once.
/// </summary>
public sealed class ContactVouchPage(
    ActionLinks links,
    ILinkLedger linkLedger,
    PasskeyRecovery recovery,
    IOptions<CommitteeOptions> committee,
    ILogger<ContactVouchPage> log)
{
    public const string Path = "/api/passkey-reset";

    /// <summary>Where the contacts' spent links are kept: no report's partition.</summary>
    const string SpentUnder = "passkey-reset-links";

    public IResult Show(HttpRequest request)
    {
        var memberId = request.Query["member"].ToString();
        var token = request.Query["token"].ToString();
        if (Check(token, memberId) is { Status: not LinkStatus.Valid } refused)
        {
            return LinkPages.Refused(refused.Status);
        }

        var name = committee.Value.NameOf(memberId);
        return new HtmlPage($"Vouch to reset {name}'s passkeys")
            .Heading($"Vouch to reset {name}'s passkeys")
            .Paragraph($"Press the button only once you have checked with {name}, by phone or face to face, that they lost every passkey and asked for the reset. Their passkeys are removed, their links stop working, and they are told by email who vouched.")
            .Form(Path, "Vouch for the reset", new Dictionary<string, string> { ["member"] = memberId, ["token"] = token });
    }

    public async Task<IResult> VouchAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (tooLarge, form) = await SmallForm.ReadAsync(request, cancellationToken);
        if (tooLarge is not null)
        {
            return tooLarge;
        }

        var memberId = form["member"].ToString();
        var check = Check(form["token"].ToString(), memberId);
        if (check.Status != LinkStatus.Valid)
        {
            return LinkPages.Refused(check.Status);
        }

        if (!await linkLedger.TryUseLinkAsync(SpentUnder, check.LinkId!, cancellationToken))
        {
            return LinkPages.AlreadyUsed();
        }

        var outcome = await recovery.VouchAsync(check.MemberId!, memberId, cancellationToken);
        var name = committee.Value.NameOf(memberId);
        if (outcome.Refused is not null)
        {
            log.LogWarning("An escalation contact's vouch for resetting the passkeys of member {Member} was refused ({Refusal})", memberId, outcome.Refused);
            return new HtmlPage("Nothing was changed", StatusCodes.Status403Forbidden).Heading("Nothing was changed.")
                .Paragraph("This reset can't be vouched for any more: the committee or its passkeys changed since the email. Ask the committee.");
        }

        if (outcome.Removed is null)
        {
            return new HtmlPage("Your vouch is kept").Heading("Your vouch is kept.")
                .Paragraph($"{name}'s passkeys are reset once a member of the committee vouches too, within {PasskeyResetRule.Within.TotalHours:0} hours of you. Nothing has changed yet.");
        }

        log.LogInformation("The passkeys of member {Member} were reset ({Count} removed) on an escalation contact's vouch", memberId, outcome.Removed);
        return new HtmlPage("Passkeys reset").Heading($"{name}'s passkeys are reset.")
            .Paragraph(outcome.Mailed ? "They were told by email. Their next committee email brings links that work." : "The email telling them did not go out: tell them yourself.");
    }

    // The link must be genuine, unexpired and for this member's reset; whether its contact may still vouch is the rule's.
    LinkCheck Check(string token, string memberId) =>
        links.Check(token, ActionLinks.PasskeyResetScope(memberId), CaseAction.VouchPasskeyReset);
}
