using CocReports.Procedure.Storage;

namespace CocReports.Procedure.Tests.Storage;

public sealed class CaseStateTests
{
    static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

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
        var resolved = CaseState.New.Acknowledge("sam", Monday)!.Resolve(Monday.AddDays(9))!;

        Assert.Equal(Monday.AddDays(9), resolved.ResolvedAt);
        Assert.Equal("sam", resolved.AcknowledgedBy);
        Assert.Null(resolved.Resolve(Monday.AddDays(10)));
    }

    [Fact]
    public void After_the_purge_replies_are_no_longer_kept()
    {
        var resolved = CaseState.New.Resolve(Monday)!;

        Assert.True(resolved.KeepsReplies);
        Assert.False(resolved.PurgeEvidence(Monday.AddDays(30)).KeepsReplies);
    }
}
