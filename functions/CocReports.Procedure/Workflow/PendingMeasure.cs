namespace CocReports.Procedure.Workflow;

/// <summary>An interim measure the committee has yet to confirm or lift, as the workflow keeps its timer.</summary>
public sealed record PendingMeasure(string Id, DateTimeOffset RecordedAt, DateTimeOffset? LastNudgeAt = null);
