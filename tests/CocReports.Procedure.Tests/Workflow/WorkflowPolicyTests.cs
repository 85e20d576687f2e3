using CocReports.Procedure.Workflow;
using Microsoft.Extensions.Time.Testing;
using static CocReports.Procedure.Tests.Samples;

namespace CocReports.Procedure.Tests.Workflow;

public class WorkflowPolicyTests
{
    static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    /// <summary>The nudges the orchestrator would send, each asked for after the previous one, as the workflow does.</summary>
    static IEnumerable<Nudge> Nudges(WorkflowPolicy policy, Promise promise, bool urgent)
    {
        var after = promise.Since;
        while (true)
        {
            var nudge = policy.NextNudge(promise, urgent, after);
            yield return nudge;
            after = nudge.At;
        }
    }

    [Fact]
    public void Acknowledgment_is_due_48_hours_after_receipt()
    {
        var receivedAt = Clock().GetUtcNow();

        var promise = new WorkflowPolicy(new WorkflowOptions()).Acknowledge(receivedAt);

        Assert.Equal(PromiseKind.Acknowledge, promise.Kind);
        Assert.Equal(receivedAt, promise.Since);
        Assert.Equal(receivedAt + (48 * Hour), promise.Due);
    }

    [Fact]
    public void Unacknowledged_report_is_reminded_at_24_and_44_hours_then_escalated_at_48_and_daily_after()
    {
        var receivedAt = Clock().GetUtcNow();
        var policy = new WorkflowPolicy(new WorkflowOptions());

        var nudges = Nudges(policy, policy.Acknowledge(receivedAt), urgent: false).Take(6).ToList();

        Assert.Equal(
            [
                new Nudge(receivedAt + (24 * Hour), NudgeKind.Reminder, 1),
                new Nudge(receivedAt + (44 * Hour), NudgeKind.Reminder, 2),
                new Nudge(receivedAt + (48 * Hour), NudgeKind.Overdue, 1),
                new Nudge(receivedAt + (72 * Hour), NudgeKind.Overdue, 2),
                new Nudge(receivedAt + (96 * Hour), NudgeKind.Overdue, 3),
                new Nudge(receivedAt + (120 * Hour), NudgeKind.Overdue, 4),
            ],
            nudges);
    }

    [Fact]
    public void An_urgent_report_is_owed_its_acknowledgment_within_two_hours_reminded_after_one_and_escalated_every_two_after()
    {
        var receivedAt = Clock().GetUtcNow();
        var policy = new WorkflowPolicy(new WorkflowOptions { UrgentAcknowledgeWithin = WorkflowOptions.UrgentAcknowledgeWithinDefault });

        var promise = policy.Current(new CaseProgress("COC-URGE-NT00", receivedAt, Urgent: true, null, new WorkflowOptions()))!;
        var nudges = Nudges(policy, promise, urgent: true).Take(3).ToList();

        Assert.Equal(receivedAt + (2 * Hour), promise.Due);
        Assert.Equal(
            [
                new Nudge(receivedAt + Hour, NudgeKind.Reminder, 1),
                new Nudge(receivedAt + (2 * Hour), NudgeKind.Overdue, 1),
                new Nudge(receivedAt + (4 * Hour), NudgeKind.Overdue, 2),
            ],
            nudges);
        Assert.Equal(receivedAt + (48 * Hour), policy.Acknowledge(receivedAt, urgent: false).Due);
    }

    [Fact]
    public void The_urgent_promise_is_never_longer_than_the_others()
    {
        var options = new WorkflowOptions { AcknowledgeWithin = TimeSpan.FromSeconds(6), UrgentAcknowledgeWithin = 2 * Hour };

        Assert.Equal(TimeSpan.FromSeconds(6), options.AcknowledgeWithinFor(urgent: true));
    }

    /// <summary>A report stored before the urgent promise existed has no <see cref="WorkflowOptions.UrgentAcknowledgeWithin"/> in its schedule.</summary>
    [Fact]
    public void Urgent_report_is_reminded_like_any_other_then_escalated_every_two_hours()
    {
        var receivedAt = Clock().GetUtcNow();
        var policy = new WorkflowPolicy(new WorkflowOptions());

        var nudges = Nudges(policy, policy.Acknowledge(receivedAt), urgent: true).Take(5).ToList();

        Assert.Equal(
            [
                new Nudge(receivedAt + (24 * Hour), NudgeKind.Reminder, 1),
                new Nudge(receivedAt + (44 * Hour), NudgeKind.Reminder, 2),
                new Nudge(receivedAt + (48 * Hour), NudgeKind.Overdue, 1),
                new Nudge(receivedAt + (50 * Hour), NudgeKind.Overdue, 2),
                new Nudge(receivedAt + (52 * Hour), NudgeKind.Overdue, 3),
            ],
            nudges);
    }

    [Fact]
    public void Reminders_at_or_after_the_deadline_are_dropped()
    {
        var receivedAt = Clock().GetUtcNow();
        var options = new WorkflowOptions
        {
            AcknowledgeWithin = TimeSpan.FromSeconds(6),
            AcknowledgeRemindAfter = [TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(10)],
            OverdueRepeatEvery = TimeSpan.FromSeconds(5),
        };
        var policy = new WorkflowPolicy(options);

        var nudges = Nudges(policy, policy.Acknowledge(receivedAt), urgent: false).Take(3).ToList();

        Assert.Equal(
            [
                new Nudge(receivedAt.AddSeconds(3), NudgeKind.Reminder, 1),
                new Nudge(receivedAt.AddSeconds(6), NudgeKind.Overdue, 1),
                new Nudge(receivedAt.AddSeconds(11), NudgeKind.Overdue, 2),
            ],
            nudges);
    }

    [Fact]
    public void Reminders_configured_out_of_order_are_sent_in_time_order()
    {
        var receivedAt = Clock().GetUtcNow();
        var policy = new WorkflowPolicy(new WorkflowOptions { AcknowledgeRemindAfter = [44 * Hour, 24 * Hour] });

        var nudges = Nudges(policy, policy.Acknowledge(receivedAt), urgent: false).Take(3).ToList();

        Assert.Equal(
            [
                new Nudge(receivedAt + (24 * Hour), NudgeKind.Reminder, 1),
                new Nudge(receivedAt + (44 * Hour), NudgeKind.Reminder, 2),
                new Nudge(receivedAt + (48 * Hour), NudgeKind.Overdue, 1),
            ],
            nudges);
    }

    [Fact]
    public void Without_reminders_the_first_nudge_is_the_overdue_notice_at_the_deadline()
    {
        var receivedAt = Clock().GetUtcNow();
        var policy = new WorkflowPolicy(new WorkflowOptions { AcknowledgeRemindAfter = [] });

        var nudge = policy.NextNudge(policy.Acknowledge(receivedAt), urgent: false, receivedAt);

        Assert.Equal(new Nudge(receivedAt + (48 * Hour), NudgeKind.Overdue, 1), nudge);
    }

    [Fact]
    public void Next_nudge_is_strictly_after_the_time_asked_about()
    {
        var clock = Clock();
        var policy = new WorkflowPolicy(new WorkflowOptions());
        var promise = policy.Acknowledge(clock.GetUtcNow());

        // Ask at every half hour over five days, as a late or replayed orchestrator might.
        for (var i = 0; i < 240; i++)
        {
            var now = clock.GetUtcNow();
            var nudge = policy.NextNudge(promise, urgent: i % 2 == 0, now);

            Assert.True(nudge.At > now, $"asked at {now:O}, got {nudge.At:O}");
            Assert.True(nudge.At - now <= 24 * Hour, $"asked at {now:O}, got {nudge.At:O}: a gap longer than a day");
            clock.Advance(TimeSpan.FromMinutes(30));
        }
    }

    [Fact]
    public void Asking_between_nudges_gives_the_next_scheduled_one()
    {
        var receivedAt = Clock().GetUtcNow();
        var policy = new WorkflowPolicy(new WorkflowOptions());
        var promise = policy.Acknowledge(receivedAt);

        Assert.Equal(new Nudge(receivedAt + (24 * Hour), NudgeKind.Reminder, 1), policy.NextNudge(promise, false, receivedAt + (23 * Hour)));
        Assert.Equal(new Nudge(receivedAt + (44 * Hour), NudgeKind.Reminder, 2), policy.NextNudge(promise, false, receivedAt + (24 * Hour)));
        Assert.Equal(new Nudge(receivedAt + (48 * Hour), NudgeKind.Overdue, 1), policy.NextNudge(promise, false, receivedAt + (47 * Hour)));
        Assert.Equal(new Nudge(receivedAt + (72 * Hour), NudgeKind.Overdue, 2), policy.NextNudge(promise, false, receivedAt + (48 * Hour)));
        Assert.Equal(new Nudge(receivedAt + (72 * Hour), NudgeKind.Overdue, 2), policy.NextNudge(promise, false, receivedAt + (71 * Hour)));
        Assert.Equal(new Nudge(receivedAt + (50 * Hour), NudgeKind.Overdue, 2), policy.NextNudge(promise, true, receivedAt + (49 * Hour)));
    }

    [Fact]
    public void Overdue_nudges_keep_coming_daily_for_months_without_a_gap()
    {
        var clock = Clock();
        var receivedAt = clock.GetUtcNow();
        var policy = new WorkflowPolicy(new WorkflowOptions());
        var promise = policy.Acknowledge(receivedAt);
        var overdue = Nudges(policy, promise, urgent: false).SkipWhile(n => n.Kind == NudgeKind.Reminder);

        var previous = (Nudge?)null;
        foreach (var nudge in overdue)
        {
            clock.AdjustTime(nudge.At);
            if (clock.GetUtcNow() > receivedAt.AddDays(90))
            {
                break;
            }

            Assert.Equal(NudgeKind.Overdue, nudge.Kind);
            Assert.Equal(promise.Due + TimeSpan.FromDays(nudge.Round - 1), nudge.At);
            if (previous is not null)
            {
                Assert.Equal(previous.At.AddDays(1), nudge.At);
                Assert.Equal(previous.Round + 1, nudge.Round);
            }

            previous = nudge;
        }

        // Deadline on day 2, then one a day up to day 90.
        Assert.Equal(89, previous!.Round);
    }

    [Fact]
    public void An_interim_measure_is_reminded_halfway_escalated_at_24_hours_and_every_two_hours_after_beside_the_reporters_promise()
    {
        var receivedAt = Clock().GetUtcNow();
        var policy = new WorkflowPolicy(new WorkflowOptions());
        var recordedAt = receivedAt + Hour;
        var acknowledged = new CaseProgress("COC-MEAS-URE0", receivedAt, Urgent: false, null, new WorkflowOptions()) with
        {
            AcknowledgedAt = receivedAt,
            Measure = new PendingMeasure("m1", recordedAt),
        };
        PendingMeasure NudgedAt(TimeSpan after) => acknowledged.Measure! with { LastNudgeAt = recordedAt + after };

        Assert.Equal(new WorkflowStep(recordedAt + (12 * Hour), WorkflowStepKind.Remind, PromiseKind.ReviewMeasure, 1, recordedAt + (24 * Hour)), policy.Next(acknowledged));
        Assert.Equal(
            new WorkflowStep(recordedAt + (24 * Hour), WorkflowStepKind.Escalate, PromiseKind.ReviewMeasure, 1, recordedAt + (24 * Hour)),
            policy.Next(acknowledged with { Measure = NudgedAt(12 * Hour) }));
        Assert.Equal(recordedAt + (26 * Hour), policy.Next(acknowledged with { Measure = NudgedAt(24 * Hour) })!.At);

        // The reporter's own promise keeps its time: the acknowledgment's reminder at 24 hours comes before the measure's escalation.
        var unacknowledged = acknowledged with { AcknowledgedAt = null, Measure = NudgedAt(12 * Hour) };
        Assert.Equal(new WorkflowStep(receivedAt + (24 * Hour), WorkflowStepKind.Remind, PromiseKind.Acknowledge, 1, receivedAt + (48 * Hour)), policy.Next(unacknowledged));
    }

    [Fact]
    public void A_reviewed_measure_leaves_only_the_reporters_promise()
    {
        var receivedAt = Clock().GetUtcNow();
        var policy = new WorkflowPolicy(new WorkflowOptions());
        var progress = new CaseProgress("COC-MEAS-URE1", receivedAt, Urgent: false, null, new WorkflowOptions());

        Assert.Equal(new WorkflowStep(receivedAt + (24 * Hour), WorkflowStepKind.Remind, PromiseKind.Acknowledge, 1, receivedAt + (48 * Hour)), policy.Next(progress));
    }

    [Fact]
    public void A_report_a_member_marks_urgent_is_owed_its_acknowledgment_within_two_hours_of_the_marking_and_never_later_than_before()
    {
        var receivedAt = Clock().GetUtcNow();
        var policy = new WorkflowPolicy(new WorkflowOptions { UrgentAcknowledgeWithin = WorkflowOptions.UrgentAcknowledgeWithinDefault });
        var ordinary = new CaseProgress("COC-MARK-ED00", receivedAt, Urgent: false, null, new WorkflowOptions());

        var marked = ordinary with { Urgent = true, UrgentSince = receivedAt + (10 * Hour), LastNudgeAt = receivedAt + (10 * Hour) };
        var late = ordinary with { Urgent = true, UrgentSince = receivedAt + (47 * Hour), LastNudgeAt = receivedAt + (47 * Hour) };

        Assert.Equal(receivedAt + (12 * Hour), policy.Current(marked)!.Due);
        Assert.Equal(new WorkflowStep(receivedAt + (11 * Hour), WorkflowStepKind.Remind, PromiseKind.Acknowledge, 1, receivedAt + (12 * Hour)), policy.Next(marked));
        Assert.Equal(receivedAt + (48 * Hour), policy.Current(late)!.Due);
    }

    [Fact]
    public void A_temporary_ban_is_reminded_a_week_before_it_ends_told_when_it_ends_and_its_evidence_kept_a_retention_period_after_the_end()
    {
        var resolvedAt = Clock().GetUtcNow();
        var day = TimeSpan.FromDays(1);
        var policy = new WorkflowPolicy(new WorkflowOptions());
        var ends = resolvedAt + (400 * day);
        var resolved = new CaseProgress("COC-RESP-0000", resolvedAt - (10 * day), Urgent: false, null, new WorkflowOptions()) with
        {
            AcknowledgedAt = resolvedAt - (9 * day),
            ResolvedAt = resolvedAt,
            ResponseEndsAt = ends,
        };

        Assert.Equal(new WorkflowStep(ends - (7 * day), WorkflowStepKind.RemindResponseEnd), policy.Next(resolved));
        Assert.Equal(new WorkflowStep(ends, WorkflowStepKind.EndResponse), policy.Next(resolved with { ResponseReminded = true }));

        // Not purged a year after resolution while the ban runs: a year after it ended.
        var ended = resolved with { ResponseEndsAt = null, ResponseReminded = false, ResponseEndedAt = ends };
        Assert.Equal(new WorkflowStep(ends + (351 * day), WorkflowStepKind.WarnBeforePurge), policy.Next(ended));
    }

    [Fact]
    public void A_case_is_kept_as_long_as_its_outcome_needs()
    {
        var resolvedAt = Clock().GetUtcNow();
        var day = TimeSpan.FromDays(1);
        var schedule = new WorkflowOptions { RetentionByResponse = [new ResponseRetention { Response = "No violation", Keep = 90 * day }] };
        var policy = new WorkflowPolicy(schedule);
        var resolved = new CaseProgress("COC-KEEP-0000", resolvedAt - (10 * day), Urgent: false, null, schedule) with
        {
            AcknowledgedAt = resolvedAt - (9 * day),
            ResolvedAt = resolvedAt,
            RetentionWarned = true,
        };

        Assert.Equal(new WorkflowStep(resolvedAt + (90 * day), WorkflowStepKind.PurgeEvidence), policy.Next(resolved with { Response = "No violation" }));
        Assert.Equal(new WorkflowStep(resolvedAt + (365 * day), WorkflowStepKind.PurgeEvidence), policy.Next(resolved with { Response = "Warning" }));
        Assert.Equal(new WorkflowStep(resolvedAt + (365 * day), WorkflowStepKind.PurgeEvidence), policy.Next(resolved));
    }

    [Fact]
    public void A_legal_hold_keeps_the_case_is_reviewed_every_period_and_once_lifted_the_purge_is_warned_of_first()
    {
        var resolvedAt = Clock().GetUtcNow();
        var day = TimeSpan.FromDays(1);
        var policy = new WorkflowPolicy(new WorkflowOptions());
        var heldAt = resolvedAt + (300 * day);
        var held = new CaseProgress("COC-HOLD-0000", resolvedAt - (10 * day), Urgent: false, null, new WorkflowOptions()) with
        {
            AcknowledgedAt = resolvedAt - (9 * day),
            ResolvedAt = resolvedAt,
            RetentionWarned = true,
            LegalHoldSince = heldAt,
        };

        Assert.Equal(new WorkflowStep(heldAt + (90 * day), WorkflowStepKind.ReviewLegalHold), policy.Next(held));
        Assert.Equal(new WorkflowStep(heldAt + (180 * day), WorkflowStepKind.ReviewLegalHold), policy.Next(held with { LegalHoldReviewedAt = heldAt + (90 * day) }));

        // Lifted two years on, long past the year's retention: warned now, purged the warning's 14 days later.
        var liftedAt = resolvedAt + (730 * day);
        var lifted = held with { LegalHoldSince = null, LegalHoldLiftedAt = liftedAt, RetentionWarned = false };
        Assert.Equal(new WorkflowStep(liftedAt, WorkflowStepKind.WarnBeforePurge), policy.Next(lifted));
        Assert.Equal(new WorkflowStep(liftedAt + (14 * day), WorkflowStepKind.PurgeEvidence), policy.Next(lifted with { RetentionWarned = true }));
    }

    [Fact]
    public void A_case_kept_for_a_later_report_naming_the_same_person_is_kept_a_period_again_with_its_warning()
    {
        var resolvedAt = Clock().GetUtcNow();
        var day = TimeSpan.FromDays(1);
        var policy = new WorkflowPolicy(new WorkflowOptions());
        var keptAt = resolvedAt + (365 * day);
        var kept = new CaseProgress("COC-KEPT-0000", resolvedAt - (10 * day), Urgent: false, null, new WorkflowOptions()) with
        {
            AcknowledgedAt = resolvedAt - (9 * day),
            ResolvedAt = resolvedAt,
            KeptForLaterReportAt = keptAt,
        };

        Assert.Equal(new WorkflowStep(keptAt + (351 * day), WorkflowStepKind.WarnBeforePurge), policy.Next(kept));
        Assert.Equal(new WorkflowStep(keptAt + (365 * day), WorkflowStepKind.PurgeEvidence), policy.Next(kept with { RetentionWarned = true }));
    }

    [Fact]
    public void The_reported_persons_window_closes_on_its_day_unless_a_promise_comes_first()
    {
        var receivedAt = Clock().GetUtcNow();
        var policy = new WorkflowPolicy(new WorkflowOptions());
        var acknowledged = new CaseProgress("COC-SIDE-0000", receivedAt, Urgent: false, null, new WorkflowOptions()) with { AcknowledgedAt = receivedAt + Hour };

        Assert.Equal(new WorkflowStep(receivedAt + (2 * Hour), WorkflowStepKind.CloseStatementWindow), policy.Next(acknowledged with { StatementDueAt = receivedAt + (2 * Hour) }));
        Assert.Equal(WorkflowStepKind.Remind, policy.Next(acknowledged with { StatementDueAt = receivedAt + TimeSpan.FromDays(30) })!.Kind);
    }
}
