using Azure.Data.Tables;
using CocReports.Procedure.Intake.Mail;

namespace CocReports.Adapters.Tables;

/// <summary>
/// Imported messages in one table: a partition per source, a row per message, holding nothing but its name. Recording
/// is an upsert, so two instances importing the same message at once, or an import recorded again, leave one row.
/// </summary>
public sealed class TableImportedMessages(TableClient imported) : IImportedMessages
{
    public async Task<IReadOnlySet<string>> ImportedAsync(string source, string from, CancellationToken cancellationToken)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {source} and RowKey ge {from}");
        await foreach (var row in imported.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            found.Add(row.RowKey);
        }

        return found;
    }

    public async Task RecordAsync(string source, string message, CancellationToken cancellationToken) =>
        await imported.UpsertEntityAsync(new TableEntity(source, message), TableUpdateMode.Replace, cancellationToken);
}
