namespace CocReports.Procedure.Storage;

/// <summary>Which mails of a report were sent, by Message-ID: a workflow step run again sends nothing twice.</summary>
public interface ISentMailLedger
{
    /// <summary>Whether the workflow already sent the email with this Message-ID.</summary>
    Task<bool> IsMailSentAsync(string reference, string messageId, CancellationToken cancellationToken);

    Task RecordMailSentAsync(string reference, string messageId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Which of these mails of the report were sent before, in one read of its ledger.</summary>
    Task<IReadOnlySet<string>> SentMailAmongAsync(string reference, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken);
}
