using Azure;
using Azure.Data.Tables;
using CocReports.Procedure.OpenCases;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;

namespace CocReports.Adapters.Tables;

/// <summary>
/// The open cases as one partition of the reports table (<see cref="OpenCaseEntity"/>). An entry is made when the
/// workflow announces the case; <see cref="TableCaseStates"/> and <see cref="TableCaseMessages"/> keep it current as
/// they store the case, under optimistic concurrency, and resolution drops it. A case that is not listed (resolved
/// meanwhile, or from before the list was kept) stays unlisted.
/// </summary>
public sealed class TableOpenCasesProjection(TableClient reports) : IOpenCasesProjection
{
    public async Task ListOpenCaseAsync(Report report, IReadOnlyList<string> announcedTo, CancellationToken cancellationToken) =>
        await reports.UpsertEntityAsync(OpenCaseEntity.From(OpenCaseSummary.Of(report, announcedTo)), TableUpdateMode.Merge, cancellationToken);

    public async Task<IReadOnlyList<OpenCaseSummary>> OpenCasesAsync(CancellationToken cancellationToken)
    {
        var open = new List<OpenCaseSummary>();
        await foreach (var row in reports.QueryAsync<TableEntity>(e => e.PartitionKey == OpenCaseEntity.PartitionKey, cancellationToken: cancellationToken))
        {
            open.Add(OpenCaseEntity.To(row));
        }

        return open;
    }

    /// <summary>Takes recusing members off the case's entry.</summary>
    internal Task RecuseAsync(string reference, IReadOnlyList<string> members, CancellationToken cancellationToken) =>
        UpdateAsync(reference, row => row["RecusedMembers"] = string.Join(',', Members(row).Union(members, StringComparer.Ordinal)), cancellationToken);

    /// <summary>Keeps the entry in step with a case change that was stored.</summary>
    internal async Task FollowAsync(string reference, CaseState before, CaseState after, CancellationToken cancellationToken)
    {
        if (before.ResolvedAt is null && after.ResolvedAt is not null)
        {
            // A case never listed (from before the list was kept) is fine: a missing entity's delete doesn't throw.
            await reports.DeleteEntityAsync(OpenCaseEntity.PartitionKey, reference, ETag.All, cancellationToken);
        }
        else if (before.AcknowledgedAt is null && after.AcknowledgedAt is { } at)
        {
            await MergeAsync(new TableEntity(OpenCaseEntity.PartitionKey, reference) { ["AcknowledgedAt"] = at }, cancellationToken);
        }
        else if (before.MarkedUrgentAt is null && after.MarkedUrgentAt is { } marked)
        {
            await MergeAsync(new TableEntity(OpenCaseEntity.PartitionKey, reference) { ["MarkedUrgentAt"] = marked }, cancellationToken);
        }

        if (after.ResolvedAt is null && after.DeclaredMembers.Count > before.DeclaredMembers.Count)
        {
            await MergeAsync(new TableEntity(OpenCaseEntity.PartitionKey, reference) { ["DeclaredMembers"] = string.Join(',', after.DeclaredMembers) }, cancellationToken);
        }
    }

    async Task MergeAsync(TableEntity change, CancellationToken cancellationToken)
    {
        try
        {
            await reports.UpdateEntityAsync(change, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Not listed: resolved meanwhile, or from before the list was kept.
        }
    }

    /// <summary>The next status update is due from the latest update: the date it named, or the policy's interval after it.</summary>
    internal Task UpdatedAsync(string reference, CaseMessage update, CancellationToken cancellationToken) =>
        UpdateAsync(reference, row =>
        {
            row["LastUpdateAt"] = update.At;
            if (update.NextUpdateBy is { } next)
            {
                row["NextUpdateBy"] = next;
            }
            else
            {
                row.Remove("NextUpdateBy");
            }
        }, cancellationToken);

    async Task UpdateAsync(string reference, Action<TableEntity> change, CancellationToken cancellationToken)
    {
        while (true)
        {
            var existing = await reports.GetEntityIfExistsAsync<TableEntity>(OpenCaseEntity.PartitionKey, reference, cancellationToken: cancellationToken);
            if (!existing.HasValue)
            {
                return;
            }

            var row = existing.Value!;
            change(row);
            try
            {
                await reports.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                return;
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                // Changed or resolved in between: read again.
            }
        }
    }

    static string[] Members(TableEntity row) => (row.GetString("RecusedMembers") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
}
