using System.Globalization;
using Azure;
using Azure.Data.Tables;
using CocReports.Procedure.Storage;

namespace CocReports.Adapters.Tables;

/// <summary>
/// Each case's audit trail as a hash chain (<see cref="AuditChain"/>): one partition per report, one row per entry,
/// never updated. Row keys count down from the largest sequence number, so the newest entry is the partition's first
/// row and an append reads one row. Two appends at once race for the same row key; the loser reads again and chains
/// after the winner.
/// </summary>
public sealed class TableAuditTrail(TableClient audit, AuditChain chain) : IAuditTrail
{
    const int MaxAttempts = 20;

    public async Task AppendAsync(string reference, AuditEntry entry, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var latest = await NewestAsync(reference, cancellationToken);
            var link = chain.Next(reference, latest, entry);
            try
            {
                await audit.AddEntityAsync(
                    new TableEntity(reference, RowKeyOf(link.Sequence))
                    {
                        ["At"] = link.Entry.At,
                        ["MemberId"] = link.Entry.MemberId,
                        ["What"] = link.Entry.What,
                        ["Allowed"] = link.Entry.Allowed,
                        ["PreviousHash"] = link.PreviousHash,
                        ["Hash"] = link.Hash,
                    },
                    cancellationToken);
                return;
            }
            catch (RequestFailedException e) when (e.Status == 409 && attempt < MaxAttempts)
            {
                // Another instance chained an entry first: chain after it.
            }
        }
    }

    public async Task<IReadOnlyList<AuditLink>> ReadAsync(string reference, CancellationToken cancellationToken)
    {
        var links = new List<AuditLink>();
        await foreach (var row in audit.QueryAsync<TableEntity>(e => e.PartitionKey == reference, cancellationToken: cancellationToken))
        {
            links.Add(LinkOf(row));
        }

        links.Reverse(); // oldest first
        return links;
    }

    public async Task<AuditLink?> NewestAsync(string reference, CancellationToken cancellationToken)
    {
        await foreach (var row in audit.QueryAsync<TableEntity>(e => e.PartitionKey == reference, maxPerPage: 1, cancellationToken: cancellationToken))
        {
            return LinkOf(row);
        }

        return null;
    }

    // The sequence is the row's place, read from its key: a row moved to another key is a link out of place.
    static string RowKeyOf(long sequence) => (long.MaxValue - sequence).ToString("D19", CultureInfo.InvariantCulture);

    static AuditLink LinkOf(TableEntity row) => new(
        long.TryParse(row.RowKey, NumberStyles.None, CultureInfo.InvariantCulture, out var inverted) ? long.MaxValue - inverted : 0,
        new AuditEntry(
            row.GetDateTimeOffset("At") ?? default,
            row.GetString("MemberId") ?? "",
            row.GetString("What") ?? "",
            row.GetBoolean("Allowed") ?? false),
        row.GetString("PreviousHash") ?? "",
        row.GetString("Hash") ?? "");
}
