using Azure;
using Azure.Data.Tables;
using CocReports.Procedure.Patterns;

namespace CocReports.Adapters.Tables;

/// <summary>
/// The match index: for each identifier hash a partition of the reports that name it, and for each report a partition
/// ("report-{reference}") of its hashes, with who added or removed one. Keyed hashes only: no identifier is stored in
/// plaintext. A removed identifier keeps its row in the report's partition (so the report's text can't bring it back)
/// and loses its row under the hash (so nothing matches on it). Upserts, so indexing a report twice changes nothing.
/// </summary>
public sealed class TablePatternIndex(TableClient index) : IPatternIndex
{
    const string ReportPrefix = "report-";

    public async Task AddAsync(string reference, IReadOnlyList<IdentifierHash> hashes, CancellationToken cancellationToken)
    {
        var removed = (await OfAsync(reference, cancellationToken)).Where(i => i.Removed is not null).Select(i => i.Identifier.Hash).ToHashSet(StringComparer.Ordinal);
        foreach (var hash in hashes.Where(h => !removed.Contains(h.Hash)))
        {
            await index.UpsertEntityAsync(Under(hash, reference), TableUpdateMode.Replace, cancellationToken);
            await index.UpsertEntityAsync(Of(reference, hash), TableUpdateMode.Merge, cancellationToken);
        }

        // A removal cut short before its row under the hash went is finished here.
        foreach (var hash in removed)
        {
            await DeleteAsync(hash, reference, cancellationToken);
        }
    }

    public async Task AddByMemberAsync(string reference, IReadOnlyList<IdentifierHash> hashes, IdentifierChange change, CancellationToken cancellationToken)
    {
        foreach (var hash in hashes)
        {
            await index.UpsertEntityAsync(Under(hash, reference), TableUpdateMode.Replace, cancellationToken);
            var row = Of(reference, hash);
            row["AddedBy"] = change.MemberId;
            row["AddedAt"] = change.At;
            await index.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
        }
    }

    public async Task RemoveAsync(string reference, IReadOnlyList<IdentifierHash> hashes, IdentifierChange change, CancellationToken cancellationToken)
    {
        foreach (var hash in hashes)
        {
            var row = Of(reference, hash);
            row["RemovedBy"] = change.MemberId;
            row["RemovedAt"] = change.At;
            await index.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
            await DeleteAsync(hash.Hash, reference, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<IndexedIdentifier>> OfAsync(string reference, CancellationToken cancellationToken)
    {
        var found = new List<IndexedIdentifier>();
        await foreach (var row in index.QueryAsync<TableEntity>(e => e.PartitionKey == ReportPrefix + reference, cancellationToken: cancellationToken))
        {
            found.Add(new IndexedIdentifier(
                new IdentifierHash(row.RowKey, row.GetBoolean("Weak") ?? true, row.GetString("Kind") ?? ""),
                Change(row, "Added"),
                Change(row, "Removed")));
        }

        return found;
    }

    public async Task ForgetAsync(string reference, CancellationToken cancellationToken)
    {
        foreach (var indexed in await OfAsync(reference, cancellationToken))
        {
            await DeleteAsync(indexed.Identifier.Hash, reference, cancellationToken);
            await DeleteAsync(ReportPrefix + reference, indexed.Identifier.Hash, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<string>> NamingAsync(string hash, CancellationToken cancellationToken)
    {
        var references = new List<string>();
        await foreach (var row in index.QueryAsync<TableEntity>(e => e.PartitionKey == hash, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            references.Add(row.RowKey);
        }

        return references;
    }

    public async Task<IReadOnlyList<PatternMatch>> MatchesAsync(string reference, CancellationToken cancellationToken)
    {
        var strongest = new Dictionary<string, bool>(StringComparer.Ordinal); // reference → weak only
        foreach (var own in (await OfAsync(reference, cancellationToken)).Where(i => i.Removed is null))
        {
            await foreach (var other in index.QueryAsync<TableEntity>(e => e.PartitionKey == own.Identifier.Hash, cancellationToken: cancellationToken))
            {
                if (other.RowKey != reference)
                {
                    strongest[other.RowKey] = strongest.GetValueOrDefault(other.RowKey, true) && own.Identifier.Weak;
                }
            }
        }

        return [.. strongest.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => new PatternMatch(m.Key, m.Value))];
    }

    static TableEntity Under(IdentifierHash hash, string reference) => new(hash.Hash, reference) { ["Weak"] = hash.Weak };

    static TableEntity Of(string reference, IdentifierHash hash) => new(ReportPrefix + reference, hash.Hash) { ["Weak"] = hash.Weak, ["Kind"] = hash.Kind };

    static IdentifierChange? Change(TableEntity row, string what) =>
        row.GetString(what + "By") is { } member && row.GetDateTimeOffset(what + "At") is { } at ? new IdentifierChange(member, at) : null;

    // Already gone is fine: TableClient.DeleteEntityAsync answers a missing entity (404) without throwing, so a second
    // run finds nothing more to delete.
    async Task DeleteAsync(string partition, string row, CancellationToken cancellationToken) =>
        await index.DeleteEntityAsync(partition, row, ETag.All, cancellationToken);
}
