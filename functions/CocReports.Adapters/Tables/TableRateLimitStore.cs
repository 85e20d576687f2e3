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
    /// The row this instance last wrote for each key, so the next count is one request, not a read and a write: a
    /// replace on that row's ETag, or, for a key it never wrote (most reporters send one report), an insert. A wrong
    /// guess (another instance counted since, or a sweep deleted the row) fails and falls back to read and write.
    /// </summary>
    readonly ConcurrentDictionary<(string Bucket, string Key), Written> written = new();

    public async Task<RateCount> HitAsync(string bucket, string key, TimeSpan window, CancellationToken cancellationToken)
    {
        await SweepAsync(bucket, window, cancellationToken);
        if (await TryWriteBlindAsync(bucket, key, window, cancellationToken) is { } counted)
        {
            return counted;
        }

        for (var attempt = 1; attempt <= MaxTries; attempt++)
        {
            var now = clock.GetUtcNow();
            try
            {
                var row = await limits.GetEntityIfExistsAsync<TableEntity>(bucket, key, cancellationToken: cancellationToken);
                if (!row.HasValue)
                {
                    var fresh = await limits.AddEntityAsync(Row(bucket, key, 1, now + window), cancellationToken);
                    return Remember(bucket, key, new RateCount(1, now + window), fresh);
                }

                var entity = row.Value!;
                var ends = entity.GetDateTimeOffset("WindowEnds") ?? now;
                var count = ends > now ? (entity.GetInt32("Count") ?? 0) + 1 : 1;
                ends = ends > now ? ends : now + window;
                var replaced = await limits.UpdateEntityAsync(Row(bucket, key, count, ends), entity.ETag, TableUpdateMode.Replace, cancellationToken);
                return Remember(bucket, key, new RateCount(count, ends), replaced);
            }
            catch (RequestFailedException e) when (e.Status is 404 or 409 or 412)
            {
                // Another request counted (or a sweep deleted) the same key between our read and write: read again, a little later.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 * attempt)), cancellationToken);
            }
        }

        // So many requests for this one key at once that ours lost every race: over any budget.
        return new RateCount(int.MaxValue, clock.GetUtcNow() + window);
    }

    async Task<RateCount?> TryWriteBlindAsync(string bucket, string key, TimeSpan window, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var known = written.TryGetValue((bucket, key), out var last);
        if (known && last!.WindowEnds <= now)
        {
            return null; // the row is there, its window over: the read-and-write path starts it again
        }

        try
        {
            if (known)
            {
                var count = new RateCount(last!.Count + 1, last.WindowEnds);
                var replaced = await limits.UpdateEntityAsync(Row(bucket, key, count.Count, count.WindowEnds), last.ETag, TableUpdateMode.Replace, cancellationToken);
                return Remember(bucket, key, count, replaced);
            }

            var first = new RateCount(1, now + window);
            var added = await limits.AddEntityAsync(Row(bucket, key, 1, first.WindowEnds), cancellationToken);
            return Remember(bucket, key, first, added);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 409 or 412)
        {
            written.TryRemove((bucket, key), out _);
            return null;
        }
    }

    RateCount Remember(string bucket, string key, RateCount count, Response response)
    {
        if (response.Headers.ETag is { } etag && (written.Count < MaxRemembered || written.ContainsKey((bucket, key))))
        {
            written[(bucket, key)] = new Written(count.Count, count.WindowEnds, etag);
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

        foreach (var (id, row) in written)
        {
            if (id.Bucket == bucket && row.WindowEnds < now)
            {
                written.TryRemove(id, out _);
            }
        }

        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {bucket} and WindowEnds lt {now}");
        await foreach (var expired in limits.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            try
            {
                await limits.DeleteEntityAsync(expired.PartitionKey, expired.RowKey, ETag.All, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Another instance swept it first.
            }
        }
    }

    static TableEntity Row(string bucket, string key, int count, DateTimeOffset windowEnds) =>
        new(bucket, key) { ["Count"] = count, ["WindowEnds"] = windowEnds };

    sealed record Written(int Count, DateTimeOffset WindowEnds, ETag ETag);
}
