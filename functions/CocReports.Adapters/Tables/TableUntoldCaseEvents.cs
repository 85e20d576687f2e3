using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using CocReports.Procedure.Workflow;

namespace CocReports.Adapters.Tables;

/// <summary>
/// Untold case events in one partition, so the sweep reads them with one query. The row key begins with the event's
/// time (which sorts the rows and lets the sweep ask for the older ones) and names the event, so marking the same
/// event twice leaves one row.
/// </summary>
public sealed class TableUntoldCaseEvents(TableClient events) : IUntoldCaseEvents
{
    const string Partition = "untold";

    public async Task MarkAsync(string reference, CaseEvent happened, CancellationToken cancellationToken) =>
        await events.UpsertEntityAsync(
            new TableEntity(Partition, RowKey(reference, happened)) { ["Reference"] = reference, ["Event"] = JsonSerializer.Serialize(happened) },
            TableUpdateMode.Replace,
            cancellationToken);

    public async Task ToldAsync(string reference, CaseEvent happened, CancellationToken cancellationToken) =>
        await events.DeleteEntityAsync(Partition, RowKey(reference, happened), ETag.All, cancellationToken);

    public async IAsyncEnumerable<UntoldCaseEvent> MarkedBeforeAsync(DateTimeOffset before, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey lt {Ticks(before)}");
        await foreach (var row in events.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return new UntoldCaseEvent(row.GetString("Reference"), JsonSerializer.Deserialize<CaseEvent>(row.GetString("Event"))!);
        }
    }

    static string RowKey(string reference, CaseEvent happened) =>
        $"{Ticks(happened.At)}-{reference}-{happened.Kind}-{happened.MemberId}-{happened.MessageId}";

    static string Ticks(DateTimeOffset at) => at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);
}
