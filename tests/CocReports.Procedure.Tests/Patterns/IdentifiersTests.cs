using CocReports.Procedure.Committee;
using CocReports.Procedure.Patterns;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;

namespace CocReports.Procedure.Tests.Patterns;

public sealed class IdentifiersTests
{
    static readonly IdentifierHashes Hashes = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    static HashSet<string> Strong(string text) => [.. Hashes.Of(Identifiers.From(text).Where(i => !i.Weak)).Select(h => h.Hash)];

    static HashSet<string> Weak(string text) => [.. Hashes.Of(Identifiers.From(text).Where(i => i.Weak)).Select(h => h.Hash)];

    [Theory]
    [InlineData("Ann.Example@Mail.Example", "mailto:ann.example@mail.example")]
    [InlineData("https://github.com/AnnEx", "see http://www.github.com/annex/ for more")]
    [InlineData("https://twitter.com/ann_ex", "https://x.com/ANN_EX")]
    [InlineData("192.0.2.7", "from 192.0.2.7.")]
    [InlineData("Ann  Example", "ann example")]
    [InlineData("https://www.linkedin.com/in/ann-ex", "https://linkedin.com/in/Ann-Ex/")]
    public void Spellings_of_one_identifier_match(string one, string other)
    {
        Assert.NotEmpty(Strong(one));
        Assert.True(Strong(one).Overlaps(Strong(other)), $"{one} and {other} did not meet");
    }

    [Fact]
    public void A_bare_handle_matches_the_same_handle_on_any_platform_only_as_a_weak_match()
    {
        Assert.True(Weak("@AnnEx").Overlaps(Weak("https://gitlab.com/annex")));
        Assert.False(Strong("@AnnEx").Overlaps(Strong("https://gitlab.com/annex")));
        Assert.Empty(Strong("@AnnEx"));
    }

    [Fact]
    public void A_stored_identifier_keeps_its_kind_and_not_its_value()
    {
        var stored = Assert.Single(Hashes.Of(Identifiers.From("Ann@Example.org")));

        Assert.Equal("email", stored.Kind);
        Assert.DoesNotContain("ann", stored.Hash + stored.Kind, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(64, stored.Hash.Length);
    }

    [Theory]
    [InlineData("ann.example@mail.example", "ann.example@mail.example.org")]
    [InlineData("https://github.com/annex", "https://github.com/annex2")]
    [InlineData("https://github.com/annex", "https://gitlab.com/annex")]
    [InlineData("@annex", "@anne")]
    [InlineData("192.0.2.7", "192.0.2.70")]
    [InlineData("Ann Example", "Anna Example")]
    public void Near_misses_do_not_match(string one, string other)
    {
        Assert.False(Strong(one).Overlaps(Strong(other)), $"{one} and {other} met");
        Assert.False(Weak(one).Overlaps(Weak(other)) && Strong(one).Count == 0, $"{one} and {other} met weakly");
    }

    [Fact]
    public void A_reported_person_field_gives_each_kind_of_identifier_and_the_name_left()
    {
        var found = Identifiers.From("Jordan Example (@jex on GitHub, jordan@example.org, https://github.com/JEx) from 2001:db8::1").Select(i => i.Canonical);

        Assert.Equal(["email:jordan@example.org", "github:jex", "handle:jex", "ip:2001:db8::1", "name:jordan example"], found.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_stored_hashes_hold_no_identifier_in_plaintext()
    {
        var text = "Jordan Example @jex jordan@example.org https://github.com/JEx 192.0.2.7";
        var stored = string.Join("\n", Hashes.Of(Identifiers.From(text)).Select(h => h.Hash));

        Assert.All(["jordan", "example", "jex", "192.0.2.7", "github"], part => Assert.DoesNotContain(part, stored, StringComparison.OrdinalIgnoreCase));
        Assert.All(stored.Split('\n'), hash => Assert.Matches("^[0-9a-f]{64}$", hash));
    }

    [Fact]
    public void A_member_who_may_not_see_the_other_report_is_told_nothing_of_it()
    {
        var committee = Samples.ThreeMembers();
        var excludingAda = Samples.Report(new ReportDetails { Description = "x", ExcludedMembers = ["ada"] }, "COC-AAAA-0001");
        var open = Samples.Report(new ReportDetails { Description = "y" }, "COC-AAAA-0002");
        (PatternMatch, Report, CaseState)[] others =
        [
            (new PatternMatch(excludingAda.Reference, false), excludingAda, CaseState.New),
            (new PatternMatch(open.Reference, false), open, CaseState.New with { RecusedMembers = ["grace"] }),
        ];

        Assert.Equal(["COC-AAAA-0002"], PatternDisclosure.For("ada", others, committee).Select(m => m.Reference));
        Assert.Equal(["COC-AAAA-0001"], PatternDisclosure.For("grace", others, committee).Select(m => m.Reference));
        Assert.Equal(["COC-AAAA-0001", "COC-AAAA-0002"], PatternDisclosure.For("alan", others, committee).Select(m => m.Reference));
    }
}
