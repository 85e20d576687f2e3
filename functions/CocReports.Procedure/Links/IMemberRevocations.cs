namespace CocReports.Procedure.Links;

/// <summary>
/// Per-holder revocation: every link and case session a member was issued before their "not before" time is
/// refused, wherever it is used, and so is every intake link an organizer was issued before theirs. Links issued
/// after it work again. An administrator sets the time in storage (docs/deploying.md, "Revoking links"); the app sets
/// a member's itself only when their passkeys are reset (<see cref="Passkeys.PasskeyRecovery"/>).
/// </summary>
public interface IMemberRevocations
{
    /// <summary>The member's "not before" time, or null when nothing of theirs was ever revoked.</summary>
    Task<DateTimeOffset?> NotBeforeAsync(string memberId, CancellationToken cancellationToken);

    /// <summary>Moves the member's "not before" time to <paramref name="notBefore"/>, never back to an earlier one.</summary>
    Task RevokeAsync(string memberId, DateTimeOffset notBefore, CancellationToken cancellationToken);

    /// <summary>The organizer's "not before" time, or null when none of their links was ever revoked.</summary>
    Task<DateTimeOffset?> OrganizerNotBeforeAsync(string organizerId, CancellationToken cancellationToken);
}
