namespace CocReports.Procedure.Timeline;

/// <summary>One step on a case's timeline. <see cref="Step"/> uses the procedure's words (Received, Acknowledged…).</summary>
public sealed record TimelineEntry(DateTimeOffset At, string Step, string? MemberId = null, string? Note = null);
