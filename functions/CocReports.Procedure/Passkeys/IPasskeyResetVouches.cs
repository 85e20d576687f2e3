namespace CocReports.Procedure.Passkeys;

/// <summary>The vouches for resetting a member's passkeys not yet spent on a reset, kept per member.</summary>
public interface IPasskeyResetVouches
{
    /// <summary>Keeps <paramref name="vouch"/>; a member vouching again for the same member replaces their earlier vouch.</summary>
    Task AddAsync(PasskeyResetVouch vouch, CancellationToken cancellationToken);

    Task<IReadOnlyList<PasskeyResetVouch>> ForMemberAsync(string memberId, CancellationToken cancellationToken);

    /// <summary>Spends the member's vouches: a reset done once needs two fresh vouches to be done again.</summary>
    Task ClearAsync(string memberId, CancellationToken cancellationToken);
}
