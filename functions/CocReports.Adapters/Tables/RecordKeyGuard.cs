using Azure;
using Azure.Data.Tables;
using CocReports.Procedure.Links;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CocReports.Adapters.Tables;

/// <summary>
/// At start-up, after the tables exist: the app starts only with the record key its records were made with
/// (<see cref="RecordKeyCheck"/>), and storage keeps that key's id from the first start on. Two instances starting at
/// once both try to add the id; the second reads the first's and is checked against it.
/// </summary>
sealed class RecordKeyGuard(StorageLayout layout, IOptions<LinkOptions> links) : IHostedService
{
    const string Partition = "keys";
    const string Row = "record";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var keys = new SigningKeys(links.Value);
        var stored = await layout.Reports.GetEntityIfExistsAsync<TableEntity>(Partition, Row, cancellationToken: cancellationToken);
        var storedId = stored.HasValue ? stored.Value!.GetString("KeyId") : null;
        var recordsExist = storedId is null && await AnyReportAsync(cancellationToken);
        if (RecordKeyCheck.Refusal(storedId, recordsExist, keys) is { } refusal)
        {
            throw new InvalidOperationException(refusal);
        }

        if (storedId is null)
        {
            try
            {
                await layout.Reports.AddEntityAsync(new TableEntity(Partition, Row) { ["KeyId"] = keys.Record.Id }, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                await StartAsync(cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    async Task<bool> AnyReportAsync(CancellationToken cancellationToken)
    {
        await foreach (var _ in layout.Reports.QueryAsync<TableEntity>(e => e.RowKey == ReportEntity.RowKey, maxPerPage: 1, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            return true;
        }

        return false;
    }
}
