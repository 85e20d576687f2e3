using CocReports.Api.CaseActions;
using CocReports.Procedure.Intake;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Workflow;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CocReports.Api.Intake;

/// <summary>
/// Run on a timer: finishes what an interrupted intake left. A stored report whose workflow never started (the host
/// died between the two, or the engine was down) gets its workflow, so it reaches the committee and the reporter
/// hears it was received; evidence no stored report lists (a submission that never got its row, an attempt that lost
/// to its retry) is deleted after a grace period. The same run tells workflows the case events they missed
/// (<see cref="CaseEventSweep"/>): one timer for everything an interruption can leave half done.
/// </summary>
public sealed class IntakeSweep(
    IReportStore reports,
    IEvidenceStore evidence,
    ReportWorkflowStart workflowStart,
    CaseEventSweep caseEvents,
    IOptions<IntakeOptions> options,
    TimeProvider clock,
    ILogger<IntakeSweep> log)
{
    public async Task<SweepResult> RunAsync(ICaseWorkflow workflows, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var started = 0;
        await foreach (var report in reports.ReceivedSinceAsync(now - options.Value.SweepLookback, cancellationToken))
        {
            if (report.ReceivedAt > now - options.Value.SweepGrace
                || await workflows.StateAsync(report.Reference, cancellationToken) != CaseWorkflowState.NotStarted)
            {
                continue;
            }

            // The receipt code is known only as a hash now: the receipt asks the reporter for the code they were shown.
            await workflowStart.StartAsync(workflows, report, receiptCode: null, mayExist: false, cancellationToken);
            log.LogWarning("Started the workflow of report {Reference}, which was stored without one", report.Reference);
            started++;
        }

        var told = await caseEvents.RunAsync(workflows, cancellationToken);

        // Files no stored report lists: a submission that never got its row, or an attempt that lost to a retry.
        var removed = 0;
        var listed = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        await foreach (var file in evidence.ListAsync(cancellationToken))
        {
            if (file.LastModified > now - options.Value.AbandonedEvidenceAfter)
            {
                continue;
            }

            if (!listed.TryGetValue(file.Reference, out var names))
            {
                var report = await reports.FindAsync(file.Reference, cancellationToken);
                names = [.. report?.Evidence.Select(e => e.BlobName) ?? []];
                listed[file.Reference] = names;
            }

            if (!names.Contains(file.BlobName))
            {
                await evidence.DeleteAsync(file.BlobName, cancellationToken);
                removed++;
            }
        }

        if (removed > 0)
        {
            log.LogWarning("Deleted {Count} evidence files of submissions that never completed", removed);
        }

        return new SweepResult(started, told, removed);
    }
}

/// <summary>What one sweep did: workflows started, case events told, abandoned evidence files deleted.</summary>
public sealed record SweepResult(int WorkflowsStarted, int EventsTold, int EvidenceDeleted);
