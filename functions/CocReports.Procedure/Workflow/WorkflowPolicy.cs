namespace CocReports.Procedure.Workflow;

/// <summary>
/// When the committee is reminded and when it is escalated. Pure: it takes times and returns times, so the real
/// durations (48 hours, a week, months) are tested with a fake clock and the orchestrator only follows it.
/// </summary>
public sealed class WorkflowPolicy(WorkflowOptions options)
{
    /// <summary>
    /// "We strive to acknowledge your report within 48 hours"; an urgent report sooner, reminded halfway, counted from
    /// when it became urgent (<paramref name="urgentSince"/>, a member's marking) and never later than the ordinary promise.
    /// </summary>
    public Promise Acknowledge(DateTimeOffset receivedAt, bool urgent = false, DateTimeOffset? urgentSince = null)
    {
        var within = options.AcknowledgeWithinFor(urgent);
        if (within == options.AcknowledgeWithin)
        {
            return new(PromiseKind.Acknowledge, receivedAt, receivedAt + within, options.AcknowledgeRemindAfter);
        }

        var from = urgentSince ?? receivedAt;
        var due = from + within < receivedAt + options.AcknowledgeWithin ? from + within : receivedAt + options.AcknowledgeWithin;
        return new(PromiseKind.Acknowledge, receivedAt, due, [(from - receivedAt) + ((due - from) / 2)]);
    }

    public Promise FollowUp(DateTimeOffset receivedAt) =>
        new(PromiseKind.FollowUp, receivedAt, receivedAt + options.FollowUpWithin, options.FollowUpRemindAfter);

    /// <summary>An interim measure awaits the committee's review from the moment it was taken, reminded halfway.</summary>
    public Promise ReviewMeasure(DateTimeOffset recordedAt) =>
        new(PromiseKind.ReviewMeasure, recordedAt, recordedAt + options.MeasureReviewWithin, [options.MeasureReviewWithin / 2]);

    /// <summary>
    /// The next status update: due on the date the last update named (or a default interval after it); the
    /// committee is reminded on that date and escalated once the grace period has passed too.
    /// </summary>
    public Promise StatusUpdate(DateTimeOffset lastUpdateAt, DateTimeOffset? nextUpdateBy)
    {
        var promised = nextUpdateBy ?? lastUpdateAt + options.StatusUpdateEvery;
        return new(PromiseKind.StatusUpdate, lastUpdateAt, promised + options.StatusUpdateGrace, [promised - lastUpdateAt]);
    }

    /// <summary>The promise the committee owes now: acknowledgment, then follow-up, then status updates until resolution.</summary>
    public Promise? Current(CaseProgress progress) =>
        progress.ResolvedAt is not null ? null
        : progress.AcknowledgedAt is null ? Acknowledge(progress.ReceivedAt, progress.Urgent, progress.UrgentSince)
        : progress.FollowedUpAt is null ? FollowUp(progress.ReceivedAt)
        : StatusUpdate(progress.LastUpdateAt ?? progress.FollowedUpAt.Value, progress.NextUpdateBy);

    /// <summary>
    /// The workflow's next step of its own: the next nudge of the current promise, or, once resolved, the retention
    /// steps; or the review of an interim measure, if that comes first. A measure's overdue notices repeat as an urgent
    /// report's do: it was taken because someone may be in danger.
    /// </summary>
    public WorkflowStep? Next(CaseProgress progress)
    {
        var next = NextForReport(progress);
        if (progress.StatementDueAt is { } due && due < next.At)
        {
            next = new WorkflowStep(due, WorkflowStepKind.CloseStatementWindow);
        }

        if (progress.Measure is not { } measure)
        {
            return next;
        }

        var review = ReviewMeasure(measure.RecordedAt);
        var nudge = WorkflowStep.From(NextNudge(review, urgent: true, measure.LastNudgeAt ?? measure.RecordedAt), review);
        return nudge.At < next.At ? nudge : next;
    }

    WorkflowStep NextForReport(CaseProgress progress)
    {
        if (Current(progress) is { } promise)
        {
            // A promise that became current late (a follow-up owed since receipt, acknowledged on day 9) starts
            // nudging from that moment: its past reminders and escalations are not replayed in a burst.
            var becameCurrent = progress.AcknowledgedAt is { } acknowledged && acknowledged > promise.Since ? acknowledged : promise.Since;
            var nudge = NextNudge(promise, progress.Urgent, progress.LastNudgeAt ?? becameCurrent);
            return WorkflowStep.From(nudge, promise);
        }

        // A response with an end keeps the case, and its timer, until that end: "records kept as long as the outcome needs".
        if (progress.ResponseEndsAt is { } ends)
        {
            return progress.ResponseReminded
                ? new WorkflowStep(ends, WorkflowStepKind.EndResponse)
                : new WorkflowStep(ends - options.ResponseRemindBefore, WorkflowStepKind.RemindResponseEnd);
        }

        // Once a response ended, the retention period counts from its end ("a ban: until it ends plus a period"), and
        // the period is the one for the outcome ("no violation: months; a warning: a year").
        // A legal hold keeps the case, asked about now and then, until a member lifts it.
        if (progress.LegalHoldSince is { } held)
        {
            return new WorkflowStep((progress.LegalHoldReviewedAt ?? held) + options.LegalHoldReviewEvery, WorkflowStepKind.ReviewLegalHold);
        }

        var resolved = progress.ResolvedAt!.Value;
        var purgeAt = (progress.ResponseEndedAt is { } ended && ended > resolved ? ended : resolved) + options.RetentionFor(progress.Response);

        // A hold lifted after the period had run out: the members still get their warning's time to download what they keep.
        if (progress.LegalHoldLiftedAt is { } lifted && lifted + options.RetentionWarningBefore > purgeAt)
        {
            purgeAt = lifted + options.RetentionWarningBefore;
        }

        // A later report may name the same person: the case is kept a period again, so the pattern stays in view.
        if (progress.KeptForLaterReportAt is { } kept && kept + options.RetentionFor(progress.Response) > purgeAt)
        {
            purgeAt = kept + options.RetentionFor(progress.Response);
        }

        return progress.RetentionWarned
            ? new WorkflowStep(purgeAt, WorkflowStepKind.PurgeEvidence)
            : new WorkflowStep(purgeAt - options.RetentionWarningBefore, WorkflowStepKind.WarnBeforePurge);
    }

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
