using CocReports.Procedure.Patterns;
using CocReports.Procedure.Resolution;
using CocReports.Procedure.Storage;
using Microsoft.DurableTask;

namespace CocReports.Procedure.Activities;

/// <summary>
/// At the end of the retention period, deletes a resolved report's evidence files and everything the report and its
/// messages said, keeping only the outcome and public summary the transparency report counts (see
/// <see cref="Retention"/>). The report leaves the match index too: the identifiers taken from it, those members added
/// and those they removed. The name stays from when it deleted only the files: running workflows call it by name.
/// Safe to run twice: a second run finds nothing more to delete.
/// </summary>
public sealed class PurgeEvidence(IReportStore reports, ICaseStates cases, ICaseMessages caseMessages, IEvidenceStore evidence, ReportPatterns patterns, TimeProvider clock) : TaskActivity<string, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, string input) => RunAsync(input);

    /// <returns>How many files were deleted.</returns>
    public async Task<int> RunAsync(string reference)
    {
        var report = await reports.FindAsync(reference, CancellationToken.None)
            ?? throw new InvalidOperationException("The report is not stored.");
        foreach (var file in report.Evidence)
        {
            await evidence.DeleteAsync(file.BlobName, CancellationToken.None);
        }

        var messages = await caseMessages.GetMessagesAsync(reference, CancellationToken.None);
        await reports.RetainOnlyAsync(Retention.Kept(report), Retention.Kept(messages), CancellationToken.None);

        // After the report's text is gone, so that indexing it again (a view of the case) finds nothing to add.
        await patterns.ForgetAsync(reference, CancellationToken.None);
        await cases.TryChangeCaseAsync(reference, state => state.PurgeEvidence(clock.GetUtcNow()), CancellationToken.None);
        return report.Evidence.Count;
    }
}
