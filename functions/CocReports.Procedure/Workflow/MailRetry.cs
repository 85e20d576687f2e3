namespace CocReports.Procedure.Workflow;

/// <summary>
/// When a failed email is tried again: after a wait doubling from <see cref="WorkflowOptions.MailFirstRetry"/> up to
/// an hour, <see cref="WorkflowOptions.MailAttempts"/> attempts in all (about half a day), never sooner than the mail
/// service asked (a 429's Retry-After), so a throttled service is not asked again and again.
/// </summary>
public static class MailRetry
{
    public static readonly TimeSpan LongestBackoff = TimeSpan.FromHours(1);

    /// <summary>
    /// How early a durable timer may fire on the Azure Storage engine (measured here: a 3 s timer at 2.1 s, a 6 s one at
    /// 5.3 s), so a wait the mail service asked for is lengthened by that much to come truly no sooner.
    /// </summary>
    public static readonly TimeSpan TimerEarliness = TimeSpan.FromSeconds(1);

    /// <summary>The durable wait that honours a mail service's Retry-After of <paramref name="askedToWait"/>.</summary>
    public static TimeSpan AsAsked(TimeSpan askedToWait) => askedToWait + TimerEarliness;

    /// <param name="attempts">How many attempts failed so far.</param>
    /// <param name="askedToWait">The wait the mail service asked for, if it refused for now.</param>
    /// <returns>How long to wait before the next attempt, or null when the mail is given up (and recorded as failed).</returns>
    public static TimeSpan? Next(WorkflowOptions options, int attempts, TimeSpan? askedToWait)
    {
        if (attempts >= options.MailAttempts)
        {
            return null;
        }

        var doublings = Math.Min(attempts - 1, 30);
        var backoff = TimeSpan.FromTicks((long)Math.Min(LongestBackoff.Ticks, options.MailFirstRetry.Ticks * Math.Pow(2, doublings)));
        return askedToWait is { } asked && AsAsked(asked) > backoff ? AsAsked(asked) : backoff;
    }
}
