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
            await steps.Record("Received", progress.ReceivedAt);
            await steps.NotifyCommittee(CommitteeNoticeKind.NewReport, occasion: "new");
            steps.NotifyReporter(ReporterNoticeKind.Receipt, sealedReceiptCode: progress.SealedReceiptCode);
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
                case WorkflowStepKind.Remind or WorkflowStepKind.Escalate:
                    await steps.Nudge(next);
                    progress = progress with { LastNudgeAt = next.At };
                    break;
                case WorkflowStepKind.WarnBeforePurge:
                    await steps.NotifyCommittee(CommitteeNoticeKind.RetentionWarning, occasion: "retention");
                    progress = progress with { RetentionWarned = true };
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
                await steps.NotifyCommittee(CommitteeNoticeKind.AnswerReceived, occasion: happened.MessageId ?? "answer", messageId: happened.MessageId);
                return progress;

            case CaseEventKind.Recused:
                // A report about the whole committee must still reach someone.
                await steps.HandToEscalationIfNoMemberRemains();
                return progress;

            case CaseEventKind.Resolved when progress.ResolvedAt is null:
                steps.NotifyReporter(ReporterNoticeKind.Resolved, happened.MessageId);
                return progress with { ResolvedAt = happened.At, AcknowledgedAt = progress.AcknowledgedAt ?? happened.At, LastNudgeAt = null };

            default:
                return progress;
        }
    }

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

        public void NotifyReporter(ReporterNoticeKind kind, string? messageId = null, string? sealedReceiptCode = null) =>
            Send(nameof(Activities.NotifyReporter), new ReporterNotice(reference, kind, sealedReceiptCode, messageId), $"{kind} to the reporter");

        /// <summary>Finds who may hear about the report now, and sends each of them their own mail.</summary>
        public async Task NotifyCommittee(CommitteeNoticeKind kind, string occasion, bool escalate = false, string? messageId = null)
        {
            var audience = await context.CallActivityAsync<Audience>(nameof(FindAudience), reference, retry);
            foreach (var id in audience.MemberIds)
            {
                Send(nameof(NotifyMember), new MemberNotice(reference, id, kind, occasion, messageId), $"{kind} to {id}");
            }

            if (escalate || audience.ToEscalationContacts)
            {
                NotifyEscalationContacts(audience, kind, occasion);
            }
        }

        public async Task HandToEscalationIfNoMemberRemains()
        {
            var audience = await context.CallActivityAsync<Audience>(nameof(FindAudience), reference, retry);
            if (audience.ToEscalationContacts)
            {
                NotifyEscalationContacts(audience, CommitteeNoticeKind.HandedToEscalation, "handover");
                await Record("HandedToEscalation", context.CurrentUtcDateTime);
            }
        }

        void NotifyEscalationContacts(Audience audience, CommitteeNoticeKind kind, string occasion)
        {
            for (var i = 0; i < audience.EscalationContactCount; i++)
            {
                Send(nameof(NotifyEscalationContact), new EscalationNotice(reference, i, kind, occasion), $"{kind} to escalation contact {i + 1}");
            }
        }

        public async Task Nudge(WorkflowStep step)
        {
            var kind = (step.Promise, step.Kind) switch
            {
                (PromiseKind.Acknowledge, WorkflowStepKind.Remind) => CommitteeNoticeKind.AcknowledgeReminder,
                (PromiseKind.Acknowledge, _) => CommitteeNoticeKind.AcknowledgeOverdue,
                (PromiseKind.FollowUp, WorkflowStepKind.Remind) => CommitteeNoticeKind.FollowUpReminder,
                (PromiseKind.FollowUp, _) => CommitteeNoticeKind.FollowUpOverdue,
                (_, WorkflowStepKind.Remind) => CommitteeNoticeKind.StatusUpdateReminder,
                _ => CommitteeNoticeKind.StatusUpdateOverdue,
            };
            var escalate = step.Kind == WorkflowStepKind.Escalate;

            // The promise's due date tells this cycle's nudges from the next cycle's.
            await NotifyCommittee(kind, FormattableString.Invariant($"{step.Due:yyyyMMddHHmmss}-{step.Round}"), escalate);
            await Record(escalate ? $"{step.Promise}Overdue" : $"{step.Promise}Reminder", context.CurrentUtcDateTime);
        }

        public async Task PurgeEvidence()
        {
            await context.CallActivityAsync<int>(nameof(Activities.PurgeEvidence), reference, retry);
            await Record("EvidencePurged", context.CurrentUtcDateTime);
        }

        public Task<bool> Record(string step, DateTimeOffset at, string? note = null) =>
            context.CallActivityAsync<bool>(nameof(RecordStep), new StepRecord(reference, new TimelineEntry(at, step, Note: note)), retry);

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

                await RecordFailedMail();
            }
        }

        /// <summary>Before the workflow ends: every mail sent has arrived or is on the timeline as failed.</summary>
        public async Task SettleAllMail()
        {
            while (!Mail.IsEmpty)
            {
                await Task.WhenAny(Mail.Tasks);
                await RecordFailedMail();
            }
        }

        void Send<TNotice>(string activity, TNotice notice, string what) =>
            Mail.Add(context.CallActivityAsync<bool>(activity, notice, retry), what);

        async Task RecordFailedMail()
        {
            foreach (var what in Mail.TakeFailed())
            {
                await Record("MailFailed", context.CurrentUtcDateTime, what);
            }
        }
    }
}
