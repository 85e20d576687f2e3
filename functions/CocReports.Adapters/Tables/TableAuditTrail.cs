using Azure.Data.Tables;
using CocReports.Procedure.Storage;

namespace CocReports.Adapters.Tables;

/// <summary>Who looked at each case: one partition per report, rows ordered by time, never updated.</summary>
public sealed class TableAuditTrail(TableClient audit) : IAuditTrail
{
    public Task AppendAsync(string reference, AuditEntry entry, CancellationToken cancellationToken)
    {
        var rowKey = ChronologicalKey.For(entry.At);
        return audit.AddEntityAsync(
            new TableEntity(reference, rowKey)
            {
                ["At"] = entry.At,
                ["MemberId"] = entry.MemberId,
                ["What"] = entry.What,
                ["Allowed"] = entry.Allowed,
            },
            cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(string reference, CancellationToken cancellationToken)
    {
        var entries = new List<AuditEntry>();
        await foreach (var e in audit.QueryAsync<TableEntity>(e => e.PartitionKey == reference, cancellationToken: cancellationToken))
        {
            entries.Add(new AuditEntry(
                e.GetDateTimeOffset("At") ?? default,
                e.GetString("MemberId") ?? "",
                e.GetString("What") ?? "",
                e.GetBoolean("Allowed") ?? false));
        }

        return entries;
    }
}
