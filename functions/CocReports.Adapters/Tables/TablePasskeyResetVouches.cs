using Azure;
using Azure.Data.Tables;
using CocReports.Procedure.Passkeys;

namespace CocReports.Adapters.Tables;

/// <summary>
/// One row per vouch not yet spent: the member vouched for as partition (a reset reads them together), the member
/// who vouched as row key, so vouching again replaces one's own vouch rather than counting twice.
/// </summary>
public sealed class TablePasskeyResetVouches(TableClient vouches) : IPasskeyResetVouches
{
    public Task AddAsync(PasskeyResetVouch vouch, CancellationToken cancellationToken) =>
        vouches.UpsertEntityAsync(new TableEntity(vouch.MemberId, vouch.VouchedBy) { ["At"] = vouch.At }, TableUpdateMode.Replace, cancellationToken);

    public async Task<IReadOnlyList<PasskeyResetVouch>> ForMemberAsync(string memberId, CancellationToken cancellationToken)
    {
        var found = new List<PasskeyResetVouch>();
        await foreach (var row in vouches.QueryAsync<TableEntity>(e => e.PartitionKey == memberId, cancellationToken: cancellationToken))
        {
            found.Add(new PasskeyResetVouch(memberId, row.RowKey, row.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue));
        }

        return found;
    }

    public async Task ClearAsync(string memberId, CancellationToken cancellationToken)
    {
        foreach (var voucher in await TablePasskeys.RowKeysAsync(vouches, memberId, cancellationToken))
        {
            // Cleared by both runs of a reset at once: a row the other removed answers 404, gone either way.
            await vouches.DeleteEntityAsync(memberId, voucher, ETag.All, cancellationToken);
        }
    }
}
