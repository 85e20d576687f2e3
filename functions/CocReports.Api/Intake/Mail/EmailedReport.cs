using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using CocReports.Adapters.Mail;
using CocReports.Procedure.Intake;
using CocReports.Procedure.Intake.Mail;
using CocReports.Procedure.Links;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Workflow;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CocReports.Api.Intake.Mail;

/// <summary>
/// A message that is a new report: stored with its attachments, then its workflow started, as the form does. Importing
/// it again changes nothing: its reference is derived from the message, so the second import finds the first. One over
/// the door's budget (<see cref="MailDoorBudget"/>) is deferred, to be imported again later.
/// </summary>
public sealed class EmailedReport(
    IOptions<MailIntakeOptions> options,
    IOptions<IntakeOptions> limits,
    IReportStore reports,
    IEvidenceStore evidence,
    MailDoorBudget budget,
    ActionLinks links,
    ReportIntake intake,
    ReportWorkflowStart workflowStart,
    EmailedReportAnswer receipts,
    SenderConfirmation senders,
    TimeProvider clock,
    ILogger<EmailedReport> log)
{
    /// <summary>RFC 5321 (4.5.3.1.3): a path is at most 256 octets with its angle brackets; a longer From receives no mail.</summary>
    const int MaxAddressLength = 254;

    const int MaxMessageIdLength = 250;

    readonly byte[] idempotencyKey = links.DeriveRecordKey(KeyPurpose.Idempotency);

    /// <summary>Stores the report <paramref name="mail"/> makes and starts its workflow, or finds it stored before.</summary>
    public async Task<MailImportResult> StoreAsync(InboundMail mail, Door door, ICaseWorkflow workflows, CancellationToken cancellationToken)
    {
        var key = InboundMailKey.Of(mail);
        var reference = ReportReference.FromIdempotencyKey(key, idempotencyKey);
        var receiptCode = ReceiptCode.FromIdempotencyKey(key, idempotencyKey);
        if (await reports.FindAsync(reference, cancellationToken) is { } existing)
        {
            // Imported before, and the mailbox was not marked (a crash in between): make sure its workflow runs.
            await workflowStart.StartAsync(workflows, existing, receiptCode, mayExist: true, cancellationToken);
            return new(MailImported.Duplicate, await receipts.AnswerSenderAsync(existing, mail, receiptCode));
        }

        // Counted only for a report not stored yet: a message imported again, or one whose answer waited, costs nothing.
        if (await budget.AdmitAsync(mail.FromAddress, cancellationToken) is { } deferral)
        {
            // Neither the sender nor the domain: the log says only which budget is spent.
            log.LogInformation("A new report by email was deferred: the {Budget} budget is spent for now", deferral.Taken == MailTaken.DoorFull ? "door's" : "sender domain's");
            return new(MailImported.Deferred, deferral);
        }

        var stored = new MailEvidence(limits.Value, evidence, reference, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));
        Accepted accepted;
        try
        {
            accepted = await intake.AcceptAsync(await NewReportAsync(mail, door, stored, reference, key, receiptCode, cancellationToken), receiptCode, workflows, cancellationToken);
            if (!accepted.Stored)
            {
                await stored.RemoveAsync();
                return new(MailImported.Duplicate);
            }
        }
        catch (Exception e) when (e is not StorageUnavailableException)
        {
            // Nothing half-stored: the next try would store the files once more. After an outage the sweep removes them
            // instead, once it can tell whether the report was stored after all.
            await stored.RemoveAsync();
            throw;
        }

        // A failure to start leaves the message unmarked: the next import finds the report and starts its workflow with
        // the receipt code derived again, which the sweep could not give an email reporter, who was never shown one.
        if (accepted.StartFailure is { } failure)
        {
            ExceptionDispatchInfo.Throw(failure);
        }

        return new(MailImported.Report, await receipts.AnswerSenderAsync(accepted.Report, mail, receiptCode));
    }

    /// <summary>The report a message makes, its evidence stored; every field bounded to what a table property holds.</summary>
    async Task<Report> NewReportAsync(InboundMail mail, Door door, MailEvidence stored, string reference, string key, string receiptCode, CancellationToken cancellationToken)
    {
        var text = mail.Text.Trim();
        var description = text.Length == 0 ? "(The email had no text.)" : text;
        if (description.Length > limits.Value.MaxTextLength)
        {
            const string note = "\n\n[The email is longer than a description may be: the whole text is in the evidence file message.txt.]";
            description = description[..(limits.Value.MaxTextLength - note.Length)] + note;
            await stored.AddTextAsync("message.txt", text, cancellationToken);
        }

        foreach (var attachment in mail.Attachments)
        {
            await stored.AddAsync(attachment, cancellationToken);
        }

        var from = mail.FromAddress!.Trim();
        var reachable = from.Length <= MaxAddressLength;
        var anonymous = AsksForAnonymity(mail.Subject);
        var sender = Sender(mail);
        var pending = sender == MailSender.Unconfirmed && reachable;
        var mailReceipt = reachable && await receipts.AllowedAsync(from, cancellationToken);
        return new Report(
            reference,
            clock.GetUtcNow(),
            new ReportDetails
            {
                // An unconfirmed From is no one's contact yet, and the name beside it is as forgeable.
                ContactEmail = anonymous || !reachable || pending ? null : from,
                ContactName = anonymous || pending || mail.FromName is null ? null : FieldLength.Fit(mail.FromName, 200),
                Description = description,
            },
            stored.Kept,
            ReceiptCode.Hash(receiptCode))
        {
            // Kept only while the sender is to confirm: their receipt code is derived from it then, as here. Otherwise
            // the reference, derived from it under the record key, finds a message imported again, and an unkeyed hash
            // of sender and text would confirm a guessed sender (a pending sender's address is kept anyway).
            ContentHash = pending && !anonymous ? key : "",
            Door = door,
            Subject = mail.Subject.Length == 0 ? null : FieldLength.Fit(mail.Subject, 998),

            // Only to thread the receipt, which a cut or hashed Message-ID would not: one longer than this no mail
            // system wrote, and it would make the receipt's own header too long to send. An anonymous sender's is not
            // kept: it often names their organisation's mail system (their receipt is threaded at import).
            InboundMessageId = anonymous || mail.MessageId?.Length > MaxMessageIdLength ? null : mail.MessageId,
            RefusedEvidence = stored.Refused,
            MailReceipt = mailReceipt,
            Sender = sender,
            UnconfirmedSender = pending && !anonymous ? from : null,
            // Only while a receipt is to follow the confirmation: otherwise no one is asked, and the address is not kept.
            SealedAnonymousSender = pending && anonymous && mailReceipt ? senders.SealAnonymous(from, receiptCode) : null,
        };
    }

    /// <summary>Without a trusted server (MailIntake:AuthServId unset) the From is taken as written, as before the check existed.</summary>
    MailSender Sender(InboundMail mail) =>
        options.Value.AuthServId.Length == 0 ? MailSender.NotChecked
        : SenderVerification.Verifies(mail.AuthenticationResults, options.Value.AuthServId, mail.FromAddress) ? MailSender.Verified
        : MailSender.Unconfirmed;

    /// <summary>"[anonymous]" in the subject: the report keeps no address or name, as the form's anonymous reports.</summary>
    public static bool AsksForAnonymity(string subject) => subject.Contains("[anonymous]", StringComparison.OrdinalIgnoreCase);
}
