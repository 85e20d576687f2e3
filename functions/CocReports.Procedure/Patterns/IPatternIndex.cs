namespace CocReports.Procedure.Patterns;

/// <summary>Which reports name which identifier, by keyed hash only (Table storage in production).</summary>
public interface IPatternIndex
{
    Task AddAsync(string reference, IReadOnlyList<IdentifierHash> hashes, CancellationToken cancellationToken);

    /// <summary>Every other report sharing one of <paramref name="reference"/>'s identifiers.</summary>
    Task<IReadOnlyList<PatternMatch>> MatchesAsync(string reference, CancellationToken cancellationToken);
}
