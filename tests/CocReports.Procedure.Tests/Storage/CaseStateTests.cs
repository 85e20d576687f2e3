using CocReports.Procedure.Committee;
using CocReports.Procedure.Measures;
using CocReports.Procedure.Storage;

namespace CocReports.Procedure.Tests.Storage;

public sealed class CaseStateTests
{
    static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    static readonly Audience Everyone = new(["sam", "kim", "alex"], false, 1);

    [Fact]
    public void The_first_acknowledgment_wins_and_a_second_changes_nothing()
    {
        var acknowledged = CaseState.New.Acknowledge("sam", Monday)!;

        Assert.Equal(("sam", Monday), (acknowledged.AcknowledgedBy, acknowledged.AcknowledgedAt));
        Assert.Null(acknowledged.Acknowledge("kim", Monday.AddMinutes(1)));
    }

    [Fact]
    public void A_member_recuses_once_and_others_keep_their_recusals()
    {
        var recused = CaseState.New.Recuse("kim")!.Recuse("alex")!;

        Assert.Equal(["kim", "alex"], recused.RecusedMembers);
        Assert.Null(recused.Recuse("kim"));
    }

    [Fact]
    public void A_report_is_resolved_once()
    {
        var resolved = CaseState.New.Acknowledge("sam", Monday)!.Resolve("sam", Monday.AddDays(9), Everyone)!;

        Assert.Equal(Monday.AddDays(9), resolved.ResolvedAt);
        Assert.Equal("sam", resolved.AcknowledgedBy);
        Assert.Null(resolved.Resolve("kim", Monday.AddDays(10), Everyone));
    }

    [Fact]
    public void After_the_purge_replies_are_no_longer_kept()
    {
        var resolved = CaseState.New.Resolve("sam", Monday, Everyone)!;

        Assert.True(resolved.KeepsReplies);
        Assert.False(resolved.PurgeEvidence(Monday.AddDays(30)).KeepsReplies);
    }

    [Fact]
    public void A_member_declares_once_a_hard_conflict_recuses_and_a_soft_one_keeps_them_from_deciding()
    {
        var declared = CaseState.New.Declare("sam", ConflictKind.None)!.Declare("kim", ConflictKind.Soft)!.Declare("alex", ConflictKind.Hard)!;

        Assert.Equal(["sam", "kim", "alex"], declared.DeclaredMembers);
        Assert.Equal(["kim"], declared.SoftConflicts);
        Assert.Equal(["alex"], declared.RecusedMembers);
        Assert.Null(declared.Declare("kim", ConflictKind.None));
        Assert.Null(CaseState.New.Recuse("sam")!.Declare("sam", ConflictKind.None));

        var left = new Audience(["sam", "kim"], false, 1);
        Assert.Null(declared.Resolve("kim", Monday, left));
        Assert.NotNull(declared.Resolve("sam", Monday, left));
    }

    [Fact]
    public void When_everyone_left_has_a_soft_conflict_a_member_records_the_decision_of_the_escalation_contacts()
    {
        var allSoft = CaseState.New.Declare("sam", ConflictKind.Soft)!.Declare("kim", ConflictKind.Soft)!;

        Assert.NotNull(allSoft.Resolve("kim", Monday, new Audience(["sam", "kim"], true, 1)));
        Assert.Null(allSoft.Resolve("kim", Monday, new Audience(["sam", "kim", "alex"], false, 1)));
    }

    [Fact]
    public void Any_one_member_records_an_interim_measure_at_once_and_another_confirms_it()
    {
        var recorded = CaseState.New.RecordMeasure("sam", "m1", Monday, Monday.AddDays(14), Everyone)!;

        Assert.Equal(new InterimMeasure("m1", "sam", Monday, Monday.AddDays(14)), recorded.MeasureAwaitingReview);
        Assert.Null(recorded.RecordMeasure("kim", "m2", Monday, Monday.AddDays(3), Everyone));
        Assert.Null(recorded.ReviewMeasure("sam", MeasureReview.Confirmed, Monday.AddHours(1), Everyone));

        var confirmed = recorded.ReviewMeasure("kim", MeasureReview.Confirmed, Monday.AddHours(2), Everyone)!;

        Assert.Null(confirmed.MeasureAwaitingReview);
        Assert.Equal((MeasureReview.Confirmed, "kim"), (confirmed.Measures[0].Review, confirmed.Measures[0].ReviewedBy));
        Assert.Null(confirmed.ReviewMeasure("alex", MeasureReview.Lifted, Monday.AddHours(3), Everyone));
        Assert.NotNull(confirmed.RecordMeasure("kim", "m2", Monday.AddHours(4), Monday.AddDays(3), Everyone));
    }

    [Fact]
    public void The_member_who_recorded_a_measure_may_lift_it_and_confirms_it_alone_only_when_no_one_else_may_decide()
    {
        var recorded = CaseState.New.RecordMeasure("sam", "m1", Monday, Monday.AddDays(14), Everyone)!;

        Assert.Equal(MeasureReview.Lifted, recorded.ReviewMeasure("sam", MeasureReview.Lifted, Monday.AddHours(1), Everyone)!.Measures[0].Review);
        Assert.NotNull(recorded.ReviewMeasure("sam", MeasureReview.Confirmed, Monday.AddHours(1), new Audience(["sam"], true, 1)));
    }

    [Fact]
    public void A_measure_is_neither_recorded_by_a_member_who_may_not_decide_nor_after_resolution_nor_with_an_end_in_the_past()
    {
        var soft = CaseState.New.Declare("kim", ConflictKind.Soft)!;

        Assert.Null(soft.RecordMeasure("kim", "m1", Monday, Monday.AddDays(1), Everyone));
        Assert.Null(soft.RecordMeasure("sam", "m1", Monday, Monday.AddMinutes(-1), Everyone));
        Assert.Null(CaseState.New.Resolve("sam", Monday, Everyone)!.RecordMeasure("sam", "m1", Monday, Monday.AddDays(1), Everyone));
        Assert.Null(soft.RecordMeasure("sam", "m1", Monday, Monday.AddDays(1), Everyone)!.ReviewMeasure("kim", MeasureReview.Lifted, Monday, Everyone));
    }

    [Fact]
    public void A_member_marks_a_report_urgent_once_unless_the_reporter_already_did_or_it_is_resolved()
    {
        var marked = CaseState.New.MarkUrgent("kim", Monday, reportedUrgent: false)!;

        Assert.Equal(("kim", Monday), (marked.MarkedUrgentBy, marked.MarkedUrgentAt));
        Assert.Null(marked.MarkUrgent("sam", Monday.AddHours(1), reportedUrgent: false));
        Assert.Null(CaseState.New.MarkUrgent("kim", Monday, reportedUrgent: true));
        Assert.Null(CaseState.New.Resolve("sam", Monday, Everyone)!.MarkUrgent("kim", Monday, reportedUrgent: false));
    }

    [Fact]
    public void A_resolved_reports_response_is_extended_to_a_later_day_only_by_a_member_who_may_decide_and_until_the_purge()
    {
        var resolved = CaseState.New.Declare("kim", ConflictKind.Soft)!.Resolve("sam", Monday, Everyone, Monday.AddDays(30))!;

        Assert.Equal(Monday.AddDays(30), resolved.ResponseEndsAt);
        Assert.Equal(Monday.AddDays(60), resolved.ExtendResponse("alex", Monday.AddDays(60), Monday.AddDays(29), Everyone)!.ResponseEndsAt);
        Assert.Null(resolved.ExtendResponse("alex", Monday.AddDays(20), Monday.AddDays(10), Everyone));
        Assert.Null(resolved.ExtendResponse("kim", Monday.AddDays(60), Monday.AddDays(29), Everyone));
        Assert.Null(CaseState.New.ExtendResponse("alex", Monday.AddDays(60), Monday, Everyone));
        Assert.Null(resolved.PurgeEvidence(Monday.AddDays(40)).ExtendResponse("alex", Monday.AddDays(60), Monday.AddDays(41), Everyone));
    }

    [Fact]
    public void A_legal_hold_is_placed_once_and_lifted_by_members_who_may_decide_until_the_purge()
    {
        var soft = CaseState.New.Declare("kim", ConflictKind.Soft)!;
        var held = soft.PlaceLegalHold("alex", Monday, Everyone)!;

        Assert.Equal(("alex", Monday), (held.LegalHoldBy, held.LegalHoldSince));
        Assert.Null(held.PlaceLegalHold("sam", Monday.AddDays(1), Everyone));
        Assert.Null(soft.PlaceLegalHold("kim", Monday, Everyone));
        Assert.Null(held.LiftLegalHold("kim", Everyone));
        Assert.Null(held.LiftLegalHold("sam", Everyone)!.LegalHoldSince);
        Assert.Null(soft.LiftLegalHold("sam", Everyone));
        Assert.Null(soft.PurgeEvidence(Monday).PlaceLegalHold("alex", Monday, Everyone));
    }

    [Fact]
    public void The_reported_person_is_told_once_by_a_member_who_may_decide_and_answers_once_within_the_window()
    {
        var soft = CaseState.New.Declare("kim", ConflictKind.Soft)!;
        var window = TimeSpan.FromDays(14);

        Assert.Null(soft.RecordStatement(Monday, window));
        Assert.Null(soft.TellReported("kim", Monday, Everyone));
        var told = soft.TellReported("alex", Monday, Everyone)!;
        Assert.Equal(Monday, told.ReportedToldAt);
        Assert.Null(told.TellReported("sam", Monday.AddDays(1), Everyone));
        var answered = told.RecordStatement(Monday.AddDays(2), window)!;
        Assert.Equal(Monday.AddDays(2), answered.StatementAt);
        Assert.Null(answered.RecordStatement(Monday.AddDays(3), window));
        Assert.Null(told.PurgeEvidence(Monday.AddDays(1)).RecordStatement(Monday.AddDays(2), window));
        Assert.NotNull(told.RecordStatement(Monday + window, window));
        Assert.Null(told.RecordStatement(Monday + window + TimeSpan.FromSeconds(1), window));
    }
}
