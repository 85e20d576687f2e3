using CocReports.Adapters.Mail;
using CocReports.Procedure.Intake.Mail;
using CocReports.Procedure.Mail;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Workflow;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CocReports.Api.Intake.Mail;

/// <summary>
/// Turns one message to the conduct address into what it is: a new report (<see cref="EmailedReport"/>), an answer in
/// the case its reply address names (<see cref="MailReply"/>), or nothing at all for automatic mail, bounces and the
/// service's own mail. Replies into a case are never deferred: they can't be written without the case's signed reply
/// address, so a stranger can't flood them, and a flood of new reports must not hold back a case's answers.
/// </summary>
public sealed class MailImport(
    IOptions<MailOptions> sender,
    MailClassifier classifier,
    MailReply replies,
    EmailedReport reports,
    ILogger<MailImport> log)
{
    public async Task<MailImportResult> ImportAsync(InboundMail mail, Door door, ICaseWorkflow workflows, CancellationToken cancellationToken)
    {
        var kind = classifier.Classify(mail, [sender.Value.FromAddress]);
        switch (kind)
        {
            case InboundMailKind.AutoReply or InboundMailKind.Bounce or InboundMailKind.OwnMail:
                log.LogInformation("A message to the conduct address was not imported: {Kind}", kind);
                return new(MailImported.Ignored);
            case InboundMailKind.Reply when await replies.CaseOfAsync(mail, cancellationToken) is { } report:
                return new(await replies.RecordAsync(mail, report, workflows, cancellationToken));
            default:
                return await reports.StoreAsync(mail, door, workflows, cancellationToken);
        }
    }
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
