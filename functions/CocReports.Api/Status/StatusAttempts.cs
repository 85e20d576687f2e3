using System.Collections.Concurrent;

namespace CocReports.Api.Status;

/// <summary>
/// Slows down guessing on the status page: after too many wrong reference/code pairs from one address in a
/// window, every attempt from it is refused until the window ends. Per instance, in memory: enough to make a
/// 100-bit code's guessing hopeless, without storing anything about reporters.
/// </summary>
public sealed class StatusAttempts(TimeProvider clock)
{
    public const int MaxFailures = 10;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset Since)> failures = new(StringComparer.Ordinal);

    public bool IsBlocked(string client) =>
        failures.TryGetValue(client, out var entry) && entry.Failures >= MaxFailures && clock.GetUtcNow() - entry.Since < Window;

    public void Failed(string client)
    {
        var now = clock.GetUtcNow();
        failures.AddOrUpdate(client, _ => (1, now), (_, entry) => now - entry.Since >= Window ? (1, now) : (entry.Failures + 1, entry.Since));
    }
}
