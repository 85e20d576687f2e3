using CocReports.Procedure.Reports;
using CocReports.Procedure.Telemetry;
using Microsoft.Extensions.Logging;

namespace CocReports.Procedure.Intake.Mail;

/// <summary>
/// Sets aside an inbound message that failed to import <see cref="Tries"/> times: the same failure again, not a passing
/// one (an outage fails the whole poll and counts for no message). Tried for ever, it would cost every poll a try and,
/// with enough of them, hold back every message after them. The operators are told, by a counter and a log event an
/// alert rule looks for, without a word of what the message says or who sent it.
/// </summary>
public sealed class MailQuarantine(IImportFailures failures, ProcedureMetrics metrics, ILogger<MailQuarantine> log)
{
    public const int Tries = 3;

    /// <summary>The log event an alert rule looks for: a message set aside.</summary>
    public static readonly EventId MailQuarantined = new(4002, nameof(MailQuarantined));

    /// <summary>The messages of <paramref name="source"/> that failed before, with how often: set aside from <see cref="Tries"/> on.</summary>
    public Task<IReadOnlyDictionary<string, int>> FailuresAsync(string source, CancellationToken cancellationToken) =>
        failures.FailuresAsync(source, cancellationToken);

    /// <summary>Whether a message that failed this often is set aside.</summary>
    public static bool SetAside(int failures) => failures >= Tries;

    /// <summary>Counts a failed import of <paramref name="message"/>, named for an operator by <paramref name="where"/>.</summary>
    /// <returns>Whether the message is set aside now: no door tries it again by itself.</returns>
    public async Task<bool> FailedAsync(Door door, string source, string message, string where, Exception failure, CancellationToken cancellationToken)
    {
        var count = await failures.CountAsync(source, message, cancellationToken);
        if (count < Tries)
        {
            log.LogWarning("An inbound message ({Where}) could not be imported ({Reason}); failure {Count} of {Tries}", where, failure.GetType().Name, count, Tries);
            return false;
        }

        // Once per message: a provider that delivers it again, or an operator who lets it be tried once more, is no news.
        if (count == Tries)
        {
            metrics.MailQuarantined(door.ToString().ToLowerInvariant());
            log.LogError(MailQuarantined, "MailQuarantined: an inbound message ({Where}) failed {Count} imports, the last with {Reason}, and is set aside", where, count, failure.GetType().Name);
        }
        else
        {
            log.LogWarning("An inbound message set aside before ({Where}) failed again ({Reason})", where, failure.GetType().Name);
        }

        return true;
    }

    /// <summary>
    /// Sets <paramref name="message"/> aside without a try: it is larger than <paramref name="maxBytes"/>, which no
    /// import would read. Alerts as a message that failed every try, once.
    /// </summary>
    public async Task TooLargeAsync(Door door, string source, string message, string where, long bytes, long maxBytes, CancellationToken cancellationToken)
    {
        if (SetAside(await failures.CountAtLeastAsync(source, message, Tries, cancellationToken)))
        {
            return;
        }

        metrics.MailQuarantined(door.ToString().ToLowerInvariant());
        log.LogError(MailQuarantined, "MailQuarantined: an inbound message ({Where}) of {Bytes} bytes is larger than MailIntake:MaxMessageBytes ({MaxBytes}) and is set aside unread", where, bytes, maxBytes);
    }

    /// <summary>A message that failed before was imported.</summary>
    public Task ImportedAsync(string source, string message, CancellationToken cancellationToken) =>
        failures.ForgetAsync(source, message, cancellationToken);
}
