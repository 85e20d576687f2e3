using CocReports.Procedure.Intake;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Workflow;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CocReports.Testing;

/// <summary>
/// Reports put into a running host's storage exactly as intake stores them, but with no workflow started: where a
/// crash between the two leaves things, and a quiet place to run activities by hand.
/// </summary>
public static class StoredReports
{
    /// <param name="withEvidence">Stores one small PNG as the report's evidence file.</param>
    /// <param name="receivedAt">When it came in, if not now: a day of its own that no other test's report shares.</param>
    /// <param name="schedule">The promises in force when it came in, if not the host's options.</param>
    public static async Task<Report> StoreWithoutWorkflowAsync(
        IServiceProvider services, IDictionary<string, string> fields, bool withEvidence = false, DateTimeOffset? receivedAt = null, WorkflowOptions? schedule = null)
    {
        var form = new ReportForm();
        foreach (var (field, value) in fields)
        {
            form.Add(field, value);
        }

        var details = services.GetRequiredService<ReportValidator>().Validate(form).Details!;
        var reference = ReportReference.New();
        List<EvidenceFile> evidence = [];
        if (withEvidence)
        {
            var blobName = $"{reference}/00";
            await services.GetRequiredService<IEvidenceStore>().SaveAsync(blobName, "image/png", new MemoryStream(Submissions.Png(1024)), CancellationToken.None);
            evidence.Add(new EvidenceFile(blobName, "shot.png", "image/png", 1024, ""));
        }

        var report = new Report(reference, receivedAt ?? DateTimeOffset.UtcNow, details, evidence, ReceiptCode.Hash(ReceiptCode.New()))
        {
            Schedule = schedule ?? services.GetRequiredService<IOptions<WorkflowOptions>>().Value,
        };
        Assert.True(await services.GetRequiredService<IReportStore>().TryAddAsync(report, CancellationToken.None));
        return report;
    }
}
