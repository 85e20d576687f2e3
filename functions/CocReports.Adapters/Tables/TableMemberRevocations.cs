using System.Globalization;
using Azure.Data.Tables;
using CocReports.Procedure.Links;

namespace CocReports.Adapters.Tables;

/// <summary>
/// One row per revoked member (partition "member", row key the member id, a NotBefore time), written by an
/// administrator and read on every case access. Read each time, not cached: a revocation takes effect at once.
/// </summary>
public sealed class TableMemberRevocations(TableClient revocations) : IMemberRevocations
{
    public const string Partition = "member";

    public async Task<DateTimeOffset?> NotBeforeAsync(string memberId, CancellationToken cancellationToken)
    {
        var row = await revocations.GetEntityIfExistsAsync<TableEntity>(Partition, memberId, ["NotBefore"], cancellationToken);
        // Written by hand (az storage entity insert), so a time typed as a string counts as much as a typed one.
        return row.HasValue
            ? row.Value!["NotBefore"] switch
            {
                DateTimeOffset at => at,
                DateTime at => new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)),
                string text when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) => at,
                _ => DateTimeOffset.MaxValue, // present but unreadable: refuse everything rather than nothing
            }
            : null;
    }
}
