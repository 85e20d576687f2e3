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

    /// <summary>
    /// Whether a reporter's reply is stored: until the purge, as the committee may still read it after resolution (the
    /// purge then removes it with the rest); after the purge, nothing would ever remove its text.
    /// </summary>
    public bool KeepsReplies => EvidencePurgedAt is null;
}
