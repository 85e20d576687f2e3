using CocReports.Procedure.Mail;

namespace CocReports.Procedure.Storage;

/// <summary>Which mails of a report were sent, by Message-ID: a workflow step run again sends nothing twice.</summary>
public interface ISentMailLedger
{
    /// <summary>Whether the workflow already sent the email with this Message-ID.</summary>
    Task<bool> IsMailSentAsync(string reference, string messageId, CancellationToken cancellationToken);

    /// <summary>
    /// Claims the email with this Message-ID for sending, in one conditional write, so of two runs asking at once only
    /// one gets it. A claim made before <paramref name="staleBefore"/> and never marked sent is taken over.
    /// </summary>
    Task<MailClaim> ClaimMailAsync(string reference, string messageId, DateTimeOffset at, DateTimeOffset staleBefore, CancellationToken cancellationToken);

    /// <summary>Gives up a claim whose email was not sent, so the next attempt sends it.</summary>
    Task ReleaseMailAsync(string reference, string messageId, CancellationToken cancellationToken);

    Task RecordMailSentAsync(string reference, string messageId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Which of these mails of the report were sent before, in one read of its ledger.</summary>
    Task<IReadOnlySet<string>> SentMailAmongAsync(string reference, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken);
}
