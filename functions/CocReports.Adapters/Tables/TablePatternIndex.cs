using Azure.Data.Tables;
using CocReports.Procedure.Patterns;

namespace CocReports.Adapters.Tables;

/// <summary>
/// The match index: for each identifier hash a partition of the reports that name it, and for each report a partition
/// ("report-{reference}") of its hashes. Keyed hashes only: no identifier is stored in plaintext. Upserts, so indexing
/// a report twice changes nothing.
/// </summary>
public sealed class TablePatternIndex(TableClient index) : IPatternIndex
{
    const string ReportPrefix = "report-";

    public async Task AddAsync(string reference, IReadOnlyList<IdentifierHash> hashes, CancellationToken cancellationToken)
    {
        foreach (var hash in hashes)
        {
            await index.UpsertEntityAsync(new TableEntity(hash.Hash, reference) { ["Weak"] = hash.Weak }, TableUpdateMode.Replace, cancellationToken);
            await index.UpsertEntityAsync(new TableEntity(ReportPrefix + reference, hash.Hash) { ["Weak"] = hash.Weak }, TableUpdateMode.Replace, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<PatternMatch>> MatchesAsync(string reference, CancellationToken cancellationToken)
    {
        var strongest = new Dictionary<string, bool>(StringComparer.Ordinal); // reference → weak only
        await foreach (var own in index.QueryAsync<TableEntity>(e => e.PartitionKey == ReportPrefix + reference, cancellationToken: cancellationToken))
        {
            var weak = own.GetBoolean("Weak") ?? true;
            await foreach (var other in index.QueryAsync<TableEntity>(e => e.PartitionKey == own.RowKey, cancellationToken: cancellationToken))
            {
                if (other.RowKey != reference)
                {
                    strongest[other.RowKey] = strongest.GetValueOrDefault(other.RowKey, true) && weak;
                }
            }
        }

        return [.. strongest.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => new PatternMatch(m.Key, m.Value))];
    }
}
