using Azure;
using Azure.Data.Tables;

namespace CocReports.Adapters.Tests.Tables;

/// <summary>
/// What the table adapters rely on when they delete a row that may be gone already (a second run, another instance,
/// a case never listed): the SDK answers a missing entity's delete without throwing, so they need no 404 handling.
/// </summary>
public sealed class TableDeleteTests : IAsyncLifetime
{
    readonly TableClient table = new TableServiceClient(Environment.GetEnvironmentVariable("COC_TEST_STORAGE")
        ?? throw new InvalidOperationException("COC_TEST_STORAGE is not set: run the tests with ./test.sh, which starts Azurite."))
        .GetTableClient("deletes" + Guid.NewGuid().ToString("N")[..12]);

    public Task InitializeAsync() => table.CreateIfNotExistsAsync();

    public Task DisposeAsync() => table.DeleteAsync();

    [Fact]
    public async Task Deleting_a_row_twice_or_one_never_written_does_not_throw()
    {
        await table.AddEntityAsync(new TableEntity("p", "r"));

        Assert.Equal(204, (await table.DeleteEntityAsync("p", "r", ETag.All)).Status);
        Assert.Equal(404, (await table.DeleteEntityAsync("p", "r", ETag.All)).Status);
        Assert.Equal(404, (await table.DeleteEntityAsync("p", "never", ETag.All)).Status);
    }
}
