using CocReports.Adapters.Mail;
using CocReports.Api.CaseActions;
using CocReports.Procedure.Intake;
using CocReports.Procedure.Intake.Mail;
using CocReports.Procedure.Mail;
using CocReports.Procedure.Notifications;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Workflow;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CocReports.Api.Intake.Mail;

/// <summary>
/// A message to a case's reply address: an answer recorded in the case (once, however often it is imported), or, after
/// the case's purge, only the fact that one came, and a word to its sender that the case is closed.
/// </summary>
public sealed class MailReply(
    IOptions<IntakeOptions> limits,
    ReplyAddress replies,
    IReportStore reports,
    ICaseStates cases,
    ICaseMessages caseMessages,
    OnceOnlyMail outgoing,
    SenderConfirmation senders,
    Answers answers,
    TimeProvider clock,
    ILogger<MailReply> log)
{
    /// <summary>The case whose reply address the message was sent to, or null: not a reply, or not to a case kept.</summary>
    public async Task<Report?> CaseOfAsync(InboundMail mail, CancellationToken cancellationToken)
    {
        var reference = mail.Recipients.Select(replies.ReferenceOf).FirstOrDefault(r => r is not null);
        return reference is null ? null : await reports.FindAsync(reference, cancellationToken);
    }

    /// <summary>Records <paramref name="mail"/> as an answer in <paramref name="report"/>'s case, or answers it is closed.</summary>
    public async Task<MailImported> RecordAsync(InboundMail mail, Report report, ICaseWorkflow workflows, CancellationToken cancellationToken)
    {
        // Named by the message, so a reply imported twice is recorded once.
        var id = "mail-" + InboundMailKey.Of(mail)[..16];
        var reference = report.Reference;
        if (!(await cases.GetCaseStateAsync(reference, cancellationToken)).KeepsReplies)
        {
            return await AnswerClosedAsync(mail, report, id, workflows);
        }

        if ((await caseMessages.GetMessagesAsync(reference, cancellationToken)).Any(m => m.Id == id))
        {
            return MailImported.Duplicate;
        }

        // Writing again into the case is asking again for the link to confirm, whether the first one expired or was lost.
        await senders.AskAgainAsync(report, mail.FromAddress);

        await answers.RecordReplyAsync(reference, workflows, id, FieldLength.Fit(QuotedReply.Without(mail.Text), limits.Value.MaxTextLength), clock.GetUtcNow(), cancellationToken);
        log.LogInformation("A reply by email was added to report {Reference}", reference);
        return MailImported.Reply;
    }

    /// <summary>
    /// A reply after the purge: its sender is told the case is closed, and only its arrival goes on the timeline. The
    /// answer is sent first, once per reply, so a reply imported again finds it sent and records nothing more.
    /// </summary>
    async Task<MailImported> AnswerClosedAsync(InboundMail mail, Report report, string id, ICaseWorkflow workflows)
    {
        var addressed = report with { Details = report.Details with { ContactEmail = mail.FromAddress!.Trim() } };
        var closed = await ReporterMail.ClosedAsync(addressed, id);
        if (!await outgoing.SendAsync(report.Reference, closed with { InReplyTo = mail.MessageId }, CancellationToken.None))
        {
            return MailImported.Duplicate;
        }

        await answers.RecordAfterClosingAsync(report.Reference, workflows, clock.GetUtcNow(), CancellationToken.None);
        log.LogInformation("A reply by email to report {Reference} came after the purge; it was not kept", report.Reference);
        return MailImported.Reply;
    }
}
