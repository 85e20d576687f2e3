namespace CocReports.Procedure.Limits;

/// <summary>Bound from the "RateLimits" configuration section: how much one client address may ask for in a window.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>
    /// Whether the client address is read from X-Forwarded-For. On by default, for the Functions app in Azure, where
    /// the platform's front end forwards every request and sets the header; the local host, which faces clients
    /// directly, turns it off, because there the header is whatever the client wrote.
    /// </summary>
    public bool TrustForwardedFor { get; set; } = true;

    /// <summary>Submissions (POST /api/reports), retries included. A reporter sends one report, perhaps retried a few times.</summary>
    public RateLimit Intake { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(10) };

    /// <summary>
    /// Reports sent through one organizer's links, whichever link and address: an organizer takes a few reports at an
    /// event, and a leaked link must not fill the committee's inbox and the other organizers' phones with alerts.
    /// </summary>
    public RateLimit OrganizerIntake { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromHours(1) };

    /// <summary>Status page posts (opening a report, answering a question), right or wrong.</summary>
    public RateLimit Status { get; set; } = new() { PermitLimit = 30, Window = TimeSpan.FromMinutes(10) };

    /// <summary>
    /// Wrong receipt codes for one reference from one address, after which further wrong ones are answered "too many
    /// attempts". The right code is always accepted: it is 100 random bits, so counting can't help a guesser find it.
    /// </summary>
    public RateLimit StatusFailures { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(15) };

    /// <summary>
    /// Posts to the inbound-mail webhook, counted before the body is read, signed or not: the provider's relay posts a
    /// conduct address's few mails a day, so more than this from one address is a flood, deferred (429 with
    /// Retry-After, which the relay retries) rather than spooled to disk.
    /// </summary>
    public RateLimit Webhook { get; set; } = new() { PermitLimit = 60, Window = TimeSpan.FromMinutes(1) };
}

/// <summary>At most <see cref="PermitLimit"/> requests in each <see cref="Window"/>.</summary>
public sealed class RateLimit
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; }
}
