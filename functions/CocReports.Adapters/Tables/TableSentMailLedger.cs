using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using CocReports.Procedure.Mail;
using CocReports.Procedure.Storage;

namespace CocReports.Adapters.Tables;

/// <summary>
/// The mails sent on a report, one row each in its report's partition, keyed "mail-" and the Message-ID's hash. A row is
/// a claim ("ClaimedAt") until its mail is sent ("SentAt").
/// </summary>
public sealed class TableSentMailLedger(TableClient reports) : ISentMailLedger
{
    public async Task<bool> IsMailSentAsync(string reference, string messageId, CancellationToken cancellationToken) =>
        (await reports.GetEntityIfExistsAsync<TableEntity>(reference, SentMailKey(messageId), cancellationToken: cancellationToken)) is { HasValue: true } row
        && row.Value!.GetDateTimeOffset("SentAt") is not null;

    public async Task<MailClaim> ClaimMailAsync(string reference, string messageId, DateTimeOffset at, DateTimeOffset staleBefore, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await reports.AddEntityAsync(new TableEntity(reference, SentMailKey(messageId)) { ["ClaimedAt"] = at }, cancellationToken);
                return MailClaim.Ours;
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                // Claimed or sent before: read which.
            }

            var existing = await reports.GetEntityIfExistsAsync<TableEntity>(reference, SentMailKey(messageId), cancellationToken: cancellationToken);
            if (!existing.HasValue)
            {
                continue; // released in between
            }

            var row = existing.Value!;
            if (row.GetDateTimeOffset("SentAt") is not null)
            {
                return MailClaim.SentBefore;
            }

            if (row.GetDateTimeOffset("ClaimedAt") >= staleBefore)
            {
                return MailClaim.ClaimedByAnotherRun;
            }

            row["ClaimedAt"] = at;
            try
            {
                await reports.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                return MailClaim.Ours;
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                // Taken over, sent or released in between: read again.
            }
        }
    }

    public async Task ReleaseMailAsync(string reference, string messageId, CancellationToken cancellationToken) =>
        await reports.DeleteEntityAsync(reference, SentMailKey(messageId), ETag.All, cancellationToken);

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
            select: ["RowKey", "SentAt"],
            cancellationToken: cancellationToken))
        {
            if (asked.TryGetValue(row.RowKey, out var messageId) && row.GetDateTimeOffset("SentAt") is not null)
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
