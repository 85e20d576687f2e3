namespace CocReports.Procedure.Workflow;

/// <summary>
/// The orchestration's input and the state it carries across ContinueAsNew. The receipt code travels sealed
/// (see <see cref="Notifications.SealedSecret"/>) so the durable history never holds it in clear.
/// </summary>
/// <param name="ResponseEndsAt">When the response decided at resolution ends or is reviewed; the evidence is kept until then.</param>
/// <param name="Response">The response decided at resolution, which says how long the case is kept (<see cref="WorkflowOptions.RetentionFor"/>).</param>
/// <param name="LegalHoldSince">Since when a legal hold keeps the case; while it does, the committee is asked every <see cref="WorkflowOptions.LegalHoldReviewEvery"/> whether it is still needed.</param>
/// <param name="LegalHoldLiftedAt">When the last legal hold was lifted: the purge comes no sooner than its warning after.</param>
/// <param name="KeptForLaterReportAt">When the purge found a later report naming the same person still kept: the period runs again from then.</param>
/// <param name="StatementDueAt">When the reported person's window to answer closes, while it is open and unanswered.</param>
/// <param name="UrgentSince">When a member marked the report urgent later; null when it was urgent from receipt, or is not.</param>
public sealed record CaseProgress(
    string Reference,
    DateTimeOffset ReceivedAt,
    bool Urgent,
    string? SealedReceiptCode,
    WorkflowOptions Schedule,
    bool Announced = false,
    DateTimeOffset? AcknowledgedAt = null,
    DateTimeOffset? LastNudgeAt = null,
    DateTimeOffset? FollowedUpAt = null,
    DateTimeOffset? LastUpdateAt = null,
    DateTimeOffset? NextUpdateBy = null,
    DateTimeOffset? ResolvedAt = null,
    bool RetentionWarned = false,
    bool HandedOver = false,
    PendingMeasure? Measure = null,
    DateTimeOffset? UrgentSince = null,
    DateTimeOffset? ResponseEndsAt = null,
    bool ResponseReminded = false,
    DateTimeOffset? ResponseEndedAt = null,
    string? Response = null,
    DateTimeOffset? LegalHoldSince = null,
    DateTimeOffset? LegalHoldReviewedAt = null,
    DateTimeOffset? LegalHoldLiftedAt = null,
    DateTimeOffset? StatementDueAt = null,
    DateTimeOffset? KeptForLaterReportAt = null);
