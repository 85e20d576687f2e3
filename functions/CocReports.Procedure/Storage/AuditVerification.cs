namespace CocReports.Procedure.Storage;

/// <summary>Whether a case's audit trail holds, and if not, the first entry that does not.</summary>
/// <param name="Entries">How many entries were read.</param>
/// <param name="FirstBroken">The sequence number the first broken link should have had; null when the chain verifies.</param>
/// <param name="Problem">What is wrong there, in a sentence.</param>
public sealed record AuditVerification(int Entries, long? FirstBroken = null, string? Problem = null)
{
    public bool Verifies => FirstBroken is null;
}
