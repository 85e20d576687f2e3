using Azure;
using Azure.Data.Tables;
using CocReports.Procedure.Storage;

namespace CocReports.Adapters.Tables;

/// <summary>The spent single-use links of a report, one row each in its report's partition, keyed "link-" and the link's id.</summary>
public sealed class TableLinkLedger(TableClient reports) : ILinkLedger
{
    // Adding fails when the row exists: of two posts of one link, exactly one adds it.
    public async Task<bool> TryUseLinkAsync(string reference, string linkId, CancellationToken cancellationToken)
    {
        try
        {
            await reports.AddEntityAsync(new TableEntity(reference, "link-" + linkId), cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task<bool> IsLinkUsedAsync(string reference, string linkId, CancellationToken cancellationToken) =>
        (await reports.GetEntityIfExistsAsync<TableEntity>(reference, "link-" + linkId, cancellationToken: cancellationToken)).HasValue;
}
