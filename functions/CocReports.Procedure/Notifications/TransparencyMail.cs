using System.Globalization;
using CocReports.Procedure.Links;
using CocReports.Procedure.Mail;
using CocReports.Procedure.Rendering;
using CocReports.Procedure.Transparency;

namespace CocReports.Procedure.Notifications;

/// <summary>
/// On January 1, last year's transparency report as a draft for a committee member to review before publishing: their
/// own, of the reports they may see. The mail is in the member's words; the Markdown is the published report's own.
/// </summary>
public static class TransparencyMail
{
    /// <param name="t">The member's words; English when not given.</param>
    public static async Task<OutgoingMail> ToMemberAsync(TransparencyReport report, Recipient member, string memberId, ActionLinks links, Texts? t = null)
    {
        t ??= Texts.For(Texts.Default);
        var period = Period(report, t);
        var body = new MailBody()
            .Paragraph(t.Format("CommitteeMail.Hello", member.Name))
            .Paragraph(t.Format("TransparencyMail.Text", report.Community, period))
            // Said on every draft in the same words, to every member: saying it only when a report was left out would itself tell.
            .Paragraph(t["TransparencyPage.CountsOnlyYours"])
            .Link(t["TransparencyMail.Link"], links.CreateTransparency(memberId))
            .Field(t["TransparencyMail.Draft"], TransparencyMarkdown.Render(report));
        return new OutgoingMail(
            $"transparency.{report.From:yyyyMMdd}-{report.To:yyyyMMdd}.{memberId}@coc-reports",
            member,
            t.Format("TransparencyMail.Subject", report.Community, period),
            body.Text,
            await body.RenderHtmlAsync(t.Language));
    }

    // As TransparencyMarkdown.Period names it, in the member's words: a calendar year by its number.
    static string Period(TransparencyReport report, Texts t) =>
        report.From.Month == 1 && report.From.Day == 1 && report.To == new DateOnly(report.From.Year, 12, 31)
            ? report.From.Year.ToString(CultureInfo.InvariantCulture)
            : t.Format("TransparencyPage.Period", report.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), report.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
}
