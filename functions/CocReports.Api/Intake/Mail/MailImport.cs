using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using System.Text;
using CocReports.Adapters.Mail;
using CocReports.Api.CaseActions;
using CocReports.Procedure.Intake;
using CocReports.Procedure.Intake.Mail;
using CocReports.Procedure.Committee;
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
/// Turns one message to the conduct address into what it is: a new report (stored with its attachments, then its
/// workflow started, as the form does), an answer in the case its reply address names (after the case's purge, only
/// the fact that one came, and a word to its sender that the case is closed), or nothing at all for
/// automatic mail, bounces and the service's own mail. Importing the same message again changes nothing: the
/// report's reference is derived from the message, so the second import finds the first. A new report over the door's
/// budget (<see cref="MailDoorBudget"/>), or one whose answer must wait for the answers' budget, is deferred: its message
/// is imported again later. Replies into a case are never deferred: they can't be written without the case's signed
/// reply address, so a stranger can't flood them, and a flood of new reports must not hold back a case's answers.
/// </summary>
public sealed class MailImport(
    IOptions<MailIntakeOptions> options,
    IOptions<IntakeOptions> limits,
    IOptions<MailOptions> sender,
    MailClassifier classifier,
    ReplyAddress replies,
    IReportStore reports,
    ICaseStates cases,
    ICaseMessages caseMessages,
    IEvidenceStore evidence,
    IRateLimitStore rateLimits,
    MailDoorBudget budget,
    ActionLinks links,
    ReportIntake intake,
    ReportWorkflowStart workflowStart,
    OnceOnlyMail outgoing,
    ReporterLinks reporterLinks,
    SenderConfirmation senders,
    IOptions<CommunityOptions> community,
    IOptions<WorkflowOptions> workflow,
    Answers answers,
    TimeProvider clock,
    ILogger<MailImport> log)
{
    /// <summary>RFC 5321 (4.5.3.1.3): a path is at most 256 octets with its angle brackets; a longer From receives no mail.</summary>
    const int MaxAddressLength = 254;

    const int MaxMessageIdLength = 250;

    readonly byte[] idempotencyKey = links.DeriveRecordKey(KeyPurpose.Idempotency);
    readonly byte[] senderKey = links.DeriveRecordKey(KeyPurpose.MailSender);

    public async Task<MailImportResult> ImportAsync(InboundMail mail, Door door, ICaseWorkflow workflows, CancellationToken cancellationToken)
    {
        var kind = classifier.Classify(mail, [sender.Value.FromAddress]);
        switch (kind)
        {
            case InboundMailKind.AutoReply or InboundMailKind.Bounce or InboundMailKind.OwnMail:
                log.LogInformation("A message to the conduct address was not imported: {Kind}", kind);
                return new(MailImported.Ignored);
            case InboundMailKind.Reply when await ReplyCaseAsync(mail, cancellationToken) is { } report:
                return new(await RecordReplyAsync(mail, report, workflows, cancellationToken));
            default:
                return await StoreReportAsync(mail, door, workflows, cancellationToken);
        }
    }

    async Task<Report?> ReplyCaseAsync(InboundMail mail, CancellationToken cancellationToken)
    {
        var reference = mail.Recipients.Select(replies.ReferenceOf).FirstOrDefault(r => r is not null);
        return reference is null ? null : await reports.FindAsync(reference, cancellationToken);
    }

    async Task<MailImported> RecordReplyAsync(InboundMail mail, Report report, ICaseWorkflow workflows, CancellationToken cancellationToken)
    {
        // Named by the message, so a reply imported twice is recorded once.
        var id = "mail-" + Key(mail)[..16];
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

        await answers.RecordReplyAsync(reference, workflows, id, Fit(QuotedReply.Without(mail.Text), limits.Value.MaxTextLength), clock.GetUtcNow(), cancellationToken);
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

    async Task<MailImportResult> StoreReportAsync(InboundMail mail, Door door, ICaseWorkflow workflows, CancellationToken cancellationToken)
    {
        var key = Key(mail);
        var reference = ReportReference.FromIdempotencyKey(key, idempotencyKey);
        var receiptCode = ReceiptCode.FromIdempotencyKey(key, idempotencyKey);
        if (await reports.FindAsync(reference, cancellationToken) is { } existing)
        {
            // Imported before, and the mailbox was not marked (a crash in between): make sure its workflow runs.
            await workflowStart.StartAsync(workflows, existing, receiptCode, mayExist: true, cancellationToken);
            return new(MailImported.Duplicate, await AnswerSenderAsync(existing, mail, receiptCode));
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

        return new(MailImported.Report, await AnswerSenderAsync(accepted.Report, mail, receiptCode));
    }

    /// <summary>
    /// What the workflow cannot send a report without a contact: an unconfirmed sender, anonymous or not, is asked to
    /// confirm, a verified anonymous one gets the receipt. A receipt that must wait (the answers' budget, or the mail
    /// service's) defers the message: the report is stored and announced, and the next import finds it and answers then.
    /// </summary>
    async Task<MailDeferral?> AnswerSenderAsync(Report report, InboundMail mail, string receiptCode)
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
        var mailReceipt = reachable && await ReceiptAllowedAsync(from, cancellationToken);
        return new Report(
            reference,
            clock.GetUtcNow(),
            new ReportDetails
            {
                // An unconfirmed From is no one's contact yet, and the name beside it is as forgeable.
                ContactEmail = anonymous || !reachable || pending ? null : from,
                ContactName = anonymous || pending || mail.FromName is null ? null : Fit(mail.FromName, 200),
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
            Subject = mail.Subject.Length == 0 ? null : Fit(mail.Subject, 998),

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
            var receipt = await ReporterMail.ReceiptAsync(addressed, receiptCode, reporterLinks.StatusPage(report.Reference), community.Value.Name, workflow.Value);
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
    async Task<bool> ReceiptAllowedAsync(string from, CancellationToken cancellationToken)
    {
        var key = Convert.ToHexStringLower(HMACSHA256.HashData(senderKey, Encoding.UTF8.GetBytes(CanonicalAddress.Of(from))));
        var count = await rateLimits.HitAsync("mail-receipts", key, TimeSpan.FromDays(1), cancellationToken);
        return count.Count <= options.Value.ReceiptsPerSenderPerDay;
    }

    /// <summary>
    /// Names a message for idempotency: its Message-ID (or, without one, its raw bytes) together with what it says, so
    /// a redelivery is recognised while another message reusing the same Message-ID is still a report of its own.
    /// </summary>
    static string Key(InboundMail mail)
    {
        var content = SHA256.HashData(Encoding.UTF8.GetBytes($"{mail.FromAddress}\n{mail.Subject}\n{mail.Text}\n{string.Join("\n", mail.Attachments.Select(a => a.FileName))}"));
        return "mail:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{mail.MessageId ?? mail.RawSha256}\n{Convert.ToHexStringLower(content)}")));
    }

    /// <summary>"[anonymous]" in the subject: the report keeps no address or name, as the form's anonymous reports.</summary>
    public static bool AsksForAnonymity(string subject) => subject.Contains("[anonymous]", StringComparison.OrdinalIgnoreCase);

    static string Fit(string value, int length) => value.Length <= length ? value : value[..length];
}

/// <summary>What importing one message did; <paramref name="Deferral"/>: import it again after its wait.</summary>
public sealed record MailImportResult(MailImported Kind, MailDeferral? Deferral = null)
{
    /// <summary>What the mailbox does with the message: marks it, or leaves it for a later poll.</summary>
    public MailTaken Taken => Deferral?.Taken ?? MailTaken.Imported;
}

/// <summary>What importing one message did.</summary>
public enum MailImported
{
    Report,
    Reply,
    Duplicate,
    Ignored,

    /// <summary>A new report over the door's budget: nothing stored.</summary>
    Deferred,
}
