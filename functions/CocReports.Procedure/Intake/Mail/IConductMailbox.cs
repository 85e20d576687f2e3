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
    /// A message the import defers is left as it is, uncounted, for a later poll, and so are the other messages of its
    /// sender domain; once the import says the whole door is full, only replies into cases are handed over for the rest
    /// of the poll (<see cref="MailboxTurns"/>).
    /// </summary>
    /// <returns>How many messages were handed over, imported or not.</returns>
    Task<int> PollAsync(Func<InboundMail, CancellationToken, Task<MailTaken>> import, CancellationToken cancellationToken);
}

/// <summary>What the import did with a message the mailbox handed over.</summary>
public enum MailTaken
{
    /// <summary>Imported, or nothing to import: marked, never handed over again.</summary>
    Imported,

    /// <summary>Left for a later poll: its sender domain's budget is spent for now.</summary>
    Deferred,

    /// <summary>Left for a later poll, and so is every new report until the door's budget refills (not a reply).</summary>
    DoorFull,

    /// <summary>Stored, but its answer to the sender waits for the mail budget: left for a later poll to answer.</summary>
    AnswerWaits,
}

/// <summary>Reads one raw MIME message (the webhook's body).</summary>
public interface IMailParser
{
    Task<InboundMail> ParseAsync(Stream raw, CancellationToken cancellationToken);
}
