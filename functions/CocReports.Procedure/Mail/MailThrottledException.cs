using System.Globalization;
using Microsoft.DurableTask;

namespace CocReports.Procedure.Mail;

/// <summary>
/// The mail service refused a send for now and said how long to wait (HTTP 429 with Retry-After). The sender throws
/// this instead of waiting, so the activity ends and the workflow's next attempt can come no sooner than asked.
/// Only an exception's type and message cross the durable boundary, so the wait is written into the message and
/// <see cref="RetryAfterOf"/> reads it back from the failure the orchestrator sees.
/// </summary>
public sealed class MailThrottledException : Exception
{
    const string Marker = "Retry-After: ";

    public MailThrottledException()
        : this(TimeSpan.Zero)
    {
    }

    public MailThrottledException(string message)
        : base(message)
    {
    }

    public MailThrottledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MailThrottledException(TimeSpan retryAfter, Exception? innerException = null)
        : base(string.Create(CultureInfo.InvariantCulture, $"The mail service asked to wait before the next send. {Marker}{Seconds(retryAfter)}"), innerException)
    {
        RetryAfter = TimeSpan.FromSeconds(Seconds(retryAfter));
    }

    /// <summary>How long the mail service asked to wait, whole seconds rounded up.</summary>
    public TimeSpan RetryAfter { get; }

    /// <summary>The wait asked for by a throttled send, or null when the failure is something else.</summary>
    /// <remarks>
    /// The type is compared by name, not with <see cref="TaskFailureDetails.IsCausedBy{T}"/>: that loads the failure's type
    /// by name from every loaded assembly and throws when several name it, as for a SocketException (defined once,
    /// forwarded by netstandard and others). Thrown from the retry handler, that failed a send to a mail server that was
    /// down at once, instead of retrying it.
    /// </remarks>
    public static TimeSpan? RetryAfterOf(TaskFailureDetails failure)
    {
        if (failure.ErrorType != typeof(MailThrottledException).FullName)
        {
            return null;
        }

        var at = failure.ErrorMessage.LastIndexOf(Marker, StringComparison.Ordinal);
        return at >= 0 && long.TryParse(failure.ErrorMessage.AsSpan(at + Marker.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;
    }

    static long Seconds(TimeSpan wait) => (long)Math.Ceiling(Math.Max(0, wait.TotalSeconds));
}
