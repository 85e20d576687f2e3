using CocReports.Procedure.Activities;
using CocReports.Procedure.Committee;
using CocReports.Procedure.Notifications;
using CocReports.Procedure.Timeline;
using Microsoft.DurableTask;

namespace CocReports.Procedure.Workflow;

/// <summary>
/// One report's promises, kept durably: announce it, then follow the policy's nudges until the committee acts.
/// Orchestrator code must be deterministic: time comes from the context, all I/O happens in activities, and the
/// schedule is the one captured when the report arrived (a configuration change can't rewrite a replay).
/// </summary>
public sealed class ReportWorkflow : TaskOrchestrator<CaseProgress, CaseProgress>
{
    /// <summary>Bounds the history: after this many waits the orchestration continues as new with its state.</summary>
    const int WaitsPerGeneration = 25;

    public override async Task<CaseProgress> RunAsync(TaskOrchestrationContext context, CaseProgress input)
    {
        var progress = input;
        var options = input.Schedule;
        var policy = new WorkflowPolicy(options);
        var mailRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(
            maxNumberOfAttempts: options.MailAttempts,
            firstRetryInterval: options.MailFirstRetry,
            backoffCoefficient: 2,
            maxRetryInterval: TimeSpan.FromHours(1)));
        var steps = new CaseSteps(context, progress.Reference, mailRetry);

        // Listen for the committee from the first moment (a member may act while the report is still being
        // announced), and keep exactly one wait outstanding so each event completes the wait it belongs to.
        var committeeAction = context.WaitForExternalEvent<CaseEvent>(CaseEvent.Name);

        if (!progress.Announced)
        {
            await steps.Record("Received", progress.ReceivedAt);
            await steps.NotifyReporter(ReporterNoticeKind.Receipt, progress.SealedReceiptCode);
            await steps.NotifyCommittee(CommitteeNoticeKind.NewReport, round: 0);
            progress = progress with { Announced = true, SealedReceiptCode = null };
        }

        for (var waits = 0; progress.AcknowledgedAt is null; waits++)
        {
            if (waits == WaitsPerGeneration)
            {
                context.ContinueAsNew(progress);
                return progress;
            }

            var promise = policy.Acknowledge(progress.ReceivedAt);
            var nudge = policy.NextNudge(promise, progress.Urgent, progress.LastNudgeAt ?? promise.Since);

            using var timerCancellation = new CancellationTokenSource();
            var timer = context.CreateTimer(nudge.At.UtcDateTime, timerCancellation.Token);
            if (await Task.WhenAny(committeeAction, timer) == committeeAction)
            {
                var action = await committeeAction;
                committeeAction = context.WaitForExternalEvent<CaseEvent>(CaseEvent.Name);

                // Synchronous on purpose: CancelAsync completes on the thread pool, which an orchestrator must not await.
                timerCancellation.Cancel();
                progress = await Apply(steps, progress, action);
            }
            else
            {
                await steps.Nudge(nudge);
                progress = progress with { LastNudgeAt = nudge.At };
            }
        }

        return progress;
    }

    static async Task<CaseProgress> Apply(CaseSteps steps, CaseProgress progress, CaseEvent action)
    {
        switch (action.Kind)
        {
            case CaseEventKind.Acknowledged when progress.AcknowledgedAt is null:
                // "The report was received and the committee will discuss it."
                await steps.NotifyReporter(ReporterNoticeKind.Acknowledged);
                return progress with { AcknowledgedAt = action.At, LastNudgeAt = null };
            default:
                return progress;
        }
    }

    /// <summary>The workflow's activities with their inputs, so the loop above reads as the procedure.</summary>
    sealed class CaseSteps(TaskOrchestrationContext context, string reference, TaskOptions mailRetry)
    {
        public Task<bool> NotifyReporter(ReporterNoticeKind kind, string? sealedReceiptCode = null) =>
            context.CallActivityAsync<bool>(nameof(Activities.NotifyReporter), new ReporterNotice(reference, kind, sealedReceiptCode), mailRetry);

        public async Task NotifyCommittee(CommitteeNoticeKind kind, int round, bool escalate = false)
        {
            var audience = await context.CallActivityAsync<Audience>(nameof(FindAudience), reference, mailRetry);
            var sends = audience.MemberIds
                .Select(id => context.CallActivityAsync<bool>(nameof(NotifyMember), new MemberNotice(reference, id, kind, round), mailRetry))
                .ToList();
            if (escalate || audience.ToEscalationContacts)
            {
                sends.AddRange(Enumerable.Range(0, audience.EscalationContactCount).Select(i =>
                    context.CallActivityAsync<bool>(nameof(NotifyEscalationContact), new EscalationNotice(reference, i, kind, round), mailRetry)));
            }

            await Task.WhenAll(sends);
        }

        public async Task Nudge(Nudge nudge)
        {
            var kind = nudge.Kind == NudgeKind.Reminder ? CommitteeNoticeKind.AcknowledgeReminder : CommitteeNoticeKind.AcknowledgeOverdue;
            await NotifyCommittee(kind, nudge.Round, escalate: nudge.Kind == NudgeKind.Overdue);
            await Record(nudge.Kind == NudgeKind.Reminder ? "AcknowledgeReminderSent" : "AcknowledgeOverdueEscalated", context.CurrentUtcDateTime);
        }

        public Task<bool> Record(string step, DateTimeOffset at) =>
            context.CallActivityAsync<bool>(nameof(RecordStep), new StepRecord(reference, new TimelineEntry(at, step)), mailRetry);
    }
}
