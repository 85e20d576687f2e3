using CocReports.Procedure.Committee;
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
}
