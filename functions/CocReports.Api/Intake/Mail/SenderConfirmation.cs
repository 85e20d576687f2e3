using CocReports.Procedure.Committee;
using CocReports.Procedure.Intake.Mail;
using CocReports.Procedure.Links;
using CocReports.Procedure.Mail;
using CocReports.Procedure.Notifications;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Workflow;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CocReports.Api.Intake.Mail;

/// <summary>
/// An emailed report whose From address no server vouched for: that address is asked, once, whether it sent the
/// report, and once it confirms it gets the receipt the workflow held back while the report had no contact.
/// </summary>
public sealed class SenderConfirmation(
    ActionLinks links,
    OnceOnlyMail outgoing,
    ReporterLinks reporterLinks,
    ReplyAddress replies,
    IOptions<CommunityOptions> community,
    IOptions<WorkflowOptions> workflow,
    ILogger<SenderConfirmation> log)
{
    readonly byte[] idempotencyKey = links.DeriveRecordKey("idempotency");

    /// <summary>
    /// Mails the unconfirmed sender the link to confirm. Sent once per report whatever the retries. A mail that
    /// cannot be sent fails nothing else: the report is stored, and the committee sees the sender is not confirmed.
    /// </summary>
    /// <exception cref="MailThrottledException">Not now (the answers' budget, or the mail service): ask again later.</exception>
    public async Task AskAsync(Report report)
    {
        try
        {
            var confirm = links.Create(report.Reference, ActionLinks.Reporter, CaseAction.ConfirmSender);
            var ask = await ReporterMail.ConfirmSenderAsync(report, report.UnconfirmedSender!, confirm, community.Value.Name);
            await outgoing.SendAsync(report.Reference, ask with { AnswersInboundMail = true }, CancellationToken.None);
        }
        catch (Exception e) when (e is not (StorageUnavailableException or MailThrottledException))
        {
            // The reason's type only: the message of a refused send may repeat the address.
            log.LogWarning("The request to confirm the sender of report {Reference} could not be sent ({Reason})", report.Reference, e.GetType().Name);
        }
    }

    /// <summary>
    /// The receipt, to the sender who just confirmed: its code derived again from the message's key, which import kept
    /// in <see cref="Report.ContentHash"/> for this, as import derives it.
    /// </summary>
    public async Task SendReceiptAsync(Report confirmed)
    {
        if (!confirmed.MailReceipt)
        {
            return;
        }

        var receiptCode = ReceiptCode.FromIdempotencyKey(confirmed.ContentHash, idempotencyKey);
        var receipt = await ReporterMail.ReceiptAsync(confirmed, receiptCode, reporterLinks.StatusPage(confirmed.Reference), community.Value.Name, workflow.Value);
        await outgoing.SendAsync(confirmed.Reference, receipt with { ReplyTo = replies.For(confirmed.Reference) }, CancellationToken.None);
    }
}
