namespace CocReports.Procedure.Intake.Mail;

/// <summary>
/// How often each inbound message failed to import, counted where every instance sees it. A source is where the
/// messages come from (a mailbox folder, the webhook), a message its name there.
/// </summary>
public interface IImportFailures
{
    /// <summary>The messages of <paramref name="source"/> that failed, but fewer than <paramref name="fewerThan"/> times, with how often.</summary>
    Task<IReadOnlyDictionary<string, int>> FailingAsync(string source, int fewerThan, CancellationToken cancellationToken);

    /// <summary>Counts one more failure of the message.</summary>
    /// <returns>How many times it has failed now.</returns>
    Task<int> CountAsync(string source, string message, CancellationToken cancellationToken);

    /// <summary>The message was imported after all: its failures no longer count.</summary>
    Task ForgetAsync(string source, string message, CancellationToken cancellationToken);
}
