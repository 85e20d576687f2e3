using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using CocReports.Procedure.Storage;

namespace CocReports.Adapters.Tables;

/// <summary>The mails sent on a report, one row each in its report's partition, keyed "mail-" and the Message-ID's hash.</summary>
public sealed class TableSentMailLedger(TableClient reports) : ISentMailLedger
{
    public async Task<bool> IsMailSentAsync(string reference, string messageId, CancellationToken cancellationToken) =>
        (await reports.GetEntityIfExistsAsync<TableEntity>(reference, SentMailKey(messageId), cancellationToken: cancellationToken)).HasValue;

    public async Task RecordMailSentAsync(string reference, string messageId, DateTimeOffset at, CancellationToken cancellationToken) =>
        await reports.UpsertEntityAsync(new TableEntity(reference, SentMailKey(messageId)) { ["SentAt"] = at }, TableUpdateMode.Replace, cancellationToken);

    public async Task<IReadOnlySet<string>> SentMailAmongAsync(string reference, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken)
    {
        var asked = messageIds.Distinct(StringComparer.Ordinal).ToDictionary(SentMailKey, id => id, StringComparer.Ordinal);
        var sent = new HashSet<string>(StringComparer.Ordinal);
        if (asked.Count == 0)
        {
            return sent;
        }

        // Every ledger row of the report in one query: its row keys share the "mail-" prefix.
        await foreach (var row in reports.QueryAsync<TableEntity>(
            e => e.PartitionKey == reference && e.RowKey.CompareTo("mail-") >= 0 && e.RowKey.CompareTo("mail.") < 0,
            select: ["RowKey"],
            cancellationToken: cancellationToken))
        {
            if (asked.TryGetValue(row.RowKey, out var messageId))
            {
                sent.Add(messageId);
            }
        }

        return sent;
    }

    // Message-IDs hold characters a row key may not; their hash is as unique.
    static string SentMailKey(string messageId) =>
        "mail-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(messageId)));
}
