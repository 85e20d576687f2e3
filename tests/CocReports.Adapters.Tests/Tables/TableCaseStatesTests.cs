using Azure.Data.Tables;
using CocReports.Adapters.Tables;
using CocReports.Procedure.Committee;
using CocReports.Procedure.Measures;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;

namespace CocReports.Adapters.Tests.Tables;

/// <summary>Against the Azurite that test.sh starts (COC_TEST_STORAGE).</summary>
public sealed class TableCaseStatesTests : IAsyncLifetime
{
    static readonly DateTimeOffset Monday = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    static readonly Audience Everyone = new(["sam", "kim", "alex"], false, 1);

    readonly TableClient table = new TableServiceClient(Environment.GetEnvironmentVariable("COC_TEST_STORAGE")
        ?? throw new InvalidOperationException("COC_TEST_STORAGE is not set: run the tests with ./test.sh, which starts Azurite."))
        .GetTableClient("cases" + Guid.NewGuid().ToString("N")[..12]);

    public Task InitializeAsync() => table.CreateIfNotExistsAsync();

    public Task DisposeAsync() => table.DeleteAsync();

    [Fact]
    public async Task A_marking_and_the_measures_read_back_as_stored_and_the_open_cases_list_stays_urgent_after_a_repeated_announcement()
    {
        var openCases = new TableOpenCasesProjection(table);
        var cases = new TableCaseStates(table, openCases);
        var report = new Report("COC-MARK-0001", Monday, new ReportDetails { Description = "Threats in the chat." }, [], ReceiptCode.Hash("ABCDE-FGHJK-MNPQR-STVWX"));
        await openCases.ListOpenCaseAsync(report, ["sam", "kim", "alex"], default);

        await cases.TryChangeCaseAsync(report.Reference, s => s.MarkUrgent("kim", Monday.AddHours(1), reportedUrgent: false), default);
        await cases.TryChangeCaseAsync(report.Reference, s => s.RecordMeasure("kim", "m1", Monday.AddHours(2), Monday.AddDays(7), Everyone), default);
        await cases.TryChangeCaseAsync(report.Reference, s => s.ReviewMeasure("sam", MeasureReview.Confirmed, Monday.AddHours(3), Everyone), default);
        await openCases.ListOpenCaseAsync(report, ["sam", "kim", "alex"], default);

        var state = await cases.GetCaseStateAsync(report.Reference, default);
        Assert.Equal(("kim", Monday.AddHours(1)), (state.MarkedUrgentBy, state.MarkedUrgentAt));
        Assert.Equal([new InterimMeasure("m1", "kim", Monday.AddHours(2), Monday.AddDays(7), MeasureReview.Confirmed, "sam", Monday.AddHours(3))], state.Measures);

        var listed = Assert.Single(await openCases.OpenCasesAsync(default));
        Assert.Equal((true, Monday.AddHours(1)), (listed.Urgent, listed.UrgentSince));
    }

    [Fact]
    public async Task A_legal_hold_reads_back_as_stored_and_is_gone_once_lifted()
    {
        var cases = new TableCaseStates(table, new TableOpenCasesProjection(table));

        await cases.TryChangeCaseAsync("COC-HOLD-0001", s => s.PlaceLegalHold("kim", Monday, Everyone), default);
        Assert.Equal(("kim", Monday), ((await cases.GetCaseStateAsync("COC-HOLD-0001", default)).LegalHoldBy, (await cases.GetCaseStateAsync("COC-HOLD-0001", default)).LegalHoldSince));

        await cases.TryChangeCaseAsync("COC-HOLD-0001", s => s.LiftLegalHold("sam", Everyone), default);
        var lifted = await cases.GetCaseStateAsync("COC-HOLD-0001", default);
        Assert.Equal((null, null), (lifted.LegalHoldBy, lifted.LegalHoldSince));
    }
}
