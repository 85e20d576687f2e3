using CocReports.Procedure.Storage;
using Microsoft.DurableTask;

namespace CocReports.Procedure.Activities;

/// <summary>
/// At the end of the retention period, deletes a resolved report's evidence files. The report and its outcome stay,
/// so the transparency report can still count it.
/// </summary>
public sealed class PurgeEvidence(IReportStore reports, IEvidenceStore evidence, TimeProvider clock) : TaskActivity<string, int>
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

        await reports.MarkEvidencePurgedAsync(reference, clock.GetUtcNow(), CancellationToken.None);
        return report.Evidence.Count;
    }
}
