using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;

namespace CocReports.Adapters.Tables;

/// <summary>
/// Reports in Table storage, one partition per report holding its report row. The same partition holds the case row
/// (<see cref="TableCaseStates"/>), the messages (<see cref="TableCaseMessages"/>) and the ledgers of sent mail and
/// used links (<see cref="TableSentMailLedger"/>, <see cref="TableLinkLedger"/>).
/// </summary>
public sealed class TableReportStore(TableClient reports) : IReportStore
{
    public async Task<Report?> FindAsync(string reference, CancellationToken cancellationToken)
    {
        var row = await reports.GetEntityIfExistsAsync<TableEntity>(reference, ReportEntity.RowKey, cancellationToken: cancellationToken);
        return row.HasValue ? ReportEntity.To(row.Value!) : null;
    }

    public async Task<bool> TryAddAsync(Report report, CancellationToken cancellationToken)
    {
        try
        {
            await reports.AddEntityAsync(ReportEntity.From(report), cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async IAsyncEnumerable<Report> ReceivedSinceAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {ReportEntity.RowKey} and ReceivedAt ge {since}");
        await foreach (var row in reports.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return ReportEntity.To(row);
        }
    }

    public async Task<Report?> TryConfirmSenderAsync(string reference, CancellationToken cancellationToken)
    {
        while (true)
        {
            var existing = await reports.GetEntityIfExistsAsync<TableEntity>(reference, ReportEntity.RowKey, cancellationToken: cancellationToken);
            if (!existing.HasValue || ReportEntity.To(existing.Value!).WithSenderConfirmed() is not { } confirmed)
            {
                return null;
            }

            try
            {
                await reports.UpdateEntityAsync(ReportEntity.From(confirmed), existing.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                return confirmed;
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                // Changed (confirmed, or retained) in between: read again and decide again.
            }
        }
    }

    public async Task RetainOnlyAsync(Report report, IReadOnlyList<CaseMessage> messages, CancellationToken cancellationToken)
    {
        await reports.UpsertEntityAsync(ReportEntity.From(report), TableUpdateMode.Replace, cancellationToken);
        var kept = messages.ToDictionary(m => m.Id, StringComparer.Ordinal);
        await foreach (var row in MessageEntity.RowsAsync(reports, report.Reference, cancellationToken))
        {
            if (kept.TryGetValue(MessageEntity.To(row).Id, out var replacement))
            {
                await reports.UpsertEntityAsync(MessageEntity.From(report.Reference, row.RowKey, replacement), TableUpdateMode.Replace, cancellationToken);
            }
            else
            {
                await reports.DeleteEntityAsync(row, ETag.All, cancellationToken);
            }
        }
    }
}
