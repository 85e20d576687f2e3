using Azure.Data.Tables;
using CocReports.Adapters.Tables;
using CocReports.Procedure.Storage;

namespace CocReports.Adapters.Tests.Tables;

/// <summary>
/// Against the Azurite that test.sh starts (COC_TEST_STORAGE): entries are changed, deleted and reordered directly in
/// Table storage, as someone with access to the storage account could, and the verification names the first broken link.
/// </summary>
public sealed class TableAuditTrailTests : IAsyncLifetime
{
    const string Reference = "R-7K3M-Q9PX";
    static readonly DateTimeOffset Start = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);
    static readonly AuditChain Chain = new(Enumerable.Repeat((byte)7, 32).ToArray());
    readonly TableClient table = new TableServiceClient(Environment.GetEnvironmentVariable("COC_TEST_STORAGE")
        ?? throw new InvalidOperationException("COC_TEST_STORAGE is not set: run the tests with ./test.sh, which starts Azurite."))
        .GetTableClient("audit" + Guid.NewGuid().ToString("N")[..12]);

    public Task InitializeAsync() => table.CreateIfNotExistsAsync();

    public Task DisposeAsync() => table.DeleteAsync();

    async Task<TableAuditTrail> TrailOfAsync(int entries)
    {
        var trail = new TableAuditTrail(table, Chain);
        for (var i = 0; i < entries; i++)
        {
            await trail.AppendAsync(Reference, new AuditEntry(Start.AddMinutes(i).AddTicks(4321), i % 2 == 0 ? "alex" : "sam", i == 2 ? "R-7K3M-Q9PX/00" : "case", Allowed: true), default);
        }

        return trail;
    }

    async Task<List<TableEntity>> RowsAsync()
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == Reference))
        {
            rows.Add(row);
        }

        rows.Reverse(); // oldest first, as the chain reads
        return rows;
    }

    static async Task<AuditVerification> VerifyAsync(TableAuditTrail trail) =>
        Chain.Verify(Reference, Start, await trail.ReadAsync(Reference, default));

    [Fact]
    public async Task A_trail_as_written_reads_back_in_order_and_verifies()
    {
        var trail = await TrailOfAsync(5);

        var links = await trail.ReadAsync(Reference, default);

        Assert.Equal([1L, 2, 3, 4, 5], links.Select(l => l.Sequence));
        Assert.Equal(["alex", "sam", "alex", "sam", "alex"], links.Select(l => l.Entry.MemberId));
        Assert.Equal(new AuditVerification(5), Chain.Verify(Reference, Start, links));
    }

    [Fact]
    public async Task An_entry_changed_in_storage_is_the_first_broken_link()
    {
        var trail = await TrailOfAsync(5);
        var third = (await RowsAsync())[2];
        third["MemberId"] = "kim";
        await table.UpdateEntityAsync(third, third.ETag, TableUpdateMode.Replace);

        var verification = await VerifyAsync(trail);

        Assert.False(verification.Verifies);
        Assert.Equal(3, verification.FirstBroken);
    }

    [Fact]
    public async Task An_entry_deleted_from_storage_is_found_by_its_gap()
    {
        var trail = await TrailOfAsync(5);
        var second = (await RowsAsync())[1];
        await table.DeleteEntityAsync(second.PartitionKey, second.RowKey);

        Assert.Equal(2, (await VerifyAsync(trail)).FirstBroken);
    }

    [Fact]
    public async Task Entries_reordered_in_storage_break_the_chain_where_the_order_changes()
    {
        var trail = await TrailOfAsync(5);
        var rows = await RowsAsync();
        var (second, fourth) = (rows[1], rows[3]);
        foreach (var property in new[] { "At", "MemberId", "What", "Allowed", "PreviousHash", "Hash" })
        {
            (second[property], fourth[property]) = (fourth[property], second[property]);
        }

        await table.UpdateEntityAsync(second, second.ETag, TableUpdateMode.Replace);
        await table.UpdateEntityAsync(fourth, fourth.ETag, TableUpdateMode.Replace);

        Assert.Equal(2, (await VerifyAsync(trail)).FirstBroken);
    }

    [Fact]
    public async Task Appends_from_two_instances_at_once_form_one_chain()
    {
        var first = new TableAuditTrail(table, Chain);
        var second = new TableAuditTrail(table, Chain);

        await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            (i % 2 == 0 ? first : second).AppendAsync(Reference, new AuditEntry(Start.AddSeconds(i), "member" + i, "case", true), default)));

        var links = await first.ReadAsync(Reference, default);
        Assert.Equal(new AuditVerification(12), Chain.Verify(Reference, Start, links));
        Assert.Equal(Enumerable.Range(0, 12).Select(i => "member" + i).Order(), links.Select(l => l.Entry.MemberId).Order());
    }
}
