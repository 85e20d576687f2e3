using CocReports.Procedure.Storage;

namespace CocReports.Procedure.Tests.Storage;

public sealed class AuditChainTests
{
    const string Reference = "R-7K3M-Q9PX";
    static readonly DateTimeOffset Start = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);
    static readonly byte[] Key = Enumerable.Repeat((byte)7, 32).ToArray();
    static readonly AuditChain AuditChain = new(Key);

    // A deployment whose trails began before the chain was keyed: an hour after the case below was received.
    static readonly DateTimeOffset KeyedSince = Start.AddHours(1);
    static readonly AuditChain Upgraded = new(Key, KeyedSince);

    static AuditEntry EntryAt(int i) => new(Start.AddMinutes(i), i % 2 == 0 ? "alex" : "sam", "case", Allowed: true);

    static List<AuditLink> Chain(int count)
    {
        var links = new List<AuditLink>();
        for (var i = 0; i < count; i++)
        {
            links.Add(AuditChain.Next(Reference, links.LastOrDefault(), EntryAt(i)));
        }

        return links;
    }

    // What the chain was before it was keyed, and what anyone who can write the table but lacks the key can compute.
    static AuditLink Plain(AuditLink? previous, AuditEntry entry)
    {
        var sequence = (previous?.Sequence ?? 0) + 1;
        var previousHash = previous?.Hash ?? AuditChain.Genesis;
        return new AuditLink(sequence, entry, previousHash, AuditChain.HashOf(Reference, sequence, entry, previousHash));
    }

    [Fact]
    public void An_untouched_chain_verifies()
    {
        var verification = AuditChain.Verify(Reference, Start, Chain(5));

        Assert.True(verification.Verifies);
        Assert.Equal(5, verification.Entries);
    }

    [Fact]
    public void A_changed_entry_is_the_first_broken_link()
    {
        var links = Chain(5);
        links[2] = links[2] with { Entry = links[2].Entry with { MemberId = "kim" } };

        var verification = AuditChain.Verify(Reference, Start, links);

        Assert.False(verification.Verifies);
        Assert.Equal(3, verification.FirstBroken);
        Assert.Contains("changed", verification.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deleted_entry_is_named_by_the_gap_it_leaves()
    {
        var links = Chain(5);
        links.RemoveAt(1);

        Assert.Equal(2, AuditChain.Verify(Reference, Start, links).FirstBroken);
    }

    [Fact]
    public void Entries_swapped_with_their_sequence_numbers_break_the_chain_where_the_order_changes()
    {
        var links = Chain(5);
        (links[1], links[3]) = (links[3] with { Sequence = 2 }, links[1] with { Sequence = 4 });

        Assert.Equal(2, AuditChain.Verify(Reference, Start, links).FirstBroken);
    }

    [Fact]
    public void An_entry_recomputed_without_its_successors_breaks_the_next_link()
    {
        var links = Chain(4);
        links[1] = AuditChain.Next(Reference, links[0], links[1].Entry with { Allowed = false });

        Assert.Equal(3, AuditChain.Verify(Reference, Start, links).FirstBroken);
    }

    [Fact]
    public void A_chain_moved_to_another_report_does_not_verify()
    {
        Assert.Equal(1, AuditChain.Verify("R-OTHR-CASE", Start, Chain(3)).FirstBroken);
    }

    [Fact]
    public void Times_finer_than_storage_keeps_are_dropped_before_hashing()
    {
        var at = Start.AddTicks(12_345);

        var link = AuditChain.Next(Reference, null, new AuditEntry(at, "alex", "case", true));

        Assert.Equal(Start.AddMilliseconds(1), link.Entry.At);
        Assert.True(AuditChain.Verify(Reference, Start, [link]).Verifies);
    }

    [Fact]
    public void A_chain_of_plain_hashes_from_before_the_key_still_verifies()
    {
        Assert.True(Upgraded.Verify(Reference, Start, PlainChain(3, Start)).Verifies);
    }

    static List<AuditLink> PlainChain(int count, DateTimeOffset from)
    {
        var links = new List<AuditLink>();
        for (var i = 0; i < count; i++)
        {
            links.Add(Plain(links.LastOrDefault(), new AuditEntry(from.AddMinutes(i), "alex", "case", Allowed: true)));
        }

        return links;
    }

    [Fact]
    public void A_trail_rewritten_wholly_in_plain_hashes_for_a_case_received_after_the_cut_over_does_not_verify()
    {
        // Every entry dated before the cut-over, as if from before the key: the case itself came in after it.
        var verification = Upgraded.Verify(Reference, KeyedSince.AddDays(1), PlainChain(3, Start));

        Assert.Equal(1, verification.FirstBroken);
        Assert.Contains("without the key", verification.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plain_hash_dated_after_the_cut_over_breaks_the_trail_of_a_case_from_before()
    {
        var verification = Upgraded.Verify(Reference, Start, PlainChain(3, KeyedSince.AddMinutes(-1)));

        Assert.Equal(2, verification.FirstBroken);
    }

    [Fact]
    public void Without_a_cut_over_the_chain_was_always_keyed_and_no_plain_hash_verifies()
    {
        Assert.Equal(1, AuditChain.Verify(Reference, Start, PlainChain(3, Start)).FirstBroken);
    }

    [Fact]
    public void Keyed_entries_continue_a_chain_of_plain_hashes()
    {
        var first = Plain(null, EntryAt(0));
        var second = Plain(first, EntryAt(1));
        List<AuditLink> links = [first, second, Upgraded.Next(Reference, second, EntryAt(2))];

        Assert.True(Upgraded.Verify(Reference, Start, links).Verifies);
    }

    [Fact]
    public void An_entry_rewritten_and_re_hashed_without_the_key_does_not_verify()
    {
        var links = Chain(5);
        links[2] = Plain(links[1], links[2].Entry with { MemberId = "kim" });
        links[3] = Plain(links[2], links[3].Entry);
        links[4] = Plain(links[3], links[4].Entry);

        var verification = Upgraded.Verify(Reference, Start, links);

        Assert.Equal(3, verification.FirstBroken);
        Assert.Contains("without the key", verification.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chain_made_with_another_key_does_not_verify()
    {
        var other = new AuditChain(Enumerable.Repeat((byte)8, 32).ToArray());

        Assert.Equal(1, other.Verify(Reference, Start, Chain(3)).FirstBroken);
    }
}
