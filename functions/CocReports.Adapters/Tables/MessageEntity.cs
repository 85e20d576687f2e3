using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using CocReports.Procedure.Storage;

namespace CocReports.Adapters.Tables;

/// <summary>
/// A case message as a row of its report's partition, keyed "msg-" and then in the order written. Each text gets a
/// property of its own: one string property holds 64 KiB of UTF-16 (32,768 characters), and a resolution's three texts
/// in one JSON property could exceed that where each alone does not.
/// https://learn.microsoft.com/en-us/rest/api/storageservices/understanding-the-table-service-data-model
/// </summary>
static class MessageEntity
{
    public static TableEntity From(string reference, CaseMessage message) =>
        From(reference, "msg-" + ChronologicalKey.For(message.At, message.Id), message);

    /// <summary>The row for <paramref name="message"/> under an existing row key: what retention rewrites in place.</summary>
    public static TableEntity From(string reference, string rowKey, CaseMessage message) =>
        new(reference, rowKey)
        {
            ["Message"] = JsonSerializer.Serialize(message with { Text = "", Actions = null, PublicSummary = null }),
            ["Text"] = message.Text,
            ["Actions"] = message.Actions,
            ["PublicSummary"] = message.PublicSummary,
        };

    public static CaseMessage To(TableEntity row) =>
        JsonSerializer.Deserialize<CaseMessage>(row.GetString("Message")!)! with
        {
            Text = row.GetString("Text") ?? "",
            Actions = row.GetString("Actions"),
            PublicSummary = row.GetString("PublicSummary"),
        };

    /// <summary>Every message row of the report, in the order written.</summary>
    public static AsyncPageable<TableEntity> RowsAsync(TableClient reports, string reference, CancellationToken cancellationToken) =>
        reports.QueryAsync<TableEntity>(
            e => e.PartitionKey == reference && e.RowKey.CompareTo("msg-") >= 0 && e.RowKey.CompareTo("msg.") < 0,
            cancellationToken: cancellationToken);
}
