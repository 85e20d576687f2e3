namespace CocReports.Procedure.Workflow;

/// <summary>What the workflow does next on its own, and when, if the committee doesn't act first.</summary>
/// <param name="Due">For nudges: when the promise they are about is due.</param>
public sealed record WorkflowStep(DateTimeOffset At, WorkflowStepKind Kind, PromiseKind? Promise = null, int Round = 0, DateTimeOffset? Due = null)
{
    public static WorkflowStep From(Nudge nudge, Promise promise) =>
        new(nudge.At, nudge.Kind == NudgeKind.Reminder ? WorkflowStepKind.Remind : WorkflowStepKind.Escalate, promise.Kind, nudge.Round, promise.Due);
}

public enum WorkflowStepKind
{
    /// <summary>Remind the committee of a promise not yet due.</summary>
    Remind,

    /// <summary>Tell the committee and the escalation contacts that a promise is overdue.</summary>
    Escalate,

    /// <summary>Remind the committee that the response decided at resolution ends (or is reviewed) soon.</summary>
    RemindResponseEnd,

    /// <summary>The response ends (or is due for review): the committee is asked whether its conditions were met.</summary>
    EndResponse,

    /// <summary>The reported person's window to give a statement closed without one: the committee is told.</summary>
    CloseStatementWindow,

    /// <summary>Ask the committee whether the legal hold that keeps the case is still needed.</summary>
    ReviewLegalHold,

    /// <summary>Warn the committee that the evidence of a resolved report will soon be deleted.</summary>
    WarnBeforePurge,

    /// <summary>Delete the evidence of a resolved report at the end of the retention period.</summary>
    PurgeEvidence,
}
