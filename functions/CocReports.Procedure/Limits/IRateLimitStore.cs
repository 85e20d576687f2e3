namespace CocReports.Procedure.Limits;

/// <summary>
/// Counts requests per key in fixed windows, in storage every instance shares, so scaling out does not multiply
/// anyone's budget. Keys are opaque (a keyed hash of the client address): no address is stored.
/// </summary>
public interface IRateLimitStore
{
    /// <summary>Counts one request for <paramref name="key"/> and returns the count so far in its current window.</summary>
    Task<RateCount> HitAsync(string bucket, string key, TimeSpan window, CancellationToken cancellationToken);
}

/// <summary>Requests counted in the window that ends at <see cref="WindowEnds"/>, this one included.</summary>
public sealed record RateCount(int Count, DateTimeOffset WindowEnds);
