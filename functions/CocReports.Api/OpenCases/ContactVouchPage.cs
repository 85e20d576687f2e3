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
        // An escalation contact is no member: the committee's language.
        var t = committee.Value.TextsFor(null);
        var memberId = request.Query["member"].ToString();
        var token = request.Query["token"].ToString();
        if (Check(token, memberId) is { Status: not LinkStatus.Valid } refused)
        {
            return LinkPages.Refused(refused.Status, t);
        }

        var name = committee.Value.NameOf(memberId);
        return new HtmlPage(t.Format("Passkey.Reset.Vouch", name), language: t.Language)
            .Heading(t.Format("Passkey.Reset.Vouch", name))
            .Paragraph(t.Format("Passkey.Contact.Check", name))
            .Form(Path, t["Passkey.Contact.Button"], new Dictionary<string, string> { ["member"] = memberId, ["token"] = token });
    }

    public async Task<IResult> VouchAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (tooLarge, form) = await SmallForm.ReadAsync(request, cancellationToken);
        if (tooLarge is not null)
        {
            return tooLarge;
        }

        var t = committee.Value.TextsFor(null);
        var memberId = form["member"].ToString();
        var check = Check(form["token"].ToString(), memberId);
        if (check.Status != LinkStatus.Valid)
        {
            return LinkPages.Refused(check.Status, t);
        }

        if (!await linkLedger.TryUseLinkAsync(SpentUnder, check.LinkId!, cancellationToken))
        {
            return LinkPages.AlreadyUsed(t);
        }

        var outcome = await recovery.VouchAsync(check.MemberId!, memberId, cancellationToken);
        var name = committee.Value.NameOf(memberId);
        if (outcome.Refused is not null)
        {
            log.LogWarning("An escalation contact's vouch for resetting the passkeys of member {Member} was refused ({Refusal})", memberId, outcome.Refused);
            return new HtmlPage(t["Passkey.Contact.Unchanged.Title"], StatusCodes.Status403Forbidden, t.Language).Heading(t["Passkey.Reset.NothingChanged"])
                .Paragraph(t["Passkey.Contact.Unchanged.Text"]);
        }

        if (outcome.Removed is null)
        {
            return new HtmlPage(t["Passkey.Reset.Kept.Title"], language: t.Language).Heading(t["Passkey.Reset.Kept.Heading"])
                .Paragraph(t.Format("Passkey.Contact.Kept", name, PasskeyResetPage.Hours()));
        }

        log.LogInformation("The passkeys of member {Member} were reset ({Count} removed) on an escalation contact's vouch", memberId, outcome.Removed);
        return new HtmlPage(t["Passkey.Reset.Done.Title"], language: t.Language).Heading(t.Format("Passkey.Reset.Done.Heading", name))
            .Paragraph(t[outcome.Mailed ? "Passkey.Contact.Told" : "Passkey.Reset.Done.NotTold"]);
    }

    // The link must be genuine, unexpired and for this member's reset; whether its contact may still vouch is the rule's.
    LinkCheck Check(string token, string memberId) =>
        links.Check(token, ActionLinks.PasskeyResetScope(memberId), CaseAction.VouchPasskeyReset);
}
