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

    readonly ConcurrentDictionary<string, DateTimeOffset> lastSweep = new(StringComparer.Ordinal);

    public async Task<RateCount> HitAsync(string bucket, string key, TimeSpan window, CancellationToken cancellationToken)
    {
        await SweepAsync(bucket, window, cancellationToken);
        for (var attempt = 1; attempt <= MaxTries; attempt++)
        {
            var now = clock.GetUtcNow();
            try
            {
                var row = await limits.GetEntityIfExistsAsync<TableEntity>(bucket, key, cancellationToken: cancellationToken);
                if (!row.HasValue)
                {
                    var fresh = Row(bucket, key, 1, now + window);
                    await limits.AddEntityAsync(fresh, cancellationToken);
                    return new RateCount(1, now + window);
                }

                var entity = row.Value!;
                var ends = entity.GetDateTimeOffset("WindowEnds") ?? now;
                var count = ends > now ? (entity.GetInt32("Count") ?? 0) + 1 : 1;
                ends = ends > now ? ends : now + window;
                await limits.UpdateEntityAsync(Row(bucket, key, count, ends), entity.ETag, TableUpdateMode.Replace, cancellationToken);
                return new RateCount(count, ends);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another request counted the same key between our read and write: read again, a little later.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 * attempt)), cancellationToken);
            }
        }

        // So many requests for this one key at once that ours lost every race: over any budget.
        return new RateCount(int.MaxValue, clock.GetUtcNow() + window);
    }

    async Task SweepAsync(string bucket, TimeSpan window, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var last = lastSweep.GetOrAdd(bucket, now);
        if (now - last < window || !lastSweep.TryUpdate(bucket, now, last))
        {
            return;
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
}
