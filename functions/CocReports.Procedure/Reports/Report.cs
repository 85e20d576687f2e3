namespace CocReports.Procedure.Reports;

/// <summary>
/// A stored Code of Conduct report: what the reporter told us (<see cref="Details"/>), the evidence they sent,
/// and what intake added. The receipt code itself is never stored, only its hash.
/// </summary>
public sealed record Report(
    string Reference,
    DateTimeOffset ReceivedAt,
    ReportDetails Details,
    IReadOnlyList<EvidenceFile> Evidence,
    string ReceiptCodeHash)
{
    /// <summary>
    /// <see cref="Intake.SubmissionHash"/> of what was submitted: a retry under the same idempotency key must match it
    /// to get the receipt again.
    /// </summary>
    public string ContentHash { get; init; } = "";

    /// <summary>The orchestration that keeps this report's promises.</summary>
    public string InstanceId => WorkflowInstance.For(Reference);
}
