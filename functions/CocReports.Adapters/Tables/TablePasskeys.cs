using System.Buffers.Text;
using Azure;
using Azure.Data.Tables;
using CocReports.Procedure.Passkeys;

namespace CocReports.Adapters.Tables;

/// <summary>
/// One row per passkey: the member's id as partition (a member's passkeys are read together on every sign-in), the
/// credential id (base64url) as row key. Adding the same credential twice fails rather than replaces it, so a
/// replayed registration can't reset a counter.
/// </summary>
public sealed class TablePasskeys(TableClient passkeys) : IPasskeyStore
{
    public async Task<IReadOnlyList<Passkey>> ForMemberAsync(string memberId, CancellationToken cancellationToken)
    {
        var found = new List<Passkey>();
        await foreach (var row in passkeys.QueryAsync<TableEntity>(e => e.PartitionKey == memberId, cancellationToken: cancellationToken))
        {
            found.Add(new Passkey(
                memberId,
                Base64Url.DecodeFromChars(row.RowKey),
                row.GetBinary("PublicKey"),
                (uint)(row.GetInt64("SignCount") ?? 0),
                row.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue));
        }

        return found;
    }

    public Task AddAsync(Passkey passkey, CancellationToken cancellationToken) =>
        passkeys.AddEntityAsync(new TableEntity(passkey.MemberId, Base64Url.EncodeToString(passkey.CredentialId))
        {
            ["PublicKey"] = passkey.PublicKey,
            ["SignCount"] = (long)passkey.SignCount,
            ["CreatedAt"] = passkey.CreatedAt,
        }, cancellationToken);

    public async Task RecordUseAsync(string memberId, byte[] credentialId, uint signCount, CancellationToken cancellationToken)
    {
        try
        {
            await passkeys.UpdateEntityAsync(
                new TableEntity(memberId, Base64Url.EncodeToString(credentialId)) { ["SignCount"] = (long)signCount },
                ETag.All,
                TableUpdateMode.Merge,
                cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Removed while the member signed in: nothing left to keep a counter for.
        }
    }

    public async Task<int> RemoveAllAsync(string memberId, CancellationToken cancellationToken)
    {
        var removed = 0;
        foreach (var rowKey in await RowKeysAsync(passkeys, memberId, cancellationToken))
        {
            // A missing row answers 404 without throwing: a reset run twice at once (two vouches in the same moment)
            // counts each passkey once.
            var deleted = await passkeys.DeleteEntityAsync(memberId, rowKey, ETag.All, cancellationToken);
            removed += deleted.Status == 404 ? 0 : 1;
        }

        return removed;
    }

    /// <summary>A partition's row keys, read before any is deleted so no page of the query is skipped.</summary>
    internal static async Task<List<string>> RowKeysAsync(TableClient table, string partition, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            keys.Add(row.RowKey);
        }

        return keys;
    }
}
