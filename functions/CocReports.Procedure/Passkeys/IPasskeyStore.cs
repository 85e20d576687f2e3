namespace CocReports.Procedure.Passkeys;

/// <summary>Members' passkeys, kept per member.</summary>
public interface IPasskeyStore
{
    Task<IReadOnlyList<Passkey>> ForMemberAsync(string memberId, CancellationToken cancellationToken);

    Task AddAsync(Passkey passkey, CancellationToken cancellationToken);

    /// <summary>Keeps the counter an assertion reported, so a replayed or cloned authenticator's lower count is refused next time.</summary>
    Task RecordUseAsync(string memberId, byte[] credentialId, uint signCount, CancellationToken cancellationToken);

    /// <summary>Removes every passkey of the member (a reset, <see cref="PasskeyRecovery"/>); returns how many there were.</summary>
    Task<int> RemoveAllAsync(string memberId, CancellationToken cancellationToken);
}
