using Azure.Data.Tables;
using CocReports.Adapters.Tables;

namespace CocReports.Adapters.Tests.Tables;

/// <summary>Against the Azurite that test.sh starts (COC_TEST_STORAGE).</summary>
public sealed class TableImportFailuresTests : IAsyncLifetime
{
    const string Source = "imap-0123456789abcdef-1234";

    readonly TableClient table = new TableServiceClient(Environment.GetEnvironmentVariable("COC_TEST_STORAGE")
        ?? throw new InvalidOperationException("COC_TEST_STORAGE is not set: run the tests with ./test.sh, which starts Azurite."))
        .GetTableClient("failures" + Guid.NewGuid().ToString("N")[..12]);

    public Task InitializeAsync() => table.CreateIfNotExistsAsync();

    public Task DisposeAsync() => table.DeleteAsync();

    [Fact]
    public async Task A_message_set_aside_at_once_counts_as_failed_every_try_but_never_counts_fewer_failures_than_it_had()
    {
        var failures = new TableImportFailures(table);
        await failures.CountAsync(Source, "0000000001", default);
        for (var i = 0; i < 5; i++)
        {
            await failures.CountAsync(Source, "0000000002", default);
        }

        Assert.Equal(0, await failures.CountAtLeastAsync(Source, "0000000003", 3, default));
        Assert.Equal(1, await failures.CountAtLeastAsync(Source, "0000000001", 3, default));
        Assert.Equal(5, await failures.CountAtLeastAsync(Source, "0000000002", 3, default));

        var counts = await failures.FailuresAsync(Source, default);
        Assert.Equal(3, counts["0000000001"]);
        Assert.Equal(5, counts["0000000002"]);
        Assert.Equal(3, counts["0000000003"]);
    }
}
