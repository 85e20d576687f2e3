using System.Security.Cryptography;
using System.Text;
using CocReports.Procedure.Limits;
using CocReports.Procedure.Links;
using Microsoft.Extensions.Options;

namespace CocReports.Procedure.Intake.Mail;

/// <summary>
/// How many new reports the email door takes in a window: per sender domain (<see cref="RateLimitOptions.MailReportsPerSenderDomain"/>)
/// and in total (<see cref="RateLimitOptions.MailReports"/>), counted in the store every instance shares. A message
/// over either is deferred, not refused, and is imported once the window has passed. The domain is counted first: a
/// domain over its own budget spends nothing of the total, which other domains' reporters then have. A message the
/// total defers has spent its domain's count, so in a long flood it may wait a window more.
/// </summary>
public sealed class MailDoorBudget(IRateLimitStore store, IOptions<RateLimitOptions> options, ActionLinks links, TimeProvider clock)
{
    // Keyed like every recorded hash: the counters can't be turned back into the domains people report from.
    readonly byte[] domainKey = links.DeriveRecordKey(KeyPurpose.MailSenderDomain);

    /// <summary>Counts a new report from <paramref name="from"/>; null when it may be imported now.</summary>
    public async Task<MailDeferral?> AdmitAsync(string? from, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var domain = Convert.ToHexStringLower(HMACSHA256.HashData(domainKey, Encoding.UTF8.GetBytes(CanonicalAddress.DomainOf(from))));
        var fromDomain = await store.HitAsync("mail-reports-domain", domain, limits.MailReportsPerSenderDomain.Window, cancellationToken);
        if (fromDomain.Count > limits.MailReportsPerSenderDomain.PermitLimit)
        {
            return new MailDeferral(fromDomain.WindowEnds - clock.GetUtcNow(), MailTaken.Deferred);
        }

        var total = await store.HitAsync("mail-reports", "all", limits.MailReports.Window, cancellationToken);
        return total.Count > limits.MailReports.PermitLimit
            ? new MailDeferral(total.WindowEnds - clock.GetUtcNow(), MailTaken.DoorFull)
            : null;
    }
}

/// <summary>A message left for a later import, after <paramref name="Wait"/>; <paramref name="Taken"/> says why.</summary>
public sealed record MailDeferral(TimeSpan Wait, MailTaken Taken);
