namespace CocReports.Procedure.Links;

/// <summary>
/// Per-member revocation: every link and case session a member was issued before their "not before" time is
/// refused, wherever it is used. Emails sent after it bring links that work again.
/// An administrator sets the time in storage (README, "Revoking a member's links"); the app only reads it.
/// </summary>
public interface IMemberRevocations
{
    /// <summary>The member's "not before" time, or null when nothing of theirs was ever revoked.</summary>
    Task<DateTimeOffset?> NotBeforeAsync(string memberId, CancellationToken cancellationToken);
}
