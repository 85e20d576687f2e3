using System.Globalization;
using CocReports.Procedure.Mail;
using CocReports.Procedure.Passkeys;
using CocReports.Procedure.Rendering;

namespace CocReports.Procedure.Notifications;

/// <summary>
/// Asks an escalation contact to vouch for resetting a member's passkeys, as the second voucher of a committee of two
/// (<see cref="PasskeyResetRule.Small"/>). No report content; the one link vouches once, after a press on its page.
/// </summary>
public static class PasskeyResetAskMail
{
    /// <param name="since">When the member vouched: one mail per contact for that vouch, however many runs see it.</param>
    /// <param name="t">The committee's words; English when not given.</param>
    public static async Task<OutgoingMail> ToContactAsync(Recipient contact, string voucherId, string memberId, string memberName, string vouchedBy, string community, DateTimeOffset since, Uri link, Texts? t = null)
    {
        t ??= Texts.For(Texts.Default);
        var body = new MailBody()
            .Paragraph(t.Format("CommitteeMail.Hello", contact.Name))
            .Paragraph(t.Format("PasskeyMail.Ask.Text", vouchedBy, memberName, community))
            .Paragraph(t.Format("PasskeyMail.Ask.Check", memberName, PasskeyResetRule.Within.TotalHours.ToString("0", CultureInfo.InvariantCulture)))
            .Link(t["PasskeyMail.Ask.Link"], link);
        return new OutgoingMail(
            $"passkey-reset-ask.{memberId}.{voucherId}.{since.ToUnixTimeMilliseconds()}@coc-reports".Replace(':', '-'),
            contact,
            t.Format("PasskeyMail.Ask.Subject", community, memberName),
            body.Text,
            await body.RenderHtmlAsync(t.Language));
    }
}
