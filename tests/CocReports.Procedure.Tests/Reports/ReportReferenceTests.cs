using System.Text.RegularExpressions;
using CocReports.Procedure.Reports;

namespace CocReports.Procedure.Tests.Reports;

public partial class ReportReferenceTests
{
    static readonly byte[] ServerKey = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
    static readonly byte[] OtherServerKey = [.. Enumerable.Range(2, 32).Select(i => (byte)i)];

    [GeneratedRegex("^COC-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$")]
    private static partial Regex Shape();

    [Fact]
    public void New_references_read_COC_then_two_groups_of_four_crockford_symbols_and_differ()
    {
        var references = Enumerable.Range(0, 200).Select(_ => ReportReference.New()).ToList();

        Assert.All(references, reference =>
        {
            Assert.Matches(Shape(), reference);
            Assert.True(ReportReference.IsWellFormed(reference), reference);
        });
        Assert.Equal(references.Count, references.Distinct().Count());
    }

    [Theory]
    [InlineData("COC-0000-0000")]
    [InlineData("COC-ABCD-EFGH")]
    [InlineData("COC-JKMN-PQRS")]
    [InlineData("COC-TVWX-YZ99")]
    public void Well_formed_references_are_recognised(string reference)
    {
        Assert.True(ReportReference.IsWellFormed(reference));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("coc-ABCD-EFGH")]
    [InlineData("COC-abcd-efgh")]
    [InlineData("COC-ABCDEFGH")]
    [InlineData("COC-ABCD-EFGHJ")]
    [InlineData("COC-ABC-DEFGH")]
    [InlineData("COC-ABCI-EFGH")]
    [InlineData("COC-ABCD-EFGL")]
    [InlineData("COC-ABCO-EFGH")]
    [InlineData("COC-ABCU-EFGH")]
    [InlineData("XYZ-ABCD-EFGH")]
    [InlineData("COC-ABCD EFGH")]
    [InlineData("COC-AB/D-EFGH")]
    [InlineData(" COC-ABCD-EFG")]
    public void Malformed_references_are_not_recognised(string? reference)
    {
        Assert.False(ReportReference.IsWellFormed(reference));
    }

    [Fact]
    public void Same_idempotency_key_and_server_key_give_the_same_reference()
    {
        var first = ReportReference.FromIdempotencyKey("6f1c2b1e-retry", ServerKey);

        Assert.Equal(first, ReportReference.FromIdempotencyKey("6f1c2b1e-retry", ServerKey));
        Assert.True(ReportReference.IsWellFormed(first), first);
    }

    [Fact]
    public void Another_idempotency_key_or_server_key_gives_another_reference()
    {
        var reference = ReportReference.FromIdempotencyKey("6f1c2b1e-retry", ServerKey);

        Assert.NotEqual(reference, ReportReference.FromIdempotencyKey("6f1c2b1e-other", ServerKey));
        Assert.NotEqual(reference, ReportReference.FromIdempotencyKey("6f1c2b1e-retry", OtherServerKey));
    }

    /// <summary>
    /// Pins the derivation: a retry after a deployment must land on the report its first attempt stored, and tests
    /// that look a report up by its key rely on it staying exactly this.
    /// </summary>
    [Fact]
    public void The_reference_derived_from_a_key_stays_the_same_from_release_to_release()
    {
        Assert.Equal("COC-YF87-5WTV", ReportReference.FromIdempotencyKey("3f0c6e52-8d1a-4b7e-9c2f-5a6b7c8d9e0f", ServerKey));
    }
}
