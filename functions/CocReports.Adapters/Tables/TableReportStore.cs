using Azure;
using Azure.Data.Tables;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;

namespace CocReports.Adapters.Tables;

/// <summary>Reports and their case state in Table storage: one partition per report.</summary>
public sealed class TableReportStore(TableClient reports) : IReportStore
{
    const string CaseRowKey = "case";

    public async Task<Report?> FindAsync(string reference, CancellationToken cancellationToken)
    {
        var row = await reports.GetEntityIfExistsAsync<TableEntity>(reference, ReportEntity.RowKey, cancellationToken: cancellationToken);
        return row.HasValue ? ReportEntity.To(row.Value!) : null;
    }

    public Task SaveAsync(Report report, CancellationToken cancellationToken) =>
        reports.UpsertEntityAsync(ReportEntity.From(report), TableUpdateMode.Replace, cancellationToken);

    public async Task<CaseState> GetCaseStateAsync(string reference, CancellationToken cancellationToken)
    {
        var row = await reports.GetEntityIfExistsAsync<TableEntity>(reference, CaseRowKey, cancellationToken: cancellationToken);
        return row.HasValue ? ToCaseState(row.Value!) : CaseState.New;
    }

    public async Task<bool> TryAcknowledgeAsync(string reference, string memberId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // Optimistic concurrency: the insert or the ETag-guarded update fails for whoever comes second.
        while (true)
        {
            var row = await reports.GetEntityIfExistsAsync<TableEntity>(reference, CaseRowKey, cancellationToken: cancellationToken);
            try
            {
                if (!row.HasValue)
                {
                    var entity = new TableEntity(reference, CaseRowKey) { ["AcknowledgedAt"] = at, ["AcknowledgedBy"] = memberId };
                    await reports.AddEntityAsync(entity, cancellationToken);
                    return true;
                }

                var existing = row.Value!;
                if (existing.GetDateTimeOffset("AcknowledgedAt") is not null)
                {
                    return false;
                }

                existing["AcknowledgedAt"] = at;
                existing["AcknowledgedBy"] = memberId;
                await reports.UpdateEntityAsync(existing, existing.ETag, TableUpdateMode.Replace, cancellationToken);
                return true;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Someone else wrote the case row in between: read again and decide.
            }
        }
    }

    static CaseState ToCaseState(TableEntity e) => new(
        e.GetDateTimeOffset("AcknowledgedAt"),
        e.GetString("AcknowledgedBy"),
        (e.GetString("RecusedMembers") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries));
}
