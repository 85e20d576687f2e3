using CocReports.Procedure.Links;
using CocReports.Procedure.Mail;
using CocReports.Procedure.Rendering;
using CocReports.Procedure.Transparency;

namespace CocReports.Procedure.Notifications;

/// <summary>On January 1, last year's transparency report as a draft for a committee member to review before publishing: their own, of the reports they may see.</summary>
public static class TransparencyMail
{
    public static async Task<OutgoingMail> ToMemberAsync(TransparencyReport report, Recipient member, string memberId, ActionLinks links)
    {
        var period = TransparencyMarkdown.Period(report);
        var body = new MailBody()
            .Paragraph($"Hello {member.Name},")
            .Paragraph($"Here is the draft of {report.Community}'s Code of Conduct transparency report for {period}, drafted from the records. Review it, add how the Code of Conduct was promoted, and publish the Markdown.")
            .Paragraph(CountedReports.Note)
            .Link("Open the transparency report page", links.CreateTransparency(memberId))
            .Field("Draft (Markdown)", TransparencyMarkdown.Render(report));
        return new OutgoingMail(
            $"transparency.{report.From:yyyyMMdd}-{report.To:yyyyMMdd}.{memberId}@coc-reports",
            member,
            $"[{report.Community}] Transparency report {period}: draft for review",
            body.Text,
            await body.RenderHtmlAsync(Texts.Default));
    }
}
