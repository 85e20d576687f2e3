namespace CocReports.Procedure.Patterns;

/// <summary>Which reports name which identifier, by keyed hash only (Table storage in production).</summary>
public interface IPatternIndex
{
    /// <summary>Indexes the identifiers taken from the report; one a member removed stays out.</summary>
    Task AddAsync(string reference, IReadOnlyList<IdentifierHash> hashes, CancellationToken cancellationToken);

    /// <summary>Indexes identifiers a member gave, noting who and when; one removed before is matched again.</summary>
    Task AddByMemberAsync(string reference, IReadOnlyList<IdentifierHash> hashes, IdentifierChange change, CancellationToken cancellationToken);

    /// <summary>
    /// Stops matching the report on these identifiers, and remembers the removal, so that indexing the report's text
    /// again does not bring back an identifier a member found to be wrong.
    /// </summary>
    Task RemoveAsync(string reference, IReadOnlyList<IdentifierHash> hashes, IdentifierChange change, CancellationToken cancellationToken);

    /// <summary>What is indexed for the report, removals included.</summary>
    Task<IReadOnlyList<IndexedIdentifier>> OfAsync(string reference, CancellationToken cancellationToken);

    /// <summary>At the end of the retention period: everything indexed for the report goes, removals included.</summary>
    Task ForgetAsync(string reference, CancellationToken cancellationToken);

    /// <summary>The reports that name the identifier whose keyed hash is <paramref name="hash"/> (not those a member removed it from).</summary>
    Task<IReadOnlyList<string>> NamingAsync(string hash, CancellationToken cancellationToken);

    /// <summary>Every other report sharing one of <paramref name="reference"/>'s identifiers.</summary>
    Task<IReadOnlyList<PatternMatch>> MatchesAsync(string reference, CancellationToken cancellationToken);
}
