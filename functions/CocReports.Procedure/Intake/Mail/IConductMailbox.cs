namespace CocReports.Procedure.Intake.Mail;

/// <summary>The conduct mailbox (IMAP in production and locally).</summary>
public interface IConductMailbox
{
    /// <summary>
    /// Hands each message not yet imported to <paramref name="import"/>, whether or not anyone opened it, and records it
    /// imported only when that returned: a failure or a crash in between leaves it to the next poll, which imports it
    /// again (idempotently). Then the message is removed from the mailbox or kept (<see cref="MailIntakeOptions.ImportedMail"/>).
    /// A message whose import failed is counted, and set aside after <see cref="MailQuarantine.Tries"/> failures
    /// (<see cref="MailQuarantine"/>); one larger than <see cref="MailIntakeOptions.MaxMessageBytes"/> is set aside
    /// unread. A message set aside stays in the mailbox. One whose import throws <c>StorageUnavailableException</c> is
    /// not counted: an outage ends the poll.
    /// </summary>
    /// <returns>How many messages were handed over, imported or not.</returns>
    Task<int> PollAsync(Func<InboundMail, CancellationToken, Task> import, CancellationToken cancellationToken);
}

/// <summary>Reads one raw MIME message (the webhook's body).</summary>
public interface IMailParser
{
    Task<InboundMail> ParseAsync(Stream raw, CancellationToken cancellationToken);
}
