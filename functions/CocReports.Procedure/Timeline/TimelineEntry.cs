namespace CocReports.Procedure.Timeline;

/// <summary>One step on a case's timeline, in the procedure's words (<see cref="CaseStep"/>).</summary>
public sealed record TimelineEntry(DateTimeOffset At, CaseStep Step, string? MemberId = null, string? Note = null);
