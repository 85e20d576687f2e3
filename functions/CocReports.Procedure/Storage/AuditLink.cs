namespace CocReports.Procedure.Storage;

/// <summary>One entry of a case's audit trail as stored: its place in the chain, the hash of the entry before it and its own.</summary>
/// <param name="Sequence">1 for a case's first entry, then one more for each.</param>
public sealed record AuditLink(long Sequence, AuditEntry Entry, string PreviousHash, string Hash);
