using CocReports.Procedure.Activities;
using CocReports.Procedure.Committee;
using CocReports.Procedure.Mail;
using CocReports.Procedure.Notifications;
using CocReports.Procedure.Timeline;
using Microsoft.DurableTask;

namespace CocReports.Procedure.Workflow;

/// <summary>
/// One report's promises, kept durably, from receipt to the purge of its evidence: announce it, then follow the
/// policy's next step (a reminder, an escalation, the retention steps) unless the committee acts first.
/// Orchestrator code must be deterministic: time comes from the context, all I/O happens in activities, and the
/// schedule is the one captured when the report arrived (a configuration change can't rewrite a replay).
/// Emails are sent, never waited for: each retries on its own while the workflow keeps its timers, so a reporter's
/// address the mail server refuses can't hold back the committee's notice or any reminder.
/// </summary>
public sealed class ReportWorkflow : TaskOrchestrator<CaseProgress, CaseProgress>
{
    public override async Task<CaseProgress> RunAsync(TaskOrchestrationContext context, CaseProgress input)
    {
        var progress = input;
        var policy = new WorkflowPolicy(input.Schedule);
        var steps = new CaseSteps(context, progress.Reference, input.Schedule);

        // Listen for the committee from the first moment (a member may act while the report is still being
        // announced), and keep exactly one wait outstanding so each event completes the wait it belongs to.
        var caseEvent = context.WaitForExternalEvent<CaseEvent>(CaseEvent.Name);

        if (!progress.Announced)
        {
            // Recorded, the committee told and the receipt sent in one activity, while the first timer is already set.
            steps.Announce(
                new Announcement(
                    progress.Reference,
                    new TimelineEntry(progress.ReceivedAt, CaseStep.Received),
                    CommitteeNoticeKind.NewReport,
                    "new",
                    ToReporter: new ReporterNotice(progress.Reference, ReporterNoticeKind.Receipt, progress.SealedReceiptCode, Promises: input.Schedule),
                    Promises: input.Schedule),
                "The new report to the committee and the receipt to the reporter");
            progress = progress with { Announced = true, SealedReceiptCode = null };
        }

        for (var waits = 0; ; waits++)
        {
            // A generation ends only with no mail in flight: continuing as new would abandon its retries.
            if (waits >= input.Schedule.WaitsPerGeneration && steps.Mail.IsEmpty)
            {
                context.ContinueAsNew(progress);
                return progress;
            }

            var next = policy.Next(progress)!;
            using var timerCancellation = new CancellationTokenSource();
            var timer = context.CreateTimer(next.At.UtcDateTime, timerCancellation.Token);
            var woke = await steps.WaitForAny(caseEvent, timer);
            if (woke == caseEvent)
            {
                var happened = await caseEvent;
                caseEvent = context.WaitForExternalEvent<CaseEvent>(CaseEvent.Name);

                // Synchronous on purpose: CancelAsync completes on the thread pool, which an orchestrator must not await.
                timerCancellation.Cancel();
                progress = await Apply(steps, progress, happened);
                continue;
            }

            switch (next.Kind)
            {
                case WorkflowStepKind.Remind or WorkflowStepKind.Escalate when next.Promise == PromiseKind.ReviewMeasure:
                    steps.Nudge(next);
                    progress = progress with { Measure = progress.Measure! with { LastNudgeAt = next.At } };
                    break;
                case WorkflowStepKind.Remind or WorkflowStepKind.Escalate:
                    steps.Nudge(next);
                    progress = progress with { LastNudgeAt = next.At };
                    break;
                case WorkflowStepKind.RemindResponseEnd:
                    steps.NotifyCommittee(CommitteeNoticeKind.ResponseEndingSoon, occasion: Occasion(progress.ResponseEndsAt));
                    progress = progress with { ResponseReminded = true };
                    break;
                case WorkflowStepKind.EndResponse:
                    // "Asked whether conditions were met": the members are told it ended, and may extend it.
                    steps.NotifyCommittee(CommitteeNoticeKind.ResponseEnded, occasion: Occasion(progress.ResponseEndsAt));
                    await steps.Record(CaseStep.ResponseEnded, next.At);
                    progress = progress with { ResponseEndsAt = null, ResponseReminded = false, ResponseEndedAt = next.At };
                    break;
                case WorkflowStepKind.CloseStatementWindow:
                    steps.NotifyCommittee(CommitteeNoticeKind.StatementWindowClosed, occasion: "statement-window");
                    progress = progress with { StatementDueAt = null };
                    break;
                case WorkflowStepKind.ReviewLegalHold:
                    steps.NotifyCommittee(CommitteeNoticeKind.LegalHoldReview, occasion: Occasion(next.At));
                    progress = progress with { LegalHoldReviewedAt = next.At };
                    break;
                case WorkflowStepKind.WarnBeforePurge:
                    // Each period kept gets its own warning: the first under the name running workflows sent it by.
                    steps.NotifyCommittee(CommitteeNoticeKind.RetentionWarning, occasion: progress.KeptForLaterReportAt is { } kept ? FormattableString.Invariant($"retention-{kept:yyyyMMddHHmmss}") : "retention");
                    progress = progress with { RetentionWarned = true };
                    break;
                case WorkflowStepKind.PurgeEvidence when await steps.KeepForLaterReport():
                    await steps.Record(CaseStep.KeptForLaterReport, next.At);
                    progress = progress with { KeptForLaterReportAt = next.At, RetentionWarned = false };
                    break;
                case WorkflowStepKind.PurgeEvidence:
                    await steps.PurgeEvidence();
                    await steps.SettleAllMail();
                    return progress;
            }
        }
    }

    static async Task<CaseProgress> Apply(CaseSteps steps, CaseProgress progress, CaseEvent happened)
    {
        switch (happened.Kind)
        {
            case CaseEventKind.Acknowledged when progress.AcknowledgedAt is null:
                // "The report was received and the committee will discuss it."
                steps.NotifyReporter(ReporterNoticeKind.Acknowledged);
                return progress with { AcknowledgedAt = happened.At, LastNudgeAt = null };

            case CaseEventKind.FollowedUp or CaseEventKind.StatusUpdated:
                steps.NotifyReporter(
                    happened.Kind == CaseEventKind.FollowedUp ? ReporterNoticeKind.FollowUp : ReporterNoticeKind.StatusUpdate,
                    happened.MessageId);
                return progress with
                {
                    AcknowledgedAt = progress.AcknowledgedAt ?? happened.At,
                    FollowedUpAt = progress.FollowedUpAt ?? happened.At,
                    LastUpdateAt = happened.At,
                    NextUpdateBy = happened.NextUpdateBy,
                    LastNudgeAt = null,
                };

            case CaseEventKind.QuestionAsked:
                steps.NotifyReporter(ReporterNoticeKind.Question, happened.MessageId);
                return progress;

            case CaseEventKind.Answered:
                steps.NotifyCommittee(CommitteeNoticeKind.AnswerReceived, occasion: happened.MessageId ?? "answer", messageId: happened.MessageId);
                return progress;

            case CaseEventKind.Recused or CaseEventKind.ConflictDeclared when !progress.HandedOver:
                // A report about most of the committee must still reach enough people, and one someone must be able to
                // decide; it is handed over once: an activity reads the case as it is now, so the first event may
                // already see a later recusal.
                return await steps.HandToEscalationBelowQuorum() ? progress with { HandedOver = true } : progress;

            case CaseEventKind.IdentifiersChanged:
                // "A later match on an old report is told to its current members too."
                steps.Announce(new Announcement(progress.Reference, TellPatterns: true, Promises: progress.Schedule), "PatternFound to the committee");
                return progress;

            case CaseEventKind.MarkedUrgent when !progress.Urgent:
                // Someone may be in danger: every member is paged now, and the promises shorten from this moment.
                steps.NotifyCommittee(CommitteeNoticeKind.MarkedUrgent, occasion: "urgent");
                return progress with { Urgent = true, UrgentSince = happened.At, LastNudgeAt = happened.At };

            case CaseEventKind.MeasureRecorded when happened.MessageId is { } measure:
                // Any one member may act at once; every member hears of it now, for the committee to confirm or lift it.
                steps.NotifyCommittee(CommitteeNoticeKind.InterimMeasureRecorded, occasion: measure);
                return progress with { Measure = new PendingMeasure(measure, happened.At) };

            case CaseEventKind.MeasureConfirmed or CaseEventKind.MeasureLifted:
                return progress with { Measure = null };

            case CaseEventKind.Resolved when progress.ResolvedAt is null:
                steps.NotifyReporter(ReporterNoticeKind.Resolved, happened.MessageId);
                return progress with
                {
                    ResolvedAt = happened.At,
                    AcknowledgedAt = progress.AcknowledgedAt ?? happened.At,
                    LastNudgeAt = null,
                    ResponseEndsAt = happened.ResponseEnds,
                    ResponseReminded = ReminderPassed(happened.ResponseEnds, happened.At, progress.Schedule),
                    Response = happened.Response,
                };

            case CaseEventKind.ReportedPersonTold when happened.MessageId is { } notice:
                steps.NotifyReportedPerson(notice);
                return progress with { StatementDueAt = happened.At + progress.Schedule.StatementWindow };

            case CaseEventKind.PublicStatementDrafted when happened.MessageId is { } draft:
                // Each activity mails only a party the draft asked.
                steps.NotifyReporter(ReporterNoticeKind.ConsentAsked, draft);
                steps.NotifyReportedPerson(draft);
                return progress;

            case CaseEventKind.StatementGiven:
                steps.NotifyCommittee(CommitteeNoticeKind.StatementReceived, occasion: "statement");
                return progress with { StatementDueAt = null };

            case CaseEventKind.LegalHoldPlaced:
                return progress with { LegalHoldSince = happened.At, LegalHoldReviewedAt = null };

            case CaseEventKind.LegalHoldLifted when progress.LegalHoldSince is not null:
                // The purge is warned of anew.
                return progress with { LegalHoldSince = null, LegalHoldReviewedAt = null, LegalHoldLiftedAt = happened.At, RetentionWarned = false };

            case CaseEventKind.ResponseExtended when progress.ResolvedAt is not null && happened.ResponseEnds is { } until:
                // The purge moves after the new end, and is warned of again.
                return progress with
                {
                    ResponseEndsAt = until,
                    ResponseReminded = ReminderPassed(until, happened.At, progress.Schedule),
                    RetentionWarned = false,
                };

            default:
                return progress;
        }
    }

    // A reminder whose time had already come when the response was set is not sent late: only one still ahead.
    static bool ReminderPassed(DateTimeOffset? ends, DateTimeOffset at, WorkflowOptions schedule) => ends - schedule.ResponseRemindBefore <= at;

    // One response's notices are told apart by its end: an extension's come anew.
    static string Occasion(DateTimeOffset? ends) => FormattableString.Invariant($"response-{ends:yyyyMMddHHmmss}");

    /// <summary>The workflow's activities with their inputs, so the code above reads as the procedure.</summary>
    sealed class CaseSteps(TaskOrchestrationContext context, string reference, WorkflowOptions options)
    {
        // A failed step is retried with backoff, for hours if it has to: an email is never dropped.
        readonly TaskOptions retry = TaskOptions.FromRetryHandler(async attempt =>
        {
            var wait = MailRetry.Next(options, attempt.LastAttemptNumber, MailThrottledException.RetryAfterOf(attempt.LastFailure));
            if (wait is null)
            {
                return false;
            }

            await attempt.OrchestrationContext.CreateTimer(wait.Value, attempt.CancellationToken);
            return true;
        });

        public MailInFlight Mail { get; } = new();

        /// <summary>Sends the committee's notice to the reported person, with the link to give their statement.</summary>
        public void NotifyReportedPerson(string messageId) =>
            Send(nameof(Activities.NotifyReportedPerson), new ReportedPersonNotice(reference, messageId, options.StatementWindow), "the notice to the reported person");

        public void NotifyReporter(ReporterNoticeKind kind, string? messageId = null, string? sealedReceiptCode = null) =>
            Send(nameof(Activities.NotifyReporter), new ReporterNotice(reference, kind, sealedReceiptCode, messageId, options), $"{kind} to the reporter");

        /// <summary>Tells every member who may hear about the report now (and the escalation contacts when asked, or when no member may).</summary>
        public void NotifyCommittee(CommitteeNoticeKind kind, string occasion, bool escalate = false, string? messageId = null, TimelineEntry? step = null) =>
            Announce(new Announcement(reference, step, kind, occasion, escalate, messageId, Promises: options), $"{kind} to the committee");

        /// <summary>Sends one step's notices in one activity; a recipient whose mail failed is retried on their own when it settles.</summary>
        public void Announce(Announcement announcement, string what) =>
            Mail.Add(context.CallActivityAsync<Unsent>(nameof(Activities.Announce), announcement, retry), what, reference);

        /// <summary>
        /// After a recusal: once fewer members than the quorum may handle the report, the escalation contacts receive it,
        /// and the members left are told it was handed over (not why).
        /// </summary>
        /// <returns>Whether the report was handed over now.</returns>
        public async Task<bool> HandToEscalationBelowQuorum()
        {
            var audience = await context.CallActivityAsync<Audience>(nameof(FindAudience), reference, retry);
            if (audience.ToEscalationContacts)
            {
                // Announce would reach the contacts alone as well, but a workflow that handed over before the quorum
                // existed replays its NotifyEscalationContact calls: that path stays as it was.
                if (audience.MemberIds.Count > 0)
                {
                    NotifyCommittee(CommitteeNoticeKind.HandedToEscalation, "handover");
                }
                else
                {
                    NotifyEscalationContacts(audience, CommitteeNoticeKind.HandedToEscalation, "handover");
                }

                await Record(CaseStep.HandedToEscalation, context.CurrentUtcDateTime);
                return true;
            }

            return false;
        }

        void NotifyEscalationContacts(Audience audience, CommitteeNoticeKind kind, string occasion)
        {
            for (var i = 0; i < audience.EscalationContactCount; i++)
            {
                Send(nameof(NotifyEscalationContact), new EscalationNotice(reference, i, kind, occasion, options), $"{kind} to escalation contact {i + 1}");
            }
        }

        public void Nudge(WorkflowStep step)
        {
            var promise = step.Promise ?? throw new ArgumentException("A nudge is about a promise.", nameof(step));
            var kind = (promise, step.Kind) switch
            {
                (PromiseKind.Acknowledge, WorkflowStepKind.Remind) => CommitteeNoticeKind.AcknowledgeReminder,
                (PromiseKind.Acknowledge, _) => CommitteeNoticeKind.AcknowledgeOverdue,
                (PromiseKind.FollowUp, WorkflowStepKind.Remind) => CommitteeNoticeKind.FollowUpReminder,
                (PromiseKind.FollowUp, _) => CommitteeNoticeKind.FollowUpOverdue,
                (PromiseKind.ReviewMeasure, WorkflowStepKind.Remind) => CommitteeNoticeKind.MeasureReviewReminder,
                (PromiseKind.ReviewMeasure, _) => CommitteeNoticeKind.MeasureReviewOverdue,
                (_, WorkflowStepKind.Remind) => CommitteeNoticeKind.StatusUpdateReminder,
                _ => CommitteeNoticeKind.StatusUpdateOverdue,
            };
            var escalate = step.Kind == WorkflowStepKind.Escalate;

            // The promise's due date tells this cycle's nudges from the next cycle's.
            var recorded = new TimelineEntry(context.CurrentUtcDateTime, CaseStep.Nudge(promise, overdue: escalate));
            NotifyCommittee(kind, FormattableString.Invariant($"{step.Due:yyyyMMddHHmmss}-{step.Round}"), escalate, step: recorded);
        }

        public Task<bool> KeepForLaterReport() =>
            context.CallActivityAsync<bool>(nameof(Activities.KeepForLaterReport), reference, retry);

        public async Task PurgeEvidence()
        {
            await context.CallActivityAsync<int>(nameof(Activities.PurgeEvidence), reference, retry);
            await Record(CaseStep.EvidencePurged, context.CurrentUtcDateTime);
        }

        public Task<bool> Record(CaseStep step, DateTimeOffset at, string? note = null, string? about = null) =>
            context.CallActivityAsync<bool>(nameof(RecordStep), new StepRecord(about ?? reference, new TimelineEntry(at, step, Note: note)), retry);

        /// <summary>
        /// Waits for the committee or the timer. Mail that settles meanwhile is taken off the list, and a mail that
        /// still failed after the retry policy (hours of backoff) is written to the case's timeline, where the
        /// committee sees it.
        /// </summary>
        public async Task<Task> WaitForAny(Task caseEvent, Task timer)
        {
            while (true)
            {
                var woke = await Task.WhenAny([caseEvent, timer, .. Mail.Tasks]);
                if (woke == caseEvent || woke == timer)
                {
                    return woke;
                }

                await SettleMail();
            }
        }

        /// <summary>Before the workflow ends: every mail sent has arrived or is on the timeline as failed.</summary>
        public async Task SettleAllMail()
        {
            while (!Mail.IsEmpty)
            {
                await Task.WhenAny(Mail.Tasks);
                await SettleMail();
            }
        }

        void Send<TNotice>(string activity, TNotice notice, string what, TimeSpan? after = null, string? about = null) =>
            Mail.Add(after is { } wait ? SendLater(activity, notice, wait) : context.CallActivityAsync<bool>(activity, notice, retry), what, about ?? reference);

        /// <summary>A send the mail service asked to wait for: first a durable timer, then the send with its retries.</summary>
        async Task<bool> SendLater<TNotice>(string activity, TNotice notice, TimeSpan wait)
        {
            await context.CreateTimer(context.CurrentUtcDateTime + MailRetry.AsAsked(wait), CancellationToken.None);
            return await context.CallActivityAsync<bool>(activity, notice, retry);
        }

        /// <summary>
        /// Takes the settled mail off the list: an announcement's recipients whose mail failed are each retried on
        /// their own, and a send that failed after every retry is written to the timeline.
        /// </summary>
        async Task SettleMail()
        {
            foreach (var (send, what, about) in Mail.TakeSettled())
            {
                // Reading Exception observes the failure; the workflow records it on the timeline.
                if (send.Exception is not null)
                {
                    await Record(CaseStep.MailFailed, context.CurrentUtcDateTime, what, about);
                }
                else if (send is Task<Unsent> { Result: var unsent })
                {
                    RetryEach(unsent);
                }
            }
        }

        void RetryEach(Unsent unsent)
        {
            foreach (var notice in unsent.Members)
            {
                Send(nameof(NotifyMember), notice, $"{notice.Kind} to {notice.MemberId}", unsent.RetryAfter, notice.Reference);
            }

            foreach (var notice in unsent.Contacts)
            {
                Send(nameof(NotifyEscalationContact), notice, $"{notice.Kind} to escalation contact {notice.ContactIndex + 1}", unsent.RetryAfter, notice.Reference);
            }

            if (unsent.Reporter is { } toReporter)
            {
                Send(nameof(Activities.NotifyReporter), toReporter, $"{toReporter.Kind} to the reporter", unsent.ReporterRetryAfter);
            }
        }
    }
}
