using CocReports.Procedure.Notifications;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Workflow;
using Microsoft.Extensions.Options;

namespace CocReports.Api.Intake;

/// <summary>
/// Starts a stored report's workflow exactly once, whoever asks: intake right after storing it, a retried submission,
/// or the sweep that finds a report whose start was cut short. It runs on the schedule the report arrived under, so a
/// late start keeps the promises the reporter was made; only a report stored before it kept one takes the options of the day.
/// </summary>
public sealed class ReportWorkflowStart(SealedSecret sealer, IOptions<WorkflowOptions> schedule)
{
    /// <param name="receiptCode">
    /// Null when the code is no longer known (the sweep): the receipt then asks the reporter to use the code they were
    /// shown when they submitted.
    /// </param>
    /// <param name="mayExist">Look first: only a retry or the sweep can find the workflow already there.</param>
    public async Task StartAsync(ICaseWorkflow workflows, Report report, string? receiptCode, bool mayExist, CancellationToken cancellationToken)
    {
        // A workflow that ended must not be started again by a late retry: look first whenever one may exist.
        if (mayExist && await workflows.StateAsync(report.Reference, cancellationToken) != CaseWorkflowState.NotStarted)
        {
            return;
        }

        var sealedCode = receiptCode is null ? null : sealer.Seal(receiptCode);
        await workflows.StartAsync(new CaseProgress(report.Reference, report.ReceivedAt, report.Details.IsUrgent, sealedCode, report.Schedule ?? schedule.Value), cancellationToken);
    }
}
