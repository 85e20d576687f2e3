namespace CocReports.Procedure.Passkeys;

/// <summary>
/// A member's passkey as the app keeps it: the authenticator's credential id and public key (neither is secret, and
/// neither can act without the device), and the signature counter a cloned authenticator would fall behind.
/// </summary>
public sealed record Passkey(string MemberId, byte[] CredentialId, byte[] PublicKey, uint SignCount, DateTimeOffset CreatedAt)
{
    /// <summary>Enough of the credential id to tell a member's passkeys apart in a log, never all of it.</summary>
    public string ShortId => Convert.ToHexString(CredentialId, 0, Math.Min(3, CredentialId.Length)).ToLowerInvariant();
}
