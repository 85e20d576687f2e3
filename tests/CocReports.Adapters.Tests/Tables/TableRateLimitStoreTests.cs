using Azure.Data.Tables;
using CocReports.Adapters.Tables;
using Microsoft.Extensions.Time.Testing;

namespace CocReports.Adapters.Tests.Tables;

/// <summary>Against the Azurite that test.sh starts (COC_TEST_STORAGE): two stores on one table are two instances of the app.</summary>
public sealed class TableRateLimitStoreTests : IAsyncLifetime
{
    static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero));
    readonly TableClient table = new TableServiceClient(Environment.GetEnvironmentVariable("COC_TEST_STORAGE")
        ?? throw new InvalidOperationException("COC_TEST_STORAGE is not set: run the tests with ./test.sh, which starts Azurite."))
        .GetTableClient("limits" + Guid.NewGuid().ToString("N")[..12]);

    public Task InitializeAsync() => table.CreateIfNotExistsAsync();

    public Task DisposeAsync() => table.DeleteAsync();

    [Fact]
    public async Task Hits_on_two_instances_at_once_are_each_counted_once()
    {
        var first = new TableRateLimitStore(table, clock);
        var second = new TableRateLimitStore(table, clock);

        var counts = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => (i % 2 == 0 ? first : second).HitAsync("intake", "client", Window, default)));

        Assert.Equal(Enumerable.Range(1, 12), counts.Select(c => c.Count).Order());
        Assert.All(counts, c => Assert.Equal(clock.GetUtcNow() + Window, c.WindowEnds));
    }

    [Fact]
    public async Task An_instance_counting_a_key_it_wrote_last_also_counts_what_another_instance_counted_since()
    {
        var first = new TableRateLimitStore(table, clock);
        var second = new TableRateLimitStore(table, clock);
        await first.HitAsync("intake", "client", Window, default);
        await second.HitAsync("intake", "client", Window, default);
        await second.HitAsync("intake", "client", Window, default);

        var fourth = await first.HitAsync("intake", "client", Window, default);

        Assert.Equal(4, fourth.Count);
    }

    [Fact]
    public async Task An_instance_whose_counter_was_swept_by_another_counts_from_one_again()
    {
        var store = new TableRateLimitStore(table, clock);
        await store.HitAsync("intake", "client", Window, default);
        await store.HitAsync("intake", "client", Window, default);
        await table.DeleteEntityAsync("intake", "client");

        var again = await store.HitAsync("intake", "client", Window, default);

        Assert.Equal(1, again.Count);
        Assert.Equal(1, (await table.GetEntityAsync<TableEntity>("intake", "client")).Value.GetInt32("Count"));
    }

    [Fact]
    public async Task A_key_counts_from_one_again_once_its_window_has_ended()
    {
        var store = new TableRateLimitStore(table, clock);
        await store.HitAsync("status", "client", Window, default);
        await store.HitAsync("status", "client", Window, default);

        clock.Advance(Window);
        var again = await store.HitAsync("status", "client", Window, default);

        Assert.Equal(1, again.Count);
        Assert.Equal(clock.GetUtcNow() + Window, again.WindowEnds);
    }

    [Fact]
    public async Task Counting_in_a_bucket_a_window_after_its_last_sweep_deletes_its_ended_counters()
    {
        var store = new TableRateLimitStore(table, clock);
        await store.HitAsync("status", "gone", Window, default);
        await store.HitAsync("intake", "other bucket", Window, default);
        clock.Advance(Window + TimeSpan.FromSeconds(1));

        await store.HitAsync("status", "back", Window, default);

        var rows = new List<(string, string)>();
        await foreach (var row in table.QueryAsync<TableEntity>())
        {
            rows.Add((row.PartitionKey, row.RowKey));
        }

        Assert.Equal([("intake", "other bucket"), ("status", "back")], rows.Order());
    }
}
