namespace CocReports.Procedure.Storage;

/// <summary>
/// What the committee has done on a case so far, and the rules for what it may do next: each rule returns the state
/// after the change, or null when the case doesn't allow it (nothing is then changed). The store applies a rule under
/// optimistic concurrency, so of two members acting at once the second is judged against the first one's state.
/// </summary>
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

    /// <summary>"We strive to acknowledge your report within 48 hours." The first acknowledgment wins.</summary>
    public CaseState? Acknowledge(string memberId, DateTimeOffset at) =>
        AcknowledgedAt is null ? this with { AcknowledgedAt = at, AcknowledgedBy = memberId } : null;

    /// <summary>A member with a conflict of interest steps aside, once.</summary>
    public CaseState? Recuse(string memberId) =>
        RecusedMembers.Contains(memberId, StringComparer.Ordinal) ? null : this with { RecusedMembers = [.. RecusedMembers, memberId] };

    /// <summary>A report is resolved once; a second resolution changes nothing.</summary>
    public CaseState? Resolve(DateTimeOffset at) => ResolvedAt is null ? this with { ResolvedAt = at } : null;

    /// <summary>The end of the retention period: the evidence and the report's content are gone.</summary>
    public CaseState PurgeEvidence(DateTimeOffset at) => this with { EvidencePurgedAt = at };
}
