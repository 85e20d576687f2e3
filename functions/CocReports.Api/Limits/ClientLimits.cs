using System.Security.Cryptography;
using System.Text;
using CocReports.Procedure.Limits;
using CocReports.Procedure.Links;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CocReports.Api.Limits;

/// <summary>
/// The budgets of one client address, and of one organizer's intake links, counted in storage shared by every
/// instance. The address is stored only as a keyed hash: the counters can't be turned back into the addresses of
/// people who reported.
/// </summary>
public sealed class ClientLimits(IRateLimitStore store, IOptions<RateLimitOptions> options, ActionLinks links, TimeProvider clock)
{
    // Keyed like every recorded hash, so a rotation of the signing key gives no address a fresh budget.
    readonly byte[] addressKey = links.DeriveRecordKey(KeyPurpose.ClientAddress);

    /// <summary>How long to wait when this submission is over the address's budget; null when it may go ahead.</summary>
    public Task<TimeSpan?> IntakeAsync(HttpRequest request, CancellationToken cancellationToken) =>
        CountAsync("intake", options.Value.Intake, AddressOf(request), cancellationToken);

    /// <summary>How long to wait when this report is over its organizer's budget, whichever of their links and addresses it came through; null when it may go ahead.</summary>
    public Task<TimeSpan?> OrganizerIntakeAsync(string organizerId, CancellationToken cancellationToken) =>
        CountAsync("organizer-intake", options.Value.OrganizerIntake, organizerId, cancellationToken);

    /// <summary>How long to wait when this check of a response is over its organizer's budget; null when it may go ahead.</summary>
    public Task<TimeSpan?> ResponseCheckAsync(string organizerId, CancellationToken cancellationToken) =>
        CountAsync("response-checks", options.Value.ResponseChecks, organizerId, cancellationToken);

    /// <summary>How long to wait when this status page post is over the address's budget; null when it may go ahead.</summary>
    public Task<TimeSpan?> StatusAsync(HttpRequest request, CancellationToken cancellationToken) =>
        CountAsync("status", options.Value.Status, AddressOf(request), cancellationToken);

    /// <summary>Counts a wrong receipt code for one reference from this address; how long to wait once there were too many.</summary>
    public Task<TimeSpan?> StatusFailureAsync(HttpRequest request, string reference, CancellationToken cancellationToken) =>
        CountAsync("status-failures", options.Value.StatusFailures, AddressOf(request) + "|" + reference, cancellationToken);

    /// <summary>How long to wait when this post to the inbound-mail webhook is over the address's budget; null when it may go ahead.</summary>
    public Task<TimeSpan?> WebhookAsync(HttpRequest request, CancellationToken cancellationToken) =>
        CountAsync("webhook", options.Value.Webhook, AddressOf(request), cancellationToken);

    string AddressOf(HttpRequest request) =>
        ClientAddress.Of(request.Headers["X-Forwarded-For"].ToString(), request.HttpContext.Connection.RemoteIpAddress, options.Value.TrustForwardedFor);

    async Task<TimeSpan?> CountAsync(string bucket, RateLimit limit, string subject, CancellationToken cancellationToken)
    {
        var key = Convert.ToHexStringLower(HMACSHA256.HashData(addressKey, Encoding.UTF8.GetBytes(subject)));
        var count = await store.HitAsync(bucket, key, limit.Window, cancellationToken);
        return count.Count > limit.PermitLimit ? count.WindowEnds - clock.GetUtcNow() : null;
    }
}
