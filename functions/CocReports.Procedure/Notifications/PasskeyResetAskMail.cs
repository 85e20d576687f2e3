using CocReports.Procedure.Mail;
using CocReports.Procedure.Passkeys;

namespace CocReports.Procedure.Notifications;

/// <summary>
/// Asks an escalation contact to vouch for resetting a member's passkeys, as the second voucher of a committee of two
/// (<see cref="PasskeyResetRule.Small"/>). No report content; the one link vouches once, after a press on its page.
/// </summary>
public static class PasskeyResetAskMail
{
    /// <param name="since">When the member vouched: one mail per contact for that vouch, however many runs see it.</param>
    public static async Task<OutgoingMail> ToContactAsync(Recipient contact, string voucherId, string memberId, string memberName, string vouchedBy, string community, DateTimeOffset since, Uri link)
    {
        var body = new MailBody()
            .Paragraph($"Hello {contact.Name},")
            .Paragraph($"{vouchedBy} vouched that {memberName} lost every passkey for the Code of Conduct cases of {community}, and asks to reset them. The committee has only two members, so you, as its escalation contact, are asked to be the second to vouch.")
            .Paragraph($"Check with {memberName} first, by phone or face to face, not by email alone. If it is really them asking, open the link and press the button within {PasskeyResetRule.Within.TotalHours:0} hours. If not, do nothing, and tell the committee.")
            .Link("Vouch for the reset", link);
        return new OutgoingMail(
            $"passkey-reset-ask.{memberId}.{voucherId}.{since.ToUnixTimeMilliseconds()}@coc-reports".Replace(':', '-'),
            contact,
            $"[{community}] Vouch to reset {memberName}'s passkeys?",
            body.Text,
            await body.RenderHtmlAsync(Rendering.Texts.Default));
    }
}
