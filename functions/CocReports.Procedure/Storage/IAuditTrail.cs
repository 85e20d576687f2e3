namespace CocReports.Procedure.Storage;

/// <summary>
/// Who looked at what, who acted, and who was refused: every view, download and action on a case, kept per report
/// as a hash chain (see <see cref="AuditChain"/>) so that a changed, deleted or reordered entry shows.
/// </summary>
public interface IAuditTrail
{
    /// <summary>Appends <paramref name="entry"/> after the case's last link, chained to its hash.</summary>
    Task AppendAsync(string reference, AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>The case's links in the order storage holds them, unverified: <see cref="AuditChain.Verify"/> says whether they hold.</summary>
    Task<IReadOnlyList<AuditLink>> ReadAsync(string reference, CancellationToken cancellationToken);

    /// <summary>The case's newest link, unverified (null when none): what the weekly digest anchors, one read.</summary>
    Task<AuditLink?> NewestAsync(string reference, CancellationToken cancellationToken);
}

/// <param name="What">"case" for the case page, the evidence blob name, or what else was done (see the case page's names).</param>
/// <param name="Allowed">False when access was refused (a recused or excluded member, say).</param>
public sealed record AuditEntry(DateTimeOffset At, string MemberId, string What, bool Allowed);
