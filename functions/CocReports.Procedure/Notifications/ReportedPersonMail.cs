using CocReports.Procedure.Mail;
using CocReports.Procedure.Rendering;
using CocReports.Procedure.Storage;

namespace CocReports.Procedure.Notifications;

/// <summary>
/// The committee's notice to the reported person: only what the committee wrote to them (the notice's own text), the
/// reference, and the link to give their statement once. Nothing of the report, the reporter or the evidence is read
/// to compose it, so none of it can slip in.
/// </summary>
public static class ReportedPersonMail
{
    /// <summary>The committee's draft public statement, as it would name them, to the address they were told at, with their link to answer.</summary>
    public static async Task<OutgoingMail> ConsentAsync(string reference, CaseMessage draft, string to, Uri consent, string community, Texts t)
    {
        var body = new MailBody()
            .Paragraph(t.Format("Consent.Reported.Intro", community))
            .Paragraph(draft.Text)
            .Paragraph(t["Consent.Mail.Choice"])
            .Link(t["Consent.Mail.Link"], consent);
        return new OutgoingMail(
            $"{reference}.consent.{draft.Id}@coc-reports",
            new Recipient("", to),
            t.Format("Consent.Reported.Subject", community),
            body.Text,
            await body.RenderHtmlAsync(t.Language));
    }

    /// <param name="appeal">When the case is resolved as they are told: their way to appeal the resolution.</param>
    public static async Task<OutgoingMail> NoticeAsync(string reference, CaseMessage notice, Uri statementLink, DateTimeOffset closes, string community, Texts t, AppealOffer? appeal = null)
    {
        var body = new MailBody()
            .Paragraph(t.Format("Reported.Mail.Intro", community))
            .Paragraph(notice.Text)
            .Paragraph(t.Format("Reported.Mail.Answer", Texts.Time(closes)))
            .Link(t["Reported.Mail.Link"], statementLink);
        body = AppealOffer.AppendTo(body, appeal, t).Paragraph(t["Reported.Mail.Confidential"]);
        return new OutgoingMail(
            $"{reference}.reported-notice.{notice.Id}@coc-reports",
            new Recipient("", notice.To!),
            t.Format("Reported.Mail.Subject", community, reference),
            body.Text,
            await body.RenderHtmlAsync(t.Language));
    }
}
