using System.ComponentModel.DataAnnotations;

namespace CocReports.Procedure.Limits;

/// <summary>Bound from the "RateLimits" configuration section: how much one client address may ask for in a window.</summary>
public sealed class RateLimitOptions : IValidatableObject
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

    /// <summary>
    /// Checks whether someone is under a response, by one organizer: a few at an event's door, never a run through a
    /// list of addresses to learn who was reported.
    /// </summary>
    public RateLimit ResponseChecks { get; set; } = new() { PermitLimit = 30, Window = TimeSpan.FromHours(1) };

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

    /// <summary>
    /// New reports the email door (mailbox and webhook) takes in total. A small community gets a few reports a month;
    /// more than this in an hour is a flood, and each one mails every member. A message over it is deferred, never
    /// dropped: it stays in the mailbox (the webhook answers 429) and is imported when the window has passed. Replies
    /// into a case are not counted.
    /// </summary>
    public RateLimit MailReports { get; set; } = new() { PermitLimit = 30, Window = TimeSpan.FromHours(1) };

    /// <summary>
    /// New reports from one sender domain (the From's, verified or not): one domain flooding the door leaves the rest
    /// of <see cref="MailReports"/> to everyone else, and a domain's reports are counted before the total, so a
    /// deferred flood spends none of it.
    /// </summary>
    public RateLimit MailReportsPerSenderDomain { get; set; } = new() { PermitLimit = 5, Window = TimeSpan.FromHours(1) };

    /// <summary>
    /// Answers to emailed reports (receipts and "did you send this?" requests), all senders together: their address is
    /// whatever a From said, so a stranger chooses it, and the mail service's quota is shared with the committee's
    /// notices (an Azure-managed ACS domain sends 10 an hour, a custom one 100 before a raise:
    /// https://learn.microsoft.com/en-us/azure/communication-services/concepts/service-limits). Over it an answer waits
    /// for the next window, as after a 429; committee mail is never counted, so it keeps the rest of the quota.
    /// </summary>
    public RateLimit MailAnswers { get; set; } = new() { PermitLimit = 20, Window = TimeSpan.FromHours(1) };

    /// <summary>Each limit's own attributes, which data annotations do not check on nested objects by themselves.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        (string Name, RateLimit Limit)[] limits =
        [
            (nameof(Intake), Intake), (nameof(OrganizerIntake), OrganizerIntake), (nameof(Status), Status),
            (nameof(StatusFailures), StatusFailures), (nameof(Webhook), Webhook), (nameof(MailReports), MailReports),
            (nameof(MailReportsPerSenderDomain), MailReportsPerSenderDomain), (nameof(MailAnswers), MailAnswers),
        ];
        foreach (var (name, limit) in limits)
        {
            List<ValidationResult> results = [];
            Validator.TryValidateObject(limit, new ValidationContext(limit), results, validateAllProperties: true);
            foreach (var result in results)
            {
                yield return new ValidationResult($"{Section}:{name}: {result.ErrorMessage}", [name]);
            }
        }
    }
}

/// <summary>At most <see cref="PermitLimit"/> requests in each <see cref="Window"/>.</summary>
public sealed class RateLimit
{
    [Range(0, int.MaxValue)]
    public int PermitLimit { get; set; }

    [Positive]
    public TimeSpan Window { get; set; }
}
