namespace CocReports.Procedure.Workflow;

/// <summary>
/// When the committee is reminded and when it is escalated. Pure: it takes times and returns times, so the real
/// durations (48 hours, a week, months) are tested with a fake clock and the orchestrator only follows it.
/// </summary>
public sealed class WorkflowPolicy(WorkflowOptions options)
{
    public Promise Acknowledge(DateTimeOffset receivedAt) =>
        new(PromiseKind.Acknowledge, receivedAt, receivedAt + options.AcknowledgeWithin, options.AcknowledgeRemindAfter);

    /// <summary>
    /// The first nudge of <paramref name="promise"/> strictly after <paramref name="after"/>: reminders before the
    /// deadline, then an overdue notice at the deadline and again every day (every two hours when urgent), forever:
    /// an unkept promise is never allowed to go quiet.
    /// </summary>
    public Nudge NextNudge(Promise promise, bool urgent, DateTimeOffset after)
    {
        var reminder = promise.RemindAfter
            .Select(offset => promise.Since + offset)
            .Where(at => at < promise.Due && at > after)
            .Order()
            .Select(at => (DateTimeOffset?)at)
            .FirstOrDefault();
        if (reminder is { } remindAt)
        {
            return new Nudge(remindAt, NudgeKind.Reminder, promise.RemindAfter.Count(o => promise.Since + o <= remindAt));
        }

        var every = urgent ? options.UrgentRepeatEvery : options.OverdueRepeatEvery;
        var round = after < promise.Due ? 0 : (int)((after - promise.Due).Ticks / every.Ticks) + 1;
        return new Nudge(promise.Due + (every * round), NudgeKind.Overdue, round + 1);
    }
}
