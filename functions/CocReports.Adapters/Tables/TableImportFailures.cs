using Azure;
using Azure.Data.Tables;
using CocReports.Procedure.Intake.Mail;

namespace CocReports.Adapters.Tables;

/// <summary>
/// Failed imports in one table: a partition per source, a row per message that failed. A failure is counted under the
/// row's ETag, so two instances failing the same message at once both count.
/// </summary>
public sealed class TableImportFailures(TableClient failures) : IImportFailures
{
    public async Task<IReadOnlyDictionary<string, int>> FailuresAsync(string source, CancellationToken cancellationToken)
    {
        var failing = new Dictionary<string, int>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {source}");
        await foreach (var row in failures.QueryAsync<TableEntity>(filter, select: ["RowKey", "Failures"], cancellationToken: cancellationToken))
        {
            failing[row.RowKey] = row.GetInt32("Failures") ?? 0;
        }

        return failing;
    }

    public async Task<int> CountAsync(string source, string message, CancellationToken cancellationToken) =>
        (await UpdateAsync(source, message, count => count + 1, cancellationToken)).After;

    public async Task<int> CountAtLeastAsync(string source, string message, int failures, CancellationToken cancellationToken) =>
        (await UpdateAsync(source, message, count => Math.Max(count, failures), cancellationToken)).Before;

    /// <summary>Sets the message's count from the one stored (0 without a row), under its ETag.</summary>
    async Task<(int Before, int After)> UpdateAsync(string source, string message, Func<int, int> next, CancellationToken cancellationToken)
    {
        while (true)
        {
            var existing = await failures.GetEntityIfExistsAsync<TableEntity>(source, message, cancellationToken: cancellationToken);
            try
            {
                if (!existing.HasValue)
                {
                    await failures.AddEntityAsync(new TableEntity(source, message) { ["Failures"] = next(0) }, cancellationToken);
                    return (0, next(0));
                }

                var row = existing.Value!;
                var before = row.GetInt32("Failures") ?? 0;
                row["Failures"] = next(before);
                await failures.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                return (before, next(before));
            }
            catch (RequestFailedException e) when (e.Status is 404 or 409 or 412)
            {
                // Another instance counted (or forgot) the same message in between: read again.
            }
        }
    }

    // A message that never failed has no row, and a missing entity's delete doesn't throw.
    public async Task ForgetAsync(string source, string message, CancellationToken cancellationToken) =>
        await failures.DeleteEntityAsync(source, message, ETag.All, cancellationToken);
}
