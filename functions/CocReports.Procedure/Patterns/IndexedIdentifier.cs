namespace CocReports.Procedure.Patterns;

/// <summary>
/// An identifier the index holds for a report, by hash: <see cref="Added"/> when a member gave it, <see cref="Removed"/>
/// when a member found it wrong (it then matches nothing).
/// </summary>
public sealed record IndexedIdentifier(IdentifierHash Identifier, IdentifierChange? Added, IdentifierChange? Removed);

/// <summary>Who added or removed an identifier, and when.</summary>
public sealed record IdentifierChange(string MemberId, DateTimeOffset At);
