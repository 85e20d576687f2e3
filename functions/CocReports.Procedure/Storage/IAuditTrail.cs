namespace CocReports.Procedure.Storage;

/// <summary>Who looked at what, and who was refused: every view and download of a case, kept per report.</summary>
public interface IAuditTrail
{
    Task AppendAsync(string reference, AuditEntry entry, CancellationToken cancellationToken);

    Task<IReadOnlyList<AuditEntry>> ReadAsync(string reference, CancellationToken cancellationToken);
}

/// <param name="What">"case" for the case page, or the evidence blob name.</param>
/// <param name="Allowed">False when access was refused (a recused or excluded member, say).</param>
public sealed record AuditEntry(DateTimeOffset At, string MemberId, string What, bool Allowed);
