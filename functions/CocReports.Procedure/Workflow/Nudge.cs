namespace CocReports.Procedure.Workflow;

/// <summary>A scheduled prod about an unkept promise: a reminder to the committee, or an escalation once overdue.</summary>
public sealed record Nudge(DateTimeOffset At, NudgeKind Kind, int Round);

public enum NudgeKind
{
    /// <summary>The promise is not due yet; the committee is reminded.</summary>
    Reminder,

    /// <summary>The promise is overdue; the committee and the escalation contacts are told.</summary>
    Overdue,
}
