using CocReports.Procedure.Storage;

namespace CocReports.Procedure.Tests.Storage;

public sealed class AuditChainTests
{
    const string Reference = "R-7K3M-Q9PX";
    static readonly DateTimeOffset Start = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);

    static List<AuditLink> Chain(int count)
    {
        var links = new List<AuditLink>();
        for (var i = 0; i < count; i++)
        {
            links.Add(AuditChain.Next(Reference, links.LastOrDefault(), new AuditEntry(Start.AddMinutes(i), i % 2 == 0 ? "alex" : "sam", "case", Allowed: true)));
        }

        return links;
    }

    [Fact]
    public void An_untouched_chain_verifies()
    {
        var verification = AuditChain.Verify(Reference, Chain(5));

        Assert.True(verification.Verifies);
        Assert.Equal(5, verification.Entries);
    }

    [Fact]
    public void A_changed_entry_is_the_first_broken_link()
    {
        var links = Chain(5);
        links[2] = links[2] with { Entry = links[2].Entry with { MemberId = "kim" } };

        var verification = AuditChain.Verify(Reference, links);

        Assert.False(verification.Verifies);
        Assert.Equal(3, verification.FirstBroken);
        Assert.Contains("changed", verification.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deleted_entry_is_named_by_the_gap_it_leaves()
    {
        var links = Chain(5);
        links.RemoveAt(1);

        Assert.Equal(2, AuditChain.Verify(Reference, links).FirstBroken);
    }

    [Fact]
    public void Entries_swapped_with_their_sequence_numbers_break_the_chain_where_the_order_changes()
    {
        var links = Chain(5);
        (links[1], links[3]) = (links[3] with { Sequence = 2 }, links[1] with { Sequence = 4 });

        Assert.Equal(2, AuditChain.Verify(Reference, links).FirstBroken);
    }

    [Fact]
    public void An_entry_recomputed_without_its_successors_breaks_the_next_link()
    {
        var links = Chain(4);
        links[1] = AuditChain.Next(Reference, links[0], links[1].Entry with { Allowed = false });

        Assert.Equal(3, AuditChain.Verify(Reference, links).FirstBroken);
    }

    [Fact]
    public void A_chain_moved_to_another_report_does_not_verify()
    {
        Assert.Equal(1, AuditChain.Verify("R-OTHR-CASE", Chain(3)).FirstBroken);
    }

    [Fact]
    public void Times_finer_than_storage_keeps_are_dropped_before_hashing()
    {
        var at = Start.AddTicks(12_345);

        var link = AuditChain.Next(Reference, null, new AuditEntry(at, "alex", "case", true));

        Assert.Equal(Start.AddMilliseconds(1), link.Entry.At);
        Assert.True(AuditChain.Verify(Reference, [link]).Verifies);
    }
}
