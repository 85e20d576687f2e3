using Azure.Data.Tables;
using CocReports.Adapters.Tables;

namespace CocReports.Adapters.Tests.Tables;

/// <summary>Against the Azurite that test.sh starts (COC_TEST_STORAGE): what the conduct mailbox's poll reads back.</summary>
public sealed class TableImportedMessagesTests : IAsyncLifetime
{
    const string Source = "imap-0123456789abcdef-1234";

    readonly TableClient table = new TableServiceClient(Environment.GetEnvironmentVariable("COC_TEST_STORAGE")
        ?? throw new InvalidOperationException("COC_TEST_STORAGE is not set: run the tests with ./test.sh, which starts Azurite."))
        .GetTableClient("imported" + Guid.NewGuid().ToString("N")[..12]);

    public Task InitializeAsync() => table.CreateIfNotExistsAsync();

    public Task DisposeAsync() => table.DeleteAsync();

    [Fact]
    public async Task Imports_are_read_from_the_oldest_message_still_waiting_on_and_recording_twice_is_once()
    {
        var imported = new TableImportedMessages(table);
        foreach (var uid in new[] { "0000000009", "0000000010", "0000000100", "0000000100" })
        {
            await imported.RecordAsync(Source, uid, default);
        }

        await imported.RecordAsync("imap-0123456789abcdef-5678", "0000000200", default);

        Assert.Equal(["0000000010", "0000000100"], (await imported.ImportedAsync(Source, "0000000010", default)).Order(StringComparer.Ordinal));
    }
}
