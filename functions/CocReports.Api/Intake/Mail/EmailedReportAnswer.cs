using System.Security.Cryptography;
using System.Text;
using CocReports.Adapters.Mail;
using CocReports.Procedure.Committee;
using CocReports.Procedure.Intake.Mail;
using CocReports.Procedure.Limits;
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
/// What the import answers the sender of an emailed report itself, since the workflow can't: a request to confirm an
/// unconfirmed sender, or an anonymous sender's receipt; and how many receipts one mailbox may be sent.
/// </summary>
public sealed class EmailedReportAnswer(
    IOptions<MailIntakeOptions> options,
    IRateLimitStore rateLimits,
    ActionLinks links,
    ReplyAddress replies,
    OnceOnlyMail outgoing,
    ReporterLinks reporterLinks,
    SenderConfirmation senders,
    IOptions<CommunityOptions> community,
    IOptions<WorkflowOptions> workflow,
    ILogger<EmailedReportAnswer> log)
{
    readonly byte[] senderKey = links.DeriveRecordKey(KeyPurpose.MailSender);

    /// <summary>
    /// What the workflow cannot send a report without a contact: an unconfirmed sender, anonymous or not, is asked to
    /// confirm, a verified anonymous one gets the receipt. A receipt that must wait (the answers' budget, or the mail
    /// service's) defers the message: the report is stored and announced, and the next import finds it and answers then.
    /// </summary>
    public async Task<MailDeferral?> AnswerSenderAsync(Report report, InboundMail mail, string receiptCode)
    {
        if (!report.MailReceipt)
        {
            return null;
        }

        try
        {
            if (senders.PendingAddress(report) is { } pending)
            {
                await senders.AskAsync(report, pending);
            }
            else if (report.Details.IsAnonymous)
            {
                await SendAnonymousReceiptAsync(report, mail.FromAddress!.Trim(), receiptCode);
            }

            return null;
        }
        catch (MailThrottledException throttled)
        {
            log.LogInformation("The answer to emailed report {Reference} waits for the mail budget", report.Reference);
            return new MailDeferral(throttled.RetryAfter, MailTaken.AnswerWaits);
        }
    }

    /// <summary>
    /// An anonymous report keeps no address, so the workflow cannot send its receipt: it is answered once, here, with
    /// the code the sender needs for the status page. A receipt that cannot be sent fails nothing else: the report is
    /// stored and its workflow runs, and an address the server refuses would fail the import at every try. One that must
    /// wait throws, for the message to be imported, and answered, later.
    /// </summary>
    async Task SendAnonymousReceiptAsync(Report report, string from, string receiptCode)
    {
        try
        {
            var addressed = report with { Details = report.Details with { ContactEmail = from } };
            var receipt = await ReporterMail.ReceiptAsync(addressed, receiptCode, reporterLinks.StatusPage(report.Reference), community.Value.Name, report.Schedule ?? workflow.Value);
            await outgoing.SendAsync(report.Reference, receipt with { ReplyTo = replies.For(report.Reference), AnswersInboundMail = true }, CancellationToken.None);
        }
        catch (Exception e) when (e is not (StorageUnavailableException or MailThrottledException))
        {
            // The reason's type only: the message of a refused send may repeat the address.
            log.LogWarning("The receipt of anonymous report {Reference} could not be sent ({Reason})", report.Reference, e.GetType().Name);
        }
    }

    /// <summary>
    /// A sender who writes again and again gets their reports kept, and a bounded number of receipts: per mailbox, so
    /// a stranger forging variants of someone's address can't make the service mail them more.
    /// </summary>
    public async Task<bool> AllowedAsync(string from, CancellationToken cancellationToken)
    {
        var key = Convert.ToHexStringLower(HMACSHA256.HashData(senderKey, Encoding.UTF8.GetBytes(CanonicalAddress.Of(from))));
        var count = await rateLimits.HitAsync("mail-receipts", key, TimeSpan.FromDays(1), cancellationToken);
        return count.Count <= options.Value.ReceiptsPerSenderPerDay;
    }
}
