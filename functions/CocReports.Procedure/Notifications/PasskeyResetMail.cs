using CocReports.Procedure.Mail;
using CocReports.Procedure.Rendering;

namespace CocReports.Procedure.Notifications;

/// <summary>
/// Tells a member their passkeys were reset, and by whom, so a reset they did not ask for is noticed. No report
/// content and no link: the mailbox may be the very thing that was taken, and the member's next committee email brings
/// links that work.
/// </summary>
public static class PasskeyResetMail
{
    /// <param name="since">When the first of the vouches that made the reset was given: one mail per reset, however many runs see it.</param>
    /// <param name="t">The member's words; English when not given.</param>
    public static async Task<OutgoingMail> ToMemberAsync(Recipient member, string memberId, IReadOnlyList<string> vouchedBy, string community, DateTimeOffset since, DateTimeOffset at, Texts? t = null)
    {
        t ??= Texts.For(Texts.Default);
        var body = new MailBody()
            .Paragraph(t.Format("CommitteeMail.Hello", member.Name))
            .Paragraph(t.Format("PasskeyMail.Reset.Text", vouchedBy.Aggregate((names, next) => t.Format("PasskeyMail.Reset.And", names, next)), community, Texts.Time(at)))
            .Paragraph(t["PasskeyMail.Reset.NextMail"])
            .Paragraph(t["PasskeyMail.Reset.NotYou"]);
        return new OutgoingMail(
            $"passkey-reset.{memberId}.{since.ToUnixTimeMilliseconds()}@coc-reports",
            member,
            t.Format("PasskeyMail.Reset.Subject", community),
            body.Text,
            await body.RenderHtmlAsync(t.Language));
    }
}
