using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using CocReports.Procedure.Limits;

namespace CocReports.Adapters.Tables;

/// <summary>
/// Fixed-window counters in one table every instance shares: a partition per bucket, a row per key. Increments use
/// the row's ETag, so two instances counting the same key at once both count. Rows whose window has ended are
/// deleted by whichever instance next counts in that bucket after a window has passed since its last sweep.
/// </summary>
public sealed class TableRateLimitStore(TableClient limits, TimeProvider clock) : IRateLimitStore
{
    const int MaxTries = 10;

    /// <summary>Far more keys than one instance counts in a window; past it, new keys just aren't remembered.</summary>
    const int MaxRemembered = 10_000;

    readonly ConcurrentDictionary<string, DateTimeOffset> lastSweep = new(StringComparer.Ordinal);

    /// <summary>
    /// Keys this instance has counted, until the sweep that ends them. A key it hasn't is most likely new (most reporters
    /// send one report): its count starts with a plain insert, one request instead of a read and a write, and falls
    /// back to those when the row was there after all. Only an insert is tried blind: it can't succeed over another
    /// count, so it never makes a concurrent read-and-write start over.
    /// </summary>
    readonly ConcurrentDictionary<(string Bucket, string Key), DateTimeOffset> counted = new();

    public async Task<RateCount> HitAsync(string bucket, string key, TimeSpan window, CancellationToken cancellationToken)
    {
        await SweepAsync(bucket, window, cancellationToken);
        if (!counted.ContainsKey((bucket, key)))
        {
            var fresh = new RateCount(1, clock.GetUtcNow() + window);
            try
            {
                await limits.AddEntityAsync(Row(bucket, key, fresh.Count, fresh.WindowEnds), cancellationToken);
                return Remember(bucket, key, fresh);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                // Counted before, by another instance or before this one started: read and write below.
            }
        }

        for (var attempt = 1; attempt <= MaxTries; attempt++)
        {
            var now = clock.GetUtcNow();
            try
            {
                var row = await limits.GetEntityIfExistsAsync<TableEntity>(bucket, key, cancellationToken: cancellationToken);
                if (!row.HasValue)
                {
                    await limits.AddEntityAsync(Row(bucket, key, 1, now + window), cancellationToken);
                    return Remember(bucket, key, new RateCount(1, now + window));
                }

                var entity = row.Value!;
                var ends = entity.GetDateTimeOffset("WindowEnds") ?? now;
                var count = ends > now ? (entity.GetInt32("Count") ?? 0) + 1 : 1;
                ends = ends > now ? ends : now + window;
                await limits.UpdateEntityAsync(Row(bucket, key, count, ends), entity.ETag, TableUpdateMode.Replace, cancellationToken);
                return Remember(bucket, key, new RateCount(count, ends));
            }
            catch (RequestFailedException e) when (e.Status is 404 or 409 or 412)
            {
                // Another request counted (or a sweep deleted) the same key between our read and write: read again,
                // after a random wait that doubles with each loss, so that many requests for one key spread out
                // instead of colliding again (ten losses in a row answer 429).
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 << Math.Min(attempt, 7))), cancellationToken);
            }
        }

        // So many requests for this one key at once that ours lost every race: over any budget.
        return new RateCount(int.MaxValue, clock.GetUtcNow() + window);
    }

    RateCount Remember(string bucket, string key, RateCount count)
    {
        if (counted.Count < MaxRemembered || counted.ContainsKey((bucket, key)))
        {
            counted[(bucket, key)] = count.WindowEnds;
        }

        return count;
    }

    async Task SweepAsync(string bucket, TimeSpan window, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var last = lastSweep.GetOrAdd(bucket, now);
        if (now - last < window || !lastSweep.TryUpdate(bucket, now, last))
        {
            return;
        }

        foreach (var (id, until) in counted)
        {
            if (id.Bucket == bucket && until < now)
            {
                counted.TryRemove(id, out _);
            }
        }

        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {bucket} and WindowEnds lt {now}");
        await foreach (var expired in limits.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            // Another instance may have swept it first: a missing entity's delete doesn't throw.
            await limits.DeleteEntityAsync(expired.PartitionKey, expired.RowKey, ETag.All, cancellationToken);
        }
    }

    static TableEntity Row(string bucket, string key, int count, DateTimeOffset windowEnds) =>
        new(bucket, key) { ["Count"] = count, ["WindowEnds"] = windowEnds };
}
