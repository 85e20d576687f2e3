using CocReports.Procedure.Activities;
using CocReports.Procedure.Notifications;
using CocReports.Procedure.Workflow;
using Microsoft.DurableTask;
using Moq;
using CocReports.Procedure.Timeline;

namespace CocReports.Procedure.Tests.Workflow;

/// <summary>
/// The orchestrator against a mocked durable context: which activities it schedules, and when. Every pending durable
/// task is a task that never completes, so a run goes as far as it can without time passing and the test reads what
/// was scheduled on the way.
/// </summary>
public sealed class ReportWorkflowTests
{
    static readonly DateTimeOffset ReceivedAt = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
    static readonly WorkflowOptions Schedule = new();

    readonly Mock<TaskOrchestrationContext> context = new();
    readonly List<DateTime> timers = [];

    public ReportWorkflowTests()
    {
        context.SetupGet(c => c.CurrentUtcDateTime).Returns(ReceivedAt.UtcDateTime);
        context.Setup(c => c.WaitForExternalEvent<CaseEvent>(CaseEvent.Name, It.IsAny<CancellationToken>())).Returns(Never<CaseEvent>());
        context.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()))
            .Callback<DateTime, CancellationToken>((at, _) => timers.Add(at))
            .Returns(Never<bool>());
        context.Setup(c => c.CallActivityAsync<bool>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>())).Returns(Never<bool>());
    }

    [Fact]
    public void A_new_report_is_announced_in_one_activity_and_the_first_reminder_is_set_before_any_mail_settles()
    {
        context.Setup(c => c.CallActivityAsync<Unsent>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>())).Returns(Never<Unsent>());

        _ = Run();

        var announcement = Assert.IsType<Announcement>(Assert.Single(Scheduled<Unsent>(nameof(Announce))));
        Assert.Equal(CommitteeNoticeKind.NewReport, announcement.ToCommittee);
        Assert.Equal(CaseStep.Received, announcement.Step?.Step);
        Assert.Equal(ReporterNoticeKind.Receipt, announcement.ToReporter?.Kind);
        Assert.Equal("sealed", announcement.ToReporter?.SealedReceiptCode);
        Assert.Empty(Scheduled<bool>());

        // Its mails quote the schedule its timers run on, captured when the report arrived, not the options of the day.
        Assert.Same(Schedule, announcement.Promises);
        Assert.Same(Schedule, announcement.ToReporter?.Promises);
        Assert.Equal([(ReceivedAt + Schedule.AcknowledgeRemindAfter[0]).UtcDateTime], timers);
    }

    [Fact]
    public void Only_the_recipient_whose_mail_failed_in_the_announcement_is_retried_on_their_own()
    {
        context.Setup(c => c.CallActivityAsync<Unsent>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns(Task.FromResult(new Unsent([], [], new ReporterNotice("r1", ReporterNoticeKind.Receipt, "sealed"))));

        _ = Run();

        var retried = Assert.Single(Scheduled<bool>());
        Assert.Equal(new ReporterNotice("r1", ReporterNoticeKind.Receipt, "sealed"), retried);
        Assert.DoesNotContain(Scheduled<bool>(nameof(NotifyMember)), _ => true);
    }

    [Fact]
    public void A_throttled_announcement_retries_its_recipients_only_after_the_wait_the_mail_service_asked_for()
    {
        context.Setup(c => c.CallActivityAsync<Unsent>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns(Task.FromResult(new Unsent([new MemberNotice("r1", "kim", CommitteeNoticeKind.NewReport, "new")], [], null, TimeSpan.FromSeconds(90))));

        _ = Run();

        Assert.Empty(Scheduled<bool>(nameof(NotifyMember)));
        Assert.Contains((ReceivedAt + MailRetry.AsAsked(TimeSpan.FromSeconds(90))).UtcDateTime, timers);
    }

    [Fact]
    public void A_failed_mail_about_another_report_is_recorded_on_that_report_not_on_this_one()
    {
        // The members of r1 must not learn from its timeline that r2 exists and was told of the match.
        var onOther = new MemberNotice("r2", "kim", CommitteeNoticeKind.PatternFound, "r1");
        context.Setup(c => c.CallActivityAsync<Unsent>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns(Task.FromResult(new Unsent([onOther], [], null)));
        context.Setup(c => c.CallActivityAsync<bool>(It.Is<TaskName>(n => n.Name == nameof(NotifyMember)), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns(Task.FromException<bool>(new InvalidOperationException("mail down for hours")));
        context.Setup(c => c.CallActivityAsync<bool>(It.Is<TaskName>(n => n.Name == nameof(RecordStep)), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns(Task.FromResult(true));

        _ = Run();

        var recorded = Assert.IsType<StepRecord>(Assert.Single(Scheduled<bool>(nameof(RecordStep))));
        Assert.Equal(CaseStep.MailFailed, recorded.Entry.Step);
        Assert.Equal("r2", recorded.Reference);
    }

    [Fact]
    public void An_announcement_that_failed_after_every_retry_is_recorded_on_the_timeline_and_the_workflow_goes_on()
    {
        context.Setup(c => c.CallActivityAsync<Unsent>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns(Task.FromException<Unsent>(new InvalidOperationException("storage down for hours")));
        context.Setup(c => c.CallActivityAsync<bool>(It.Is<TaskName>(n => n.Name == nameof(RecordStep)), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns(Task.FromResult(true));

        var run = Run();

        var recorded = Assert.IsType<StepRecord>(Assert.Single(Scheduled<bool>(nameof(RecordStep))));
        Assert.Equal(CaseStep.MailFailed, recorded.Entry.Step);
        Assert.Equal("The new report to the committee and the receipt to the reporter", recorded.Entry.Note);
        Assert.False(run.IsCompleted);
    }

    [Fact]
    public void A_reminder_tells_the_committee_and_records_itself_in_one_activity()
    {
        var reminderAt = (ReceivedAt + Schedule.AcknowledgeRemindAfter[0]).UtcDateTime;
        context.SetupGet(c => c.CurrentUtcDateTime).Returns(reminderAt);
        context.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()))
            .Callback<DateTime, CancellationToken>((at, _) => timers.Add(at))
            .Returns<DateTime, CancellationToken>((at, _) => at == reminderAt ? Task.CompletedTask : Never<bool>());
        context.Setup(c => c.CallActivityAsync<Unsent>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>())).Returns(Never<Unsent>());

        _ = Run(announced: true);

        var reminder = Assert.IsType<Announcement>(Assert.Single(Scheduled<Unsent>(nameof(Announce))));
        Assert.Equal(CommitteeNoticeKind.AcknowledgeReminder, reminder.ToCommittee);
        Assert.Equal(CaseStep.AcknowledgeReminder, reminder.Step?.Step);
        Assert.False(reminder.Escalate);
        Assert.Null(reminder.ToReporter);
        Assert.Empty(Scheduled<bool>());
        Assert.Equal(2, timers.Count);
    }

    [Fact]
    public void Identifiers_a_member_changed_are_told_to_the_other_reports_in_one_announcement_and_nothing_else()
    {
        context.SetupSequence(c => c.WaitForExternalEvent<CaseEvent>(CaseEvent.Name, It.IsAny<CancellationToken>()))
            .Returns(Task.FromResult(new CaseEvent(CaseEventKind.IdentifiersChanged, "alex", ReceivedAt.AddMinutes(1))))
            .Returns(Never<CaseEvent>());
        context.Setup(c => c.CallActivityAsync<Unsent>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>())).Returns(Never<Unsent>());

        _ = Run(announced: true);

        var told = Assert.IsType<Announcement>(Assert.Single(Scheduled<Unsent>(nameof(Announce))));
        Assert.Equal(new Announcement("r1", TellPatterns: true, Promises: Schedule), told);
        Assert.Empty(Scheduled<bool>());
    }

    [Fact]
    public void An_overdue_promise_escalated_again_each_day_mails_the_committee_anew_each_time()
    {
        // Time passes as the timers fire, for a week in which no one acknowledges.
        var now = ReceivedAt.UtcDateTime;
        var until = (ReceivedAt + TimeSpan.FromDays(7)).UtcDateTime;
        context.SetupGet(c => c.CurrentUtcDateTime).Returns(() => now);
        context.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()))
            .Returns<DateTime, CancellationToken>((at, _) =>
            {
                if (at > until)
                {
                    return Never<bool>();
                }

                now = at;
                return Task.CompletedTask;
            });
        context.Setup(c => c.CallActivityAsync<Unsent>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>())).Returns(Task.FromResult(new Unsent([], [], null)));

        _ = Run(announced: true);

        // The sent-mail ledger knows a mail by its Message-ID, which names the notice's kind and occasion: an
        // escalation with the occasion of the one before would be taken as sent already, and the committee hear nothing.
        var escalations = Scheduled<Unsent>(nameof(Announce)).Cast<Announcement>().Where(a => a.ToCommittee == CommitteeNoticeKind.AcknowledgeOverdue).ToList();
        Assert.True(escalations.Count >= 3, $"{escalations.Count} escalations in a week");
        Assert.Equal(escalations.Count, escalations.Select(a => a.Occasion).Distinct(StringComparer.Ordinal).Count());
    }

    Task<CaseProgress> Run(bool announced = false) =>
        new ReportWorkflow().RunAsync(context.Object, new CaseProgress("r1", ReceivedAt, Urgent: false, "sealed", Schedule, Announced: announced));

    IEnumerable<object?> Scheduled<TResult>(string? activity = null) =>
        context.Invocations
            .Where(i => i.Method.Name == nameof(TaskOrchestrationContext.CallActivityAsync) && i.Method.IsGenericMethod && i.Method.GetGenericArguments()[0] == typeof(TResult))
            .Where(i => activity is null || ((TaskName)i.Arguments[0]).Name == activity)
            .Select(i => i.Arguments[1]);

    static Task<T> Never<T>() => new TaskCompletionSource<T>().Task;
}
