using CocReports.Procedure.Reports;
using static CocReports.Procedure.Tests.Samples;

namespace CocReports.Procedure.Tests.Reports;

public class ReceiptLookupTests
{
    const string Code = "ABCDE-FGHJK-MNPQR-STVWX"; // the code Samples.Report is stored with
    readonly Report stored = Report(new ReportDetails { Description = "A report." }, "COC-AB12-CD34");

    [Fact]
    public async Task The_right_code_opens_its_report_and_a_wrong_one_does_not()
    {
        var lookup = new ReceiptLookup(new OneReport(stored).FindAsync, ReceiptCode.Matches);

        Assert.Same(stored, await lookup.FindAsync(stored.Reference, Code, default));
        Assert.Null(await lookup.FindAsync(stored.Reference, "WRONG-WRONG-WRONG-WRONG", default));
    }

    [Theory]
    [InlineData("COC-ZZZZ-9999")] // well formed, not stored
    [InlineData("COC-AB12-CD34")] // stored
    [InlineData("nonsense")] // malformed
    public async Task Known_unknown_and_malformed_references_cost_one_read_and_one_full_length_compare(string reference)
    {
        var store = new OneReport(stored);
        var compares = new List<(string Candidate, string Hash)>();
        var lookup = new ReceiptLookup(store.FindAsync, (candidate, hash) =>
        {
            compares.Add((candidate, hash));
            return ReceiptCode.Matches(candidate, hash);
        });

        await lookup.FindAsync(reference, "WRONG-WRONG-WRONG-WRONG", default);

        Assert.Equal(1, store.Reads);
        var compare = Assert.Single(compares);
        Assert.Equal("WRONG-WRONG-WRONG-WRONG", compare.Candidate);
        Assert.Equal(stored.ReceiptCodeHash.Length, compare.Hash.Length);
    }

    [Fact]
    public async Task An_unknown_reference_is_compared_against_a_decoy_no_code_matches()
    {
        var lookup = new ReceiptLookup(new OneReport(stored).FindAsync, ReceiptCode.Matches);

        Assert.Null(await lookup.FindAsync("COC-ZZZZ-9999", Code, default));
        Assert.Null(await lookup.FindAsync("COC-ZZZZ-9999", "", default));
    }

    /// <summary>Storage holding one report, counting reads.</summary>
    sealed class OneReport(Report report)
    {
        public int Reads { get; private set; }

        public Task<Report?> FindAsync(string reference, CancellationToken cancellationToken)
        {
            Reads++;
            return Task.FromResult(reference == report.Reference ? report : null);
        }
    }
}
