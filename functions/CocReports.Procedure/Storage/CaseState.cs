namespace CocReports.Procedure.Storage;

/// <summary>What the committee has done on a case so far, as read back from storage.</summary>
public sealed record CaseState(
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedBy,
    IReadOnlyList<string> RecusedMembers,
    DateTimeOffset? ResolvedAt = null,
    DateTimeOffset? EvidencePurgedAt = null)
{
    public static readonly CaseState New = new(null, null, []);
}
