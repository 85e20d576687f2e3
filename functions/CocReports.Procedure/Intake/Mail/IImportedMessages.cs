namespace CocReports.Procedure.Intake.Mail;

/// <summary>
/// Which messages of a mailbox folder were imported, recorded where every instance sees it rather than as a flag on
/// the message, which anyone reading the mailbox can set or clear. A source is as for <see cref="IImportFailures"/>;
/// a message's name there sorts as the server numbers the messages (a UID written with a fixed number of digits).
/// </summary>
public interface IImportedMessages
{
    /// <summary>The messages of <paramref name="source"/> named <paramref name="from"/> or later that were imported.</summary>
    Task<IReadOnlySet<string>> ImportedAsync(string source, string from, CancellationToken cancellationToken);

    /// <summary>Records the message imported; recording it twice is the same as once.</summary>
    Task RecordAsync(string source, string message, CancellationToken cancellationToken);
}
