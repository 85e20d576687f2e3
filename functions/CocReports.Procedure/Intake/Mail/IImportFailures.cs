namespace CocReports.Procedure.Intake.Mail;

/// <summary>
/// How often each inbound message failed to import, counted where every instance sees it. A source is where the
/// messages come from (a mailbox folder, the webhook), a message its name there.
/// </summary>
public interface IImportFailures
{
    /// <summary>The messages of <paramref name="source"/> that failed, with how often.</summary>
    Task<IReadOnlyDictionary<string, int>> FailuresAsync(string source, CancellationToken cancellationToken);

    /// <summary>Counts one more failure of the message.</summary>
    /// <returns>How many times it has failed now.</returns>
    Task<int> CountAsync(string source, string message, CancellationToken cancellationToken);

    /// <summary>Counts the message as failed at least <paramref name="failures"/> times, without trying it.</summary>
    /// <returns>How many times it had failed before.</returns>
    Task<int> CountAtLeastAsync(string source, string message, int failures, CancellationToken cancellationToken);

    /// <summary>The message was imported after all: its failures no longer count.</summary>
    Task ForgetAsync(string source, string message, CancellationToken cancellationToken);
}
