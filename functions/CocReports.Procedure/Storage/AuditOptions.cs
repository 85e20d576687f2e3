namespace CocReports.Procedure.Storage;

/// <summary>Bound from the "Audit" configuration section.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>
    /// When this deployment's audit chain was keyed; unset, it always was. A plain SHA-256 link is what anyone who can
    /// write the audit table can compute, so it verifies only where the chain was not keyed yet: in the trail of a case
    /// received before this time, dated before it, and before any keyed link. Only a deployment whose trails began
    /// before the chain was keyed sets it, to when it first ran a keyed version.
    /// </summary>
    public DateTimeOffset? KeyedSince { get; set; }
}
