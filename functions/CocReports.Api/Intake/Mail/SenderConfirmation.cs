using System.Security.Cryptography;
using System.Text;
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
/// An emailed report whose From address no server vouched for: that address is asked whether it sent the report, and
/// once it confirms it gets the receipt the workflow held back while the report had no contact. An anonymous report's
/// receipt waits for the same confirmation: its code opens the status page, which a forged From must not hand to
/// whoever owns that address. The link works for <see cref="ActionLinks.ConfirmSenderLifetime"/>; a sender who writes
/// again (the same message, or a reply into the case) is asked again with a fresh link, at most once a day.
/// </summary>
public sealed class SenderConfirmation(
    ActionLinks links,
    OnceOnlyMail outgoing,
    IRateLimitStore asked,
    SealedSecret sealer,
    ReporterLinks reporterLinks,
    ReplyAddress replies,
    IOptions<CommunityOptions> community,
    IOptions<WorkflowOptions> workflow,
    ILogger<SenderConfirmation> log)
{
    /// <summary>How often one report's sender is asked at most: writing again can't make the service mail an address more.</summary>
    static readonly TimeSpan AskAtMostEvery = TimeSpan.FromDays(1);

    readonly byte[] idempotencyKey = links.DeriveRecordKey(KeyPurpose.Idempotency);
    readonly byte[] askKey = links.DeriveRecordKey(KeyPurpose.ConfirmSender);

    /// <summary>An anonymous report's unverified From and its receipt code, sealed for <see cref="Report.SealedAnonymousSender"/>.</summary>
    public string SealAnonymous(string from, string receiptCode) => sealer.Seal(receiptCode + "\n" + from);

    /// <summary>The address a report's sender is to confirm from; null when no confirmation is pending.</summary>
    public string? PendingAddress(Report report) =>
        report.UnconfirmedSender ?? (report.SealedAnonymousSender is { } sealedSender ? Open(sealedSender).From : null);

    /// <summary>
    /// Mails the unconfirmed sender a link to confirm, unless it was asked within the last day. Its reply address lands
    /// in the case, so answering the request is writing again. A mail that cannot be sent fails nothing else: the
    /// report is stored, and the committee sees the sender is not confirmed.
    /// </summary>
    public async Task AskAsync(Report report, string from)
    {
        try
        {
            var key = Convert.ToHexStringLower(HMACSHA256.HashData(askKey, Encoding.UTF8.GetBytes(report.Reference)));
            if ((await asked.HitAsync("confirm-sender", key, AskAtMostEvery, CancellationToken.None)).Count > 1)
            {
                return;
            }

            var confirm = links.Create(report.Reference, ActionLinks.Reporter, CaseAction.ConfirmSender);
            var askId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
            var ask = await ReporterMail.ConfirmSenderAsync(report, from, confirm, ActionLinks.ConfirmSenderLifetime, askId, community.Value.Name);
            await outgoing.SendAsync(report.Reference, ask with { ReplyTo = replies.For(report.Reference), AnswersInboundMail = true }, CancellationToken.None);
        }
        // Over the answers' budget too: it was counted as asked for a day, and the sender's next mail asks again.
        catch (Exception e) when (e is not StorageUnavailableException)
        {
            // The reason's type only: the message of a refused send may repeat the address.
            log.LogWarning("The request to confirm the sender of report {Reference} could not be sent ({Reason})", report.Reference, e.GetType().Name);
        }
    }

    /// <summary>A reply into a case whose sender has not confirmed, from that sender: they are asked again (see <see cref="AskAsync"/>).</summary>
    public async Task AskAgainAsync(Report report, string? from)
    {
        if (PendingAddress(report) is { } pending && from is not null && CanonicalAddress.Of(from.Trim()) == CanonicalAddress.Of(pending))
        {
            await AskAsync(report, pending);
        }
    }

    /// <summary>
    /// The receipt, to the sender who just confirmed: an anonymous report's to the sealed address with the sealed code,
    /// others' with the code derived again from the message's key, which import kept in <see cref="Report.ContentHash"/>
    /// for this, as import derives it.
    /// </summary>
    /// <param name="pending">The report as it was before the confirmation, still holding what it sealed.</param>
    public async Task SendReceiptAsync(Report pending, Report confirmed)
    {
        if (!confirmed.MailReceipt)
        {
            return;
        }

        var (addressed, receiptCode) = pending.SealedAnonymousSender is { } sealedSender && Open(sealedSender) is var anonymous
            ? (confirmed with { Details = confirmed.Details with { ContactEmail = anonymous.From } }, anonymous.ReceiptCode)
            : (confirmed, ReceiptCode.FromIdempotencyKey(confirmed.ContentHash, idempotencyKey));
        var receipt = await ReporterMail.ReceiptAsync(addressed, receiptCode, reporterLinks.StatusPage(confirmed.Reference), community.Value.Name, confirmed.Schedule ?? workflow.Value);
        await outgoing.SendAsync(confirmed.Reference, receipt with { ReplyTo = replies.For(confirmed.Reference) }, CancellationToken.None);
    }

    (string ReceiptCode, string From) Open(string sealedSender) =>
        sealer.Open(sealedSender).Split('\n', 2) is [var code, var from] ? (code, from) : throw new CryptographicException("The sealed sender is not a code and an address.");
}
