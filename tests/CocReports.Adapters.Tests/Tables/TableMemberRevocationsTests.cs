using Azure.Data.Tables;
using CocReports.Adapters.Tables;

namespace CocReports.Adapters.Tests.Tables;

/// <summary>Against the Azurite that test.sh starts (COC_TEST_STORAGE).</summary>
public sealed class TableMemberRevocationsTests : IAsyncLifetime
{
    static readonly DateTimeOffset Reset = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    readonly TableClient table = new TableServiceClient(Environment.GetEnvironmentVariable("COC_TEST_STORAGE")
        ?? throw new InvalidOperationException("COC_TEST_STORAGE is not set: run the tests with ./test.sh, which starts Azurite."))
        .GetTableClient("revocations" + Guid.NewGuid().ToString("N")[..12]);

    public Task InitializeAsync() => table.CreateIfNotExistsAsync();

    public Task DisposeAsync() => table.DeleteAsync();

    [Fact]
    public async Task A_passkey_reset_revokes_a_members_links_but_never_moves_a_later_revocation_of_an_administrator_back()
    {
        var revocations = new TableMemberRevocations(table);

        await revocations.RevokeAsync("alex", Reset, default);
        Assert.Equal(Reset, await revocations.NotBeforeAsync("alex", default));

        // An administrator's time, typed by hand as the docs show, later than the reset.
        await table.UpsertEntityAsync(new TableEntity(TableMemberRevocations.Partition, "sam") { ["NotBefore"] = "2026-12-08T00:00:00Z" });
        await revocations.RevokeAsync("sam", Reset, default);
        Assert.Equal(new DateTimeOffset(2026, 12, 8, 0, 0, 0, TimeSpan.Zero), await revocations.NotBeforeAsync("sam", default));
        Assert.Null(await revocations.NotBeforeAsync("kim", default));
    }
}
