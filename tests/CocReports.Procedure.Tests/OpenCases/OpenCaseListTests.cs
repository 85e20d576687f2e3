using CocReports.Procedure.OpenCases;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Workflow;
using static CocReports.Procedure.Tests.Samples;

namespace CocReports.Procedure.Tests.OpenCases;

public class OpenCaseListTests
{
    static readonly WorkflowOptions Schedule = new();

    static OpenCaseList List() => new(ThreeMembers(), Schedule);

    static OpenCaseSummary Case(string reference, DateTimeOffset receivedAt, string[]? excluded = null, string[]? recused = null) =>
        new(reference, receivedAt, Urgent: false, Door.Form, excluded ?? [], recused ?? []);

    [Fact]
    public void A_member_sees_all_and_only_the_cases_they_are_neither_excluded_nor_recused_from()
    {
        OpenCaseSummary[] cases =
        [
            Case("COC-AAAA-0001", Start),
            Case("COC-AAAA-0002", Start, excluded: ["grace"]),
            Case("COC-AAAA-0003", Start, recused: ["grace"]),
            Case("COC-AAAA-0004", Start, excluded: ["ada"], recused: ["alan"]),
        ];

        Assert.Equal(["COC-AAAA-0001", "COC-AAAA-0004"], List().For("grace", cases, Start).Select(l => l.Reference));
        Assert.Equal(["COC-AAAA-0001", "COC-AAAA-0002", "COC-AAAA-0003"], List().For("ada", cases, Start).Select(l => l.Reference));
        Assert.Equal(["COC-AAAA-0001", "COC-AAAA-0002", "COC-AAAA-0003"], List().For("alan", cases, Start).Select(l => l.Reference));
        Assert.Empty(List().For("someone-else", cases, Start));
    }

    [Fact]
    public void Overdue_cases_come_first_then_the_others_by_due_date()
    {
        var now = Start + TimeSpan.FromDays(10);
        OpenCaseSummary[] cases =
        [
            Case("COC-NEW0-0001", now - TimeSpan.FromHours(1)),                                                 // acknowledge, due in 47 h
            Case("COC-LATE-0001", now - TimeSpan.FromHours(50)),                                                // acknowledge, 2 h overdue
            Case("COC-SOON-0001", now - TimeSpan.FromDays(6)) with { AcknowledgedAt = now - TimeSpan.FromDays(5) }, // follow-up, due in a day
            Case("COC-LATE-0002", now - TimeSpan.FromDays(9)) with { AcknowledgedAt = now - TimeSpan.FromDays(8) }, // follow-up, 2 days overdue
        ];

        var lines = List().For("ada", cases, now);

        Assert.Equal(["COC-LATE-0002", "COC-LATE-0001", "COC-SOON-0001", "COC-NEW0-0001"], lines.Select(l => l.Reference));
        Assert.Equal([true, true, false, false], lines.Select(l => l.Overdue));
    }

    [Fact]
    public void The_next_promise_is_acknowledgment_then_follow_up_then_the_status_update_on_the_date_promised()
    {
        var clock = Clock();
        var received = clock.GetUtcNow();
        var open = Case("COC-AAAA-0001", received);

        var line = List().For("ada", [open], clock.GetUtcNow()).Single();
        Assert.Equal((PromiseKind.Acknowledge, received + TimeSpan.FromHours(48), false), (line.Next, line.Due, line.Overdue));

        clock.Advance(TimeSpan.FromHours(49));
        Assert.True(List().For("ada", [open], clock.GetUtcNow()).Single().Overdue);

        open = open with { AcknowledgedAt = clock.GetUtcNow() };
        line = List().For("ada", [open], clock.GetUtcNow()).Single();
        Assert.Equal((PromiseKind.FollowUp, received + TimeSpan.FromDays(7), false), (line.Next, line.Due, line.Overdue));

        var followedUp = received + TimeSpan.FromDays(6);
        var promised = received + TimeSpan.FromDays(20);
        open = open with { LastUpdateAt = followedUp, NextUpdateBy = promised };
        line = List().For("ada", [open], followedUp).Single();
        Assert.Equal((PromiseKind.StatusUpdate, promised, false), (line.Next, line.Due, line.Overdue));

        // The grace the workflow allows before escalating does not move the date the reporter was given.
        Assert.True(List().For("ada", [open], promised + TimeSpan.FromMinutes(1)).Single().Overdue);

        open = open with { NextUpdateBy = null };
        Assert.Equal(followedUp + Schedule.StatusUpdateEvery, List().For("ada", [open], followedUp).Single().Due);
    }

    [Fact]
    public void A_case_is_due_by_the_schedule_it_arrived_under_not_by_the_options_of_the_day()
    {
        // The report arrived while the committee promised 72 hours and 10 days; the options now say 48 hours and 7 days.
        var arrivedUnder = new WorkflowOptions { AcknowledgeWithin = TimeSpan.FromHours(72), FollowUpWithin = TimeSpan.FromDays(10) };
        var open = Case("COC-AAAA-0001", Start) with { Schedule = arrivedUnder };

        var line = List().For("ada", [open], Start + TimeSpan.FromHours(50)).Single();
        Assert.Equal((PromiseKind.Acknowledge, Start + TimeSpan.FromHours(72), false), (line.Next, line.Due, line.Overdue));

        open = open with { AcknowledgedAt = Start + TimeSpan.FromHours(60) };
        line = List().For("ada", [open], Start + TimeSpan.FromDays(8)).Single();
        Assert.Equal((PromiseKind.FollowUp, Start + TimeSpan.FromDays(10), false), (line.Next, line.Due, line.Overdue));

        // A case listed before its schedule was kept is due by the options of the day.
        var older = Case("COC-AAAA-0002", Start);
        Assert.Equal(Start + Schedule.AcknowledgeWithin, List().For("ada", [older], Start).Single().Due);
    }

    [Fact]
    public void A_follow_up_counts_as_the_acknowledgment()
    {
        var open = Case("COC-AAAA-0001", Start) with { LastUpdateAt = Start + TimeSpan.FromHours(1) };

        Assert.Equal(PromiseKind.StatusUpdate, List().For("ada", [open], Start + TimeSpan.FromHours(2)).Single().Next);
    }

    [Fact]
    public void A_case_a_member_marked_urgent_is_listed_as_urgent_and_due_within_the_urgent_promise_from_the_marking()
    {
        var markedAt = Start + TimeSpan.FromHours(10);
        var urgentPromise = new WorkflowOptions { UrgentAcknowledgeWithin = TimeSpan.FromHours(2) };
        var marked = Case("COC-MARK-0001", Start) with { Urgent = true, UrgentSince = markedAt, Schedule = urgentPromise };

        var line = List().For("ada", [marked], markedAt).Single();

        Assert.True(line.Urgent);
        Assert.Equal(markedAt + TimeSpan.FromHours(2), line.Due);
    }

    [Fact]
    public void A_newcomer_sees_the_cases_announced_before_they_joined_only_by_reference_until_they_declared_their_conflicts_on_each()
    {
        OpenCaseSummary[] cases =
        [
            Case("COC-OLD0-0001", Start) with { AnnouncedTo = ["ada", "grace"] },
            Case("COC-OLD0-0002", Start) with { AnnouncedTo = ["ada", "grace"], DeclaredMembers = ["alan"] },
            Case("COC-NEW0-0001", Start) with { AnnouncedTo = ["ada", "grace", "alan"] },
            Case("COC-LEGA-0001", Start),
        ];

        Assert.Equal(["COC-LEGA-0001", "COC-NEW0-0001", "COC-OLD0-0002"], List().For("alan", cases, Start).Select(l => l.Reference).Order(StringComparer.Ordinal));
        Assert.Equal(["COC-OLD0-0001"], List().ToDeclare("alan", cases));
        Assert.Empty(List().ToDeclare("ada", cases));
        Assert.Equal(4, List().For("ada", cases, Start).Count);

        var committee = ThreeMembers();
        committee.DeclareConflicts = false;
        var withoutDeclarations = new OpenCaseList(committee, Schedule);
        Assert.Empty(withoutDeclarations.ToDeclare("alan", cases));
        Assert.Equal(4, withoutDeclarations.For("alan", cases, Start).Count);
    }
}
