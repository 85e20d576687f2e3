using System.Globalization;
using Azure.Data.Tables;
using CocReports.Procedure.Links;

namespace CocReports.Adapters.Tables;

/// <summary>
/// One row per revoked holder (partition "member" or "organizer", row key their id, a NotBefore time), written by an
/// administrator (or, for a member, by a passkey reset) and read on every use of a link. Read each time, not cached: a revocation takes effect at once.
/// Organizers have a partition of their own because their ids are chosen apart from the committee's.
/// </summary>
public sealed class TableMemberRevocations(TableClient revocations) : IMemberRevocations
{
    public const string Partition = "member";

    public const string OrganizerPartition = "organizer";

    public Task<DateTimeOffset?> NotBeforeAsync(string memberId, CancellationToken cancellationToken) =>
        NotBeforeAsync(Partition, memberId, cancellationToken);

    public Task<DateTimeOffset?> OrganizerNotBeforeAsync(string organizerId, CancellationToken cancellationToken) =>
        NotBeforeAsync(OrganizerPartition, organizerId, cancellationToken);

    public async Task RevokeAsync(string memberId, DateTimeOffset notBefore, CancellationToken cancellationToken)
    {
        if (await NotBeforeAsync(memberId, cancellationToken) is { } current && current >= notBefore)
        {
            return;
        }

        await revocations.UpsertEntityAsync(new TableEntity(Partition, memberId) { ["NotBefore"] = notBefore }, TableUpdateMode.Replace, cancellationToken);
    }

    async Task<DateTimeOffset?> NotBeforeAsync(string partition, string id, CancellationToken cancellationToken)
    {
        var row = await revocations.GetEntityIfExistsAsync<TableEntity>(partition, id, ["NotBefore"], cancellationToken);
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
