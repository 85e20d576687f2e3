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
}
