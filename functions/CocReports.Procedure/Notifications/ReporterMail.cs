using CocReports.Procedure.Mail;
using CocReports.Procedure.Rendering;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Workflow;

namespace CocReports.Procedure.Notifications;

/// <summary>
/// The emails a reporter who gave an address receives, in the language of the form they used, with the promises the
/// community configured. Anonymous reporters read the same messages on their status page (<see cref="ReporterView"/>).
/// Nothing the reporter typed or sent is repeated in them: a mailbox may be read by someone the reporter fears.
/// </summary>
public static class ReporterMail
{
    /// <param name="receiptCode">Null when the workflow was started by the sweep, which knows only the code's hash.</param>
    public static async Task<OutgoingMail> ReceiptAsync(Report report, string? receiptCode, Uri statusPage, string community, WorkflowOptions promises)
    {
        var t = Texts.For(report.Details.Language);
        var body = new MailBody()
            .Paragraph(t.Format(report.Appeal is null ? "Mail.Receipt.Thanks" : "Appeal.Mail.Receipt", community))
            .Field(t["Reporter.Reference"], report.Reference);
        body = receiptCode is null
            ? body.Paragraph(t["Mail.Receipt.UseShownCode"])
            : body.Field(t["Reporter.ReceiptCode"], receiptCode).Paragraph(t["Mail.Receipt.KeepCode"]);
        body = body
            .Link(t["Reporter.StatusPage"], statusPage)
            .Paragraph(t.Format("Mail.Receipt.Next", t.Duration(promises.AcknowledgeWithinFor(report.Details.IsUrgent)), t.Duration(promises.FollowUpWithin)))
            .Paragraph(t["Mail.Receipt.Confidential"]);
        // Why each attachment was not kept, not its name: the receipt never repeats what the reporter sent.
        if (report.RefusedEvidence.Count > 0)
        {
            body = body.Field(t["Mail.Receipt.RefusedAttachments"], string.Join("\n", report.RefusedEvidence.Select(r => r.Reason)));
        }

        if (report.Door is Door.Email or Door.Webhook)
        {
            body = body.Paragraph(t["Mail.Receipt.ReplyToAdd"]);
        }

        // A report that came by email is answered in its own thread (In-Reply-To), under our own subject: the receipt
        // never repeats the one the reporter wrote.
        var mail = await MailAsync(report, t, "receipt", t.Format("Mail.Receipt.Subject", report.Reference), body);
        return mail with { InReplyTo = report.InboundMessageId };
    }

    public static Task<OutgoingMail> AcknowledgedAsync(Report report, string community, WorkflowOptions promises)
    {
        var t = Texts.For(report.Details.Language);
        var body = new MailBody()
            .Paragraph(t.Format("Mail.Acknowledged.Received", community, report.Reference))
            .Paragraph(t.Format("Mail.Acknowledged.Next", t.Duration(promises.FollowUpWithin)));
        return MailAsync(report, t, "acknowledged", t.Format("Mail.Acknowledged.Subject", report.Reference), body);
    }

    public static Task<OutgoingMail> FollowUpAsync(Report report, CaseMessage followUp, Uri statusPage)
    {
        var t = Texts.For(report.Details.Language);
        var body = ReporterView.AppendTo(new MailBody().Paragraph(t.Format("Mail.FollowUp.Intro", report.Reference)), followUp, t)
            .Link(t["Reporter.YourStatusPage"], statusPage);
        return MailAsync(report, t, $"followup.{followUp.Id}", t.Format("Mail.FollowUp.Subject", report.Reference), body);
    }

    public static Task<OutgoingMail> StatusUpdateAsync(Report report, CaseMessage update, Uri statusPage)
    {
        var t = Texts.For(report.Details.Language);
        var body = ReporterView.AppendTo(new MailBody().Paragraph(t.Format("Mail.StatusUpdate.Intro", report.Reference)), update, t)
            .Link(t["Reporter.YourStatusPage"], statusPage);
        return MailAsync(report, t, $"update.{update.Id}", t.Format("Mail.StatusUpdate.Subject", report.Reference), body);
    }

    public static Task<OutgoingMail> QuestionAsync(Report report, CaseMessage question, Uri answerLink)
    {
        var t = Texts.For(report.Details.Language);
        var body = ReporterView.AppendTo(new MailBody().Paragraph(t.Format("Mail.Question.Intro", report.Reference)), question, t)
            .Link(t["Mail.Question.Answer"], answerLink)
            .Paragraph(t["Mail.Question.Optional"]);
        return MailAsync(report, t, $"question.{question.Id}", t.Format("Mail.Question.Subject", report.Reference), body);
    }

    /// <param name="appeal">The reporter's way to appeal; null for an appeal's own resolution, which is final.</param>
    public static Task<OutgoingMail> ResolvedAsync(Report report, CaseMessage resolution, Uri statusPage, AppealOffer? appeal = null)
    {
        var t = Texts.For(report.Details.Language);
        var body = ReporterView.AppendTo(new MailBody().Paragraph(t.Format("Mail.Resolved.Intro", report.Reference)), resolution, t);
        body = AppealOffer.AppendTo(body, appeal, t)
            .Paragraph(t["Mail.Resolved.Confidential"])
            .Link(t["Reporter.YourStatusPage"], statusPage);
        return MailAsync(report, t, "resolved", t.Format("Mail.Resolved.Subject", report.Reference), body);
    }

    /// <summary>The committee's draft public statement, as it would name the reporter, and their link to say whether it may.</summary>
    public static Task<OutgoingMail> ConsentAsync(Report report, CaseMessage draft, Uri consent)
    {
        var t = Texts.For(report.Details.Language);
        var body = new MailBody()
            .Paragraph(t.Format("Consent.Mail.Intro", report.Reference))
            .Paragraph(draft.Text)
            .Paragraph(t["Consent.Mail.Choice"])
            .Link(t["Consent.Mail.Link"], consent);
        return MailAsync(report, t, $"consent.{draft.Id}", t.Format("Consent.Mail.Subject", report.Reference), body);
    }

    /// <summary>
    /// The answer to a reply that came after the purge: the case is closed and the reply was not kept. The report keeps
    /// no address by then, so <paramref name="report"/> comes addressed to the reply's sender; one mail per
    /// <paramref name="replyId"/>.
    /// </summary>
    /// <summary>
    /// To the From address of an emailed report no server vouched for: it may not be the sender's, so it is only asked
    /// whether it sent a report, never told what the report says, its subject or its receipt code.
    /// </summary>
    /// <param name="from">The report's unconfirmed sender; the report itself keeps no contact yet.</param>
    /// <param name="askId">Names this request among the report's others: a sender who writes again is asked again.</param>
    public static Task<OutgoingMail> ConfirmSenderAsync(Report report, string from, Uri confirm, TimeSpan linkLifetime, string askId, string community)
    {
        var t = Texts.For(report.Details.Language);
        var body = new MailBody()
            .Paragraph(t.Format("Mail.ConfirmSender.Asked", community))
            .Link(t["Mail.ConfirmSender.Link"], confirm)
            .Paragraph(t.Format("Mail.ConfirmSender.Expires", t.Duration(linkLifetime)))
            .Paragraph(t["Mail.ConfirmSender.NotYou"]);
        var addressed = report with { Details = report.Details with { ContactEmail = from } };
        return MailAsync(addressed, t, $"confirm-sender.{askId}", t.Format("Mail.ConfirmSender.Subject", community), body);
    }

    public static Task<OutgoingMail> ClosedAsync(Report report, string replyId)
    {
        var t = Texts.For(report.Details.Language);
        var body = new MailBody()
            .Paragraph(t.Format("Closed.Reply", report.Reference))
            .Paragraph(t["Closed.New"]);
        return MailAsync(report, t, $"closed.{replyId}", t.Format("Closed.Subject", report.Reference), body);
    }

    /// <param name="mailKey">Which of the report's mails this is: part of its Message-ID, so the ledger sends it once.</param>
    static async Task<OutgoingMail> MailAsync(Report report, Texts t, string mailKey, string subject, MailBody body) =>
        new(
            $"{report.Reference}.{mailKey}.reporter@coc-reports",
            // The address alone: the name the reporter typed is not repeated, not even in the To header.
            new Recipient("", report.Details.ContactEmail!),
            subject,
            body.Text,
            await body.RenderHtmlAsync(t.Language));
}
