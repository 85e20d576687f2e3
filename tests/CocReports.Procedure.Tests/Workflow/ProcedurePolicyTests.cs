using System.Text.Json;
using CocReports.Procedure.Workflow;
using Microsoft.Extensions.Time.Testing;
using static CocReports.Procedure.Tests.Samples;

namespace CocReports.Procedure.Tests.Workflow;

/// <summary>
/// <see cref="WorkflowPolicy.Current"/> and <see cref="WorkflowPolicy.Next"/> over a case's whole life, with the
/// procedure's real durations: which promise the committee owes, and what the workflow does next on its own.
/// </summary>
public class ProcedurePolicyTests
{
    static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    static readonly TimeSpan Day = TimeSpan.FromDays(1);

    static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    static CaseProgress NewCase(FakeTimeProvider clock, bool urgent = false, WorkflowOptions? schedule = null) =>
        new("COC-AB12-CD34", clock.GetUtcNow(), urgent, SealedReceiptCode: null, schedule ?? new WorkflowOptions());

    static WorkflowPolicy Policy(CaseProgress progress) => new(progress.Schedule);

    /// <summary>The steps the orchestrator takes when the committee never acts: each step's time fed back as <see cref="CaseProgress.LastNudgeAt"/>.</summary>
    static IEnumerable<WorkflowStep> Walk(CaseProgress progress)
    {
        var policy = Policy(progress);
        while (policy.Next(progress) is { } step)
        {
            yield return step;
            progress = progress with { LastNudgeAt = step.At };
        }
    }

    // 1. Which promise is owed.
    [Fact]
    public void Before_acknowledgment_the_current_promise_is_to_acknowledge_within_48_hours_of_receipt()
    {
        var clock = Clock();
        var progress = NewCase(clock);
        clock.Advance(30 * Hour);

        var promise = Policy(progress).Current(progress);

        Assert.NotNull(promise);
        Assert.Equal(PromiseKind.Acknowledge, promise.Kind);
        Assert.Equal(progress.ReceivedAt, promise.Since);
        Assert.Equal(progress.ReceivedAt + (48 * Hour), promise.Due);
    }

    [Fact]
    public void After_acknowledgment_the_current_promise_is_the_follow_up_due_seven_days_after_receipt_not_after_acknowledgment()
    {
        var clock = Clock();
        var receivedAt = clock.GetUtcNow();
        var progress = NewCase(clock);
        clock.Advance(30 * Hour);
        progress = progress with { AcknowledgedAt = clock.GetUtcNow() };

        var promise = Policy(progress).Current(progress);

        Assert.NotNull(promise);
        Assert.Equal(PromiseKind.FollowUp, promise.Kind);
        Assert.Equal(receivedAt, promise.Since);
        Assert.Equal(receivedAt + (7 * Day), promise.Due);
    }

    [Fact]
    public void Acknowledged_report_is_reminded_of_the_follow_up_on_day_5_then_escalated_on_day_7_and_daily_after()
    {
        var clock = Clock();
        var receivedAt = clock.GetUtcNow();
        var progress = NewCase(clock) with { AcknowledgedAt = receivedAt + (3 * Hour) };

        var steps = Walk(progress).Take(4).ToList();

        var due = receivedAt + (7 * Day);
        Assert.Equal(
            [
                new WorkflowStep(receivedAt + (5 * Day), WorkflowStepKind.Remind, PromiseKind.FollowUp, 1, due),
                new WorkflowStep(receivedAt + (7 * Day), WorkflowStepKind.Escalate, PromiseKind.FollowUp, 1, due),
                new WorkflowStep(receivedAt + (8 * Day), WorkflowStepKind.Escalate, PromiseKind.FollowUp, 2, due),
                new WorkflowStep(receivedAt + (9 * Day), WorkflowStepKind.Escalate, PromiseKind.FollowUp, 3, due),
            ],
            steps);
    }

    [Fact]
    public void Urgent_acknowledged_report_is_escalated_about_the_follow_up_every_two_hours_once_overdue()
    {
        var clock = Clock();
        var receivedAt = clock.GetUtcNow();
        var progress = NewCase(clock, urgent: true) with { AcknowledgedAt = receivedAt + Hour };

        var steps = Walk(progress).Take(4).ToList();

        Assert.Equal(
            [
                (receivedAt + (5 * Day), WorkflowStepKind.Remind, 1),
                (receivedAt + (7 * Day), WorkflowStepKind.Escalate, 1),
                (receivedAt + (7 * Day) + (2 * Hour), WorkflowStepKind.Escalate, 2),
                (receivedAt + (7 * Day) + (4 * Hour), WorkflowStepKind.Escalate, 3),
            ],
            steps.Select(s => (s.At, s.Kind, s.Round)));
        Assert.All(steps, s => Assert.Equal(PromiseKind.FollowUp, s.Promise));
    }

    [Fact]
    public void After_the_follow_up_the_current_promise_is_a_status_update()
    {
        var clock = Clock();
        var receivedAt = clock.GetUtcNow();
        var followedUpAt = receivedAt + (4 * Day);
        var progress = NewCase(clock) with { AcknowledgedAt = receivedAt + Hour, FollowedUpAt = followedUpAt, LastUpdateAt = followedUpAt };

        var promise = Policy(progress).Current(progress);

        Assert.NotNull(promise);
        Assert.Equal(PromiseKind.StatusUpdate, promise.Kind);
        Assert.Equal(followedUpAt, promise.Since);
        Assert.Equal(PromiseKind.StatusUpdate, Policy(progress).Next(progress)!.Promise);
    }

    [Fact]
    public void A_follow_up_without_a_recorded_update_time_counts_the_status_update_from_the_follow_up()
    {
        var clock = Clock();
        var receivedAt = clock.GetUtcNow();
        var followedUpAt = receivedAt + (4 * Day);
        var progress = NewCase(clock) with { AcknowledgedAt = receivedAt + Hour, FollowedUpAt = followedUpAt };

        var promise = Policy(progress).Current(progress)!;

        Assert.Equal(PromiseKind.StatusUpdate, promise.Kind);
        Assert.Equal(followedUpAt, promise.Since);
        Assert.Equal(followedUpAt + (8 * Day), promise.Due);
    }

    // 2. Status updates.
    [Fact]
    public void Status_update_with_a_named_date_is_reminded_exactly_on_that_date_then_escalated_a_day_later_and_daily_after()
    {
        var clock = Clock();
        var receivedAt = clock.GetUtcNow();
        var updatedAt = receivedAt + (6 * Day);
        var namedDate = updatedAt + (10 * Day) + (3 * Hour);
        var progress = NewCase(clock) with { AcknowledgedAt = receivedAt + Hour, FollowedUpAt = updatedAt, LastUpdateAt = updatedAt, NextUpdateBy = namedDate };

        var steps = Walk(progress).Take(4).ToList();

        var due = namedDate + Day;
        Assert.Equal(due, Policy(progress).Current(progress)!.Due);
        Assert.Equal(
            [
                new WorkflowStep(namedDate, WorkflowStepKind.Remind, PromiseKind.StatusUpdate, 1, due),
                new WorkflowStep(namedDate + Day, WorkflowStepKind.Escalate, PromiseKind.StatusUpdate, 1, due),
                new WorkflowStep(namedDate + (2 * Day), WorkflowStepKind.Escalate, PromiseKind.StatusUpdate, 2, due),
                new WorkflowStep(namedDate + (3 * Day), WorkflowStepKind.Escalate, PromiseKind.StatusUpdate, 3, due),
            ],
            steps);
    }

    [Fact]
    public void Status_update_without_a_named_date_is_reminded_a_week_after_the_last_update_and_escalated_a_day_after_that()
    {
        var clock = Clock();
        var receivedAt = clock.GetUtcNow();
        var updatedAt = receivedAt + (6 * Day) + (5 * Hour);
        var progress = NewCase(clock) with { AcknowledgedAt = receivedAt + Hour, FollowedUpAt = updatedAt, LastUpdateAt = updatedAt };

        var steps = Walk(progress).Take(3).ToList();

        var due = updatedAt + (8 * Day);
        Assert.Equal(
            [
                new WorkflowStep(updatedAt + (7 * Day), WorkflowStepKind.Remind, PromiseKind.StatusUpdate, 1, due),
                new WorkflowStep(updatedAt + (8 * Day), WorkflowStepKind.Escalate, PromiseKind.StatusUpdate, 1, due),
                new WorkflowStep(updatedAt + (9 * Day), WorkflowStepKind.Escalate, PromiseKind.StatusUpdate, 2, due),
            ],
            steps);
    }

    [Fact]
    public void Status_update_is_counted_from_the_last_update_not_from_the_follow_up()
    {
        var clock = Clock();
        var receivedAt = clock.GetUtcNow();
        var followedUpAt = receivedAt + (5 * Day);
        var lastUpdateAt = followedUpAt + (20 * Day);
        var progress = NewCase(clock) with { AcknowledgedAt = receivedAt + Hour, FollowedUpAt = followedUpAt, LastUpdateAt = lastUpdateAt };

        var next = Policy(progress).Next(progress)!;

        Assert.Equal(lastUpdateAt + (7 * Day), next.At);
        Assert.Equal(WorkflowStepKind.Remind, next.Kind);
    }

    [Fact]
    public void A_new_status_update_starts_a_new_cycle_with_a_later_due_date_and_its_own_reminder()
    {
        var clock = Clock();
        var receivedAt = clock.GetUtcNow();
        var firstUpdate = receivedAt + (6 * Day);
        var firstCycle = NewCase(clock) with { AcknowledgedAt = receivedAt + Hour, FollowedUpAt = firstUpdate, LastUpdateAt = firstUpdate };
        var policy = Policy(firstCycle);

        // The first cycle runs into escalation before the committee updates again.
        var escalation = Walk(firstCycle).First(s => s.Kind == WorkflowStepKind.Escalate);
        clock.AdjustTime(escalation.At + (3 * Hour));
        var secondUpdate = clock.GetUtcNow();
        var namedDate = secondUpdate + (14 * Day);
        var secondCycle = firstCycle with { LastUpdateAt = secondUpdate, NextUpdateBy = namedDate, LastNudgeAt = null };

        var first = policy.Next(firstCycle with { LastNudgeAt = escalation.At })!;
        var second = policy.Next(secondCycle)!;

        Assert.Equal(new WorkflowStep(escalation.At + Day, WorkflowStepKind.Escalate, PromiseKind.StatusUpdate, 2, firstUpdate + (8 * Day)), first);
        Assert.Equal(new WorkflowStep(namedDate, WorkflowStepKind.Remind, PromiseKind.StatusUpdate, 1, namedDate + Day), second);
        Assert.NotEqual(first.Due, second.Due);
    }

    [Fact]
    public void Consecutive_status_update_cycles_on_the_default_interval_have_different_due_dates()
    {
        var clock = Clock();
        var receivedAt = clock.GetUtcNow();
        var progress = NewCase(clock) with { AcknowledgedAt = receivedAt + Hour, FollowedUpAt = receivedAt + (6 * Day), LastUpdateAt = receivedAt + (6 * Day) };
        var policy = Policy(progress);

        // The committee updates on the day it is reminded, cycle after cycle.
        var dues = new List<DateTimeOffset?>();
        for (var cycle = 0; cycle < 10; cycle++)
        {
            var reminder = policy.Next(progress)!;
            Assert.Equal(WorkflowStepKind.Remind, reminder.Kind);
            Assert.Equal(progress.LastUpdateAt!.Value + (7 * Day), reminder.At);
            dues.Add(reminder.Due);
            progress = progress with { LastUpdateAt = reminder.At + Hour, LastNudgeAt = null };
        }

        Assert.Equal(dues.Count, dues.Distinct().Count());
        Assert.Equal(dues.Order(), dues);
    }

    [Fact]
    public void Changing_only_the_named_date_moves_the_next_step()
    {
        var clock = Clock();
        var receivedAt = clock.GetUtcNow();
        var updatedAt = receivedAt + (6 * Day);
        var progress = NewCase(clock) with { AcknowledgedAt = receivedAt + Hour, FollowedUpAt = updatedAt, LastUpdateAt = updatedAt, NextUpdateBy = updatedAt + (3 * Day) };
        var policy = Policy(progress);

        var sooner = policy.Next(progress)!;
        var later = policy.Next(progress with { NextUpdateBy = updatedAt + (30 * Day) })!;

        Assert.Equal(updatedAt + (3 * Day), sooner.At);
        Assert.Equal(updatedAt + (30 * Day), later.At);
        Assert.NotEqual(sooner.Due, later.Due);
    }

    // 3. Next walks forward, forever.
    [Fact]
    public void Unacknowledged_case_is_escalated_exactly_once_a_day_for_six_months_without_a_skip_or_repeat()
    {
        var clock = Clock();
        var receivedAt = clock.GetUtcNow();
        var progress = NewCase(clock);
        var end = receivedAt.AddMonths(6);

        var steps = new List<WorkflowStep>();
        foreach (var step in Walk(progress))
        {
            clock.AdjustTime(step.At);
            if (clock.GetUtcNow() > end)
            {
                break;
            }

            steps.Add(step);
        }

        Assert.Equal([receivedAt + (24 * Hour), receivedAt + (44 * Hour)], steps.TakeWhile(s => s.Kind == WorkflowStepKind.Remind).Select(s => s.At));
        var escalations = steps.SkipWhile(s => s.Kind == WorkflowStepKind.Remind).ToList();
        Assert.All(escalations, s => Assert.Equal(WorkflowStepKind.Escalate, s.Kind));
        Assert.All(steps, s => Assert.Equal(PromiseKind.Acknowledge, s.Promise));
        Assert.All(steps, s => Assert.Equal(receivedAt + (48 * Hour), s.Due));
        Assert.Equal(receivedAt + (48 * Hour), escalations[0].At);
        for (var i = 0; i < escalations.Count; i++)
        {
            Assert.Equal(i + 1, escalations[i].Round);
            Assert.Equal(escalations[0].At + (i * Day), escalations[i].At);
        }

        // From day 2 to 6 months after receipt, every day once.
        var expected = (int)((end - (receivedAt + (48 * Hour))) / Day) + 1;
        Assert.Equal(expected, escalations.Count);
        Assert.True(escalations.Count > 175);
    }

    [Fact]
    public void Each_step_fed_back_as_the_last_nudge_gives_a_strictly_later_step_in_every_phase()
    {
        var clock = Clock();
        var receivedAt = clock.GetUtcNow();
        var phases = new[]
        {
            NewCase(clock),
            NewCase(clock, urgent: true),
            NewCase(clock) with { AcknowledgedAt = receivedAt + Hour },
            NewCase(clock, urgent: true) with { AcknowledgedAt = receivedAt + Hour },
            NewCase(clock) with { AcknowledgedAt = receivedAt + Hour, FollowedUpAt = receivedAt + (6 * Day), LastUpdateAt = receivedAt + (6 * Day) },
            NewCase(clock) with { AcknowledgedAt = receivedAt + Hour, FollowedUpAt = receivedAt + (6 * Day), LastUpdateAt = receivedAt + (6 * Day), NextUpdateBy = receivedAt + (40 * Day) },
        };

        foreach (var phase in phases)
        {
            var steps = Walk(phase).Take(200).ToList();

            Assert.Equal(200, steps.Count);
            var every = phase.Urgent ? 2 * Hour : Day;
            for (var i = 1; i < steps.Count; i++)
            {
                Assert.True(steps[i].At > steps[i - 1].At, $"step {i} at {steps[i].At:O} is not after {steps[i - 1].At:O}");
                if (steps[i - 1].Kind == WorkflowStepKind.Escalate)
                {
                    Assert.Equal(WorkflowStepKind.Escalate, steps[i].Kind);
                    Assert.Equal(every, steps[i].At - steps[i - 1].At);
                    Assert.Equal(steps[i - 1].Round + 1, steps[i].Round);
                }
            }
        }
    }

    [Fact]
    public void Open_case_always_has_a_next_step_whatever_the_last_nudge()
    {
        var clock = Clock();
        var receivedAt = clock.GetUtcNow();
        var progress = NewCase(clock) with { AcknowledgedAt = receivedAt + Hour, FollowedUpAt = receivedAt + (6 * Day), LastUpdateAt = receivedAt + (6 * Day) };
        var policy = Policy(progress);
        clock.AdjustTime(receivedAt + (6 * Day));

        // A late or replayed orchestrator asks at every hour over half a year from the follow-up.
        for (var i = 0; i < 24 * 183; i++)
        {
            var lastNudge = clock.GetUtcNow();
            var next = policy.Next(progress with { LastNudgeAt = lastNudge });

            Assert.NotNull(next);
            Assert.True(next.At > lastNudge);
            Assert.True(next.At - lastNudge <= 7 * Day);
            clock.Advance(Hour);
        }
    }

    // 4. Resolution and retention.
    [Fact]
    public void Resolved_case_owes_no_promise()
    {
        var clock = Clock();
        var receivedAt = clock.GetUtcNow();
        var progress = NewCase(clock) with { AcknowledgedAt = receivedAt + Hour, FollowedUpAt = receivedAt + (2 * Day), LastUpdateAt = receivedAt + (2 * Day), NextUpdateBy = receivedAt + (9 * Day), ResolvedAt = receivedAt + (5 * Day) };

        Assert.Null(Policy(progress).Current(progress));
    }

    [Fact]
    public void Resolved_case_warns_two_weeks_before_the_purge_then_purges_a_year_after_resolution()
    {
        var clock = Clock();
        var receivedAt = clock.GetUtcNow();
        var resolvedAt = receivedAt + (40 * Day) + (7 * Hour);
        var progress = NewCase(clock) with { AcknowledgedAt = receivedAt + Hour, FollowedUpAt = receivedAt + (3 * Day), LastUpdateAt = receivedAt + (30 * Day), ResolvedAt = resolvedAt };
        var policy = Policy(progress);

        var warning = policy.Next(progress);
        var purge = policy.Next(progress with { RetentionWarned = true });

        Assert.Equal(new WorkflowStep(resolvedAt + (365 * Day) - (14 * Day), WorkflowStepKind.WarnBeforePurge), warning);
        Assert.Equal(new WorkflowStep(resolvedAt + (365 * Day), WorkflowStepKind.PurgeEvidence), purge);
    }

    [Fact]
    public void Retention_steps_ignore_the_last_nudge_of_the_open_case()
    {
        var clock = Clock();
        var receivedAt = clock.GetUtcNow();
        var resolvedAt = receivedAt + (10 * Day);
        var progress = NewCase(clock) with { AcknowledgedAt = receivedAt + Hour, ResolvedAt = resolvedAt, LastNudgeAt = receivedAt + (7 * Day) };

        Assert.Equal(resolvedAt + (351 * Day), Policy(progress).Next(progress)!.At);
    }

    [Fact]
    public void Report_resolved_before_acknowledgment_still_gets_the_retention_steps()
    {
        var clock = Clock();
        var receivedAt = clock.GetUtcNow();
        var resolvedAt = receivedAt + (5 * Hour);
        var progress = NewCase(clock) with { ResolvedAt = resolvedAt };
        var policy = Policy(progress);

        Assert.Null(policy.Current(progress));
        Assert.Equal(new WorkflowStep(resolvedAt + (351 * Day), WorkflowStepKind.WarnBeforePurge), policy.Next(progress));
        Assert.Equal(new WorkflowStep(resolvedAt + (365 * Day), WorkflowStepKind.PurgeEvidence), policy.Next(progress with { RetentionWarned = true }));
    }

    [Fact]
    public void Urgent_resolved_case_follows_the_same_retention_schedule()
    {
        var clock = Clock();
        var resolvedAt = clock.GetUtcNow() + (3 * Day);
        var progress = NewCase(clock, urgent: true) with { AcknowledgedAt = clock.GetUtcNow() + Hour, ResolvedAt = resolvedAt };

        Assert.Equal(new WorkflowStep(resolvedAt + (351 * Day), WorkflowStepKind.WarnBeforePurge), Policy(progress).Next(progress));
    }

    // 5. Reminders at or after a deadline.
    [Fact]
    public void Follow_up_reminder_after_the_follow_up_deadline_is_dropped_and_the_overdue_notice_comes_first()
    {
        var clock = Clock();
        var receivedAt = clock.GetUtcNow();
        var schedule = new WorkflowOptions
        {
            FollowUpWithin = TimeSpan.FromSeconds(10),
            FollowUpRemindAfter = [TimeSpan.FromSeconds(12)],
            OverdueRepeatEvery = TimeSpan.FromSeconds(5),
        };
        var progress = NewCase(clock, schedule: schedule) with { AcknowledgedAt = receivedAt.AddSeconds(1) };

        var steps = Walk(progress).Take(3).ToList();

        var due = receivedAt.AddSeconds(10);
        Assert.Equal(
            [
                new WorkflowStep(due, WorkflowStepKind.Escalate, PromiseKind.FollowUp, 1, due),
                new WorkflowStep(receivedAt.AddSeconds(15), WorkflowStepKind.Escalate, PromiseKind.FollowUp, 2, due),
                new WorkflowStep(receivedAt.AddSeconds(20), WorkflowStepKind.Escalate, PromiseKind.FollowUp, 3, due),
            ],
            steps);
    }

    [Fact]
    public void Follow_up_reminder_exactly_at_the_deadline_is_dropped_but_earlier_ones_are_kept()
    {
        var clock = Clock();
        var receivedAt = clock.GetUtcNow();
        var schedule = new WorkflowOptions
        {
            FollowUpWithin = TimeSpan.FromSeconds(10),
            FollowUpRemindAfter = [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(4)],
        };
        var progress = NewCase(clock, schedule: schedule) with { AcknowledgedAt = receivedAt.AddSeconds(1) };

        var steps = Walk(progress).Take(2).ToList();

        Assert.Equal(
            [
                (receivedAt.AddSeconds(4), WorkflowStepKind.Remind, 1),
                (receivedAt.AddSeconds(10), WorkflowStepKind.Escalate, 1),
            ],
            steps.Select(s => (s.At, s.Kind, s.Round)));
    }

    [Fact]
    public void Status_update_without_grace_is_escalated_on_the_named_date_with_no_reminder()
    {
        var clock = Clock();
        var receivedAt = clock.GetUtcNow();
        var updatedAt = receivedAt + (6 * Day);
        var namedDate = updatedAt + (4 * Day);
        var schedule = new WorkflowOptions { StatusUpdateGrace = TimeSpan.Zero };
        var progress = NewCase(clock, schedule: schedule) with { AcknowledgedAt = receivedAt + Hour, FollowedUpAt = updatedAt, LastUpdateAt = updatedAt, NextUpdateBy = namedDate };

        var next = Policy(progress).Next(progress);

        Assert.Equal(new WorkflowStep(namedDate, WorkflowStepKind.Escalate, PromiseKind.StatusUpdate, 1, namedDate), next);
    }

    // Acknowledged late: the follow-up's past nudges must not be replayed in a burst.
    [Fact]
    public void Acknowledging_after_the_follow_up_deadline_does_not_replay_the_follow_up_reminder_and_past_escalations()
    {
        var clock = Clock();
        var receivedAt = clock.GetUtcNow();
        var progress = NewCase(clock);

        // Nobody acknowledges for nine days; the acknowledgment escalations go out daily meanwhile.
        var acknowledgedAt = receivedAt + (9 * Day) + (3 * Hour);
        var lastAcknowledgeNudge = Walk(progress).TakeWhile(s => s.At <= acknowledgedAt).Last();
        Assert.Equal(receivedAt + (9 * Day), lastAcknowledgeNudge.At);
        clock.AdjustTime(acknowledgedAt);

        // As the orchestrator records an acknowledgment (see ReportWorkflow.Apply).
        progress = progress with { AcknowledgedAt = acknowledgedAt, LastNudgeAt = null };

        // The steps whose time has already come would all fire at once.
        var immediate = Walk(progress).TakeWhile(s => s.At <= clock.GetUtcNow()).ToList();
        var next = Walk(progress).First();

        Assert.DoesNotContain(immediate, s => s.Kind == WorkflowStepKind.Remind);
        Assert.True(immediate.Count <= 1, $"{immediate.Count} nudges due at once: {string.Join(", ", immediate.Select(s => $"{s.Kind} {s.At:O}"))}");
        Assert.Equal(WorkflowStepKind.Escalate, next.Kind);
        Assert.Equal(PromiseKind.FollowUp, next.Promise);
    }

    // 6. The schedule travels in the orchestration's input.
    public static TheoryData<string> JsonDefaults => ["General", "Web"];

    static JsonSerializerOptions? Json(string defaults) => defaults == "Web" ? WebJson : null;

    static WorkflowOptions UnusualSchedule() => new()
    {
        AcknowledgeWithin = TimeSpan.FromHours(36),
        AcknowledgeRemindAfter = [TimeSpan.FromHours(6), TimeSpan.FromHours(30), TimeSpan.FromMinutes(35 * 60) + TimeSpan.FromSeconds(15)],
        OverdueRepeatEvery = TimeSpan.FromHours(12),
        UrgentRepeatEvery = TimeSpan.FromMinutes(45),
        FollowUpWithin = TimeSpan.FromDays(10),
        FollowUpRemindAfter = [],
        StatusUpdateEvery = TimeSpan.FromDays(14),
        StatusUpdateGrace = TimeSpan.FromHours(30),
        RetentionPeriod = TimeSpan.FromDays(730),
        RetentionWarningBefore = TimeSpan.FromDays(30),
        WaitsPerGeneration = 7,
        MailAttempts = 3,
        MailFirstRetry = TimeSpan.FromMilliseconds(1500),
    };

    static void AssertSameSchedule(WorkflowOptions expected, WorkflowOptions actual)
    {
        foreach (var property in typeof(WorkflowOptions).GetProperties())
        {
            var want = property.GetValue(expected);
            var got = property.GetValue(actual);
            if (want is IEnumerable<TimeSpan> wantList)
            {
                Assert.Equal(wantList, Assert.IsAssignableFrom<IEnumerable<TimeSpan>>(got));
            }
            else
            {
                Assert.Equal(want, got);
            }
        }
    }

    [Theory]
    [MemberData(nameof(JsonDefaults))]
    public void Case_progress_round_trips_through_json_with_its_schedule_and_dates(string defaults)
    {
        var receivedAt = new DateTimeOffset(2025, 3, 14, 11, 0, 0, TimeSpan.FromHours(2));
        var progress = new CaseProgress(
            "COC-AB12-CD34",
            receivedAt,
            Urgent: true,
            SealedReceiptCode: "sealed:abc",
            UnusualSchedule(),
            Announced: true,
            AcknowledgedAt: receivedAt.AddHours(5).ToOffset(TimeSpan.FromHours(-5)),
            LastNudgeAt: receivedAt.AddDays(3).AddTicks(1),
            FollowedUpAt: receivedAt.AddDays(2),
            LastUpdateAt: receivedAt.AddDays(9),
            NextUpdateBy: receivedAt.AddDays(20),
            ResolvedAt: null,
            RetentionWarned: false);

        var json = JsonSerializer.Serialize(progress, Json(defaults));
        var copy = JsonSerializer.Deserialize<CaseProgress>(json, Json(defaults))!;

        AssertSameSchedule(progress.Schedule, copy.Schedule);
        Assert.Equal(progress with { Schedule = copy.Schedule }, copy);
        Assert.Equal(progress.ReceivedAt.Offset, copy.ReceivedAt.Offset);
        Assert.Equal(progress.AcknowledgedAt!.Value.Offset, copy.AcknowledgedAt!.Value.Offset);
        Assert.Equal(progress.LastNudgeAt!.Value.UtcTicks, copy.LastNudgeAt!.Value.UtcTicks);
    }

    [Theory]
    [MemberData(nameof(JsonDefaults))]
    public void Default_schedule_round_trips_through_json_without_doubling_its_reminder_lists(string defaults)
    {
        var progress = NewCase(Clock());

        var copy = JsonSerializer.Deserialize<CaseProgress>(JsonSerializer.Serialize(progress, Json(defaults)), Json(defaults))!;

        Assert.Equal([TimeSpan.FromHours(24), TimeSpan.FromHours(44)], copy.Schedule.AcknowledgeRemindAfter);
        Assert.Equal([TimeSpan.FromDays(5)], copy.Schedule.FollowUpRemindAfter);
        AssertSameSchedule(progress.Schedule, copy.Schedule);
    }

    [Theory]
    [MemberData(nameof(JsonDefaults))]
    public void Policy_from_the_deserialized_schedule_gives_the_same_next_steps_in_every_phase(string defaults)
    {
        var receivedAt = Clock().GetUtcNow();
        var open = new CaseProgress("COC-AB12-CD34", receivedAt, Urgent: false, SealedReceiptCode: null, UnusualSchedule(), Announced: true);
        var phases = new[]
        {
            open,
            open with { Urgent = true },
            open with { AcknowledgedAt = receivedAt + Hour },
            open with { AcknowledgedAt = receivedAt + Hour, FollowedUpAt = receivedAt + (3 * Day), LastUpdateAt = receivedAt + (3 * Day) },
            open with { AcknowledgedAt = receivedAt + Hour, FollowedUpAt = receivedAt + (3 * Day), LastUpdateAt = receivedAt + (3 * Day), NextUpdateBy = receivedAt + (8 * Day) },
            open with { AcknowledgedAt = receivedAt + Hour, ResolvedAt = receivedAt + (20 * Day) },
            open with { AcknowledgedAt = receivedAt + Hour, ResolvedAt = receivedAt + (20 * Day), RetentionWarned = true },
        };

        foreach (var phase in phases)
        {
            var copy = JsonSerializer.Deserialize<CaseProgress>(JsonSerializer.Serialize(phase, Json(defaults)), Json(defaults))!;

            var expected = Walk(phase).Take(8).ToList();
            var actual = Walk(copy).Take(8).ToList();

            Assert.Equal(expected, actual);

            // And it really is the captured schedule, not the defaults.
            Assert.NotEqual(Walk(phase with { Schedule = new WorkflowOptions() }).Take(8), actual);
        }
    }
}
