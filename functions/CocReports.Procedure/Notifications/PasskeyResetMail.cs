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
    public static async Task<OutgoingMail> ToMemberAsync(Recipient member, string memberId, IReadOnlyList<string> vouchedBy, string community, DateTimeOffset since, DateTimeOffset at)
    {
        var body = new MailBody()
            .Paragraph($"Hello {member.Name},")
            .Paragraph($"{string.Join(" and ", vouchedBy)} reset your passkeys for the Code of Conduct cases of {community} on {Texts.Time(at)}: the passkeys you had open nothing any more, and every link you were sent before then is void.")
            .Paragraph("The next committee email brings links that work. The first case you open from one offers to add a passkey on that device.")
            .Paragraph("If you did not ask for this, tell your committee at once, by another way than email: someone may be trying to take over your access.");
        return new OutgoingMail(
            $"passkey-reset.{memberId}.{since.ToUnixTimeMilliseconds()}@coc-reports",
            member,
            $"[{community}] Your passkeys were reset",
            body.Text,
            await body.RenderHtmlAsync(Texts.Default));
    }
}
