using CocReports.Procedure.Notifications;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Workflow;
using Grpc.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace CocReports.Api.Intake;

/// <summary>
/// Starts a stored report's workflow exactly once, whoever asks: intake right after storing it, a retried submission,
/// or the sweep that finds a report whose start was cut short.
/// </summary>
public sealed class ReportWorkflowStart(SealedSecret sealer, IOptions<WorkflowOptions> schedule)
{
    /// <param name="receiptCode">
    /// Null when the code is no longer known (the sweep): the receipt then asks the reporter to use the code they were
    /// shown when they submitted.
    /// </param>
    /// <param name="mayExist">Look first: only a retry or the sweep can find the workflow already there.</param>
    public async Task StartAsync(DurableTaskClient workflows, Report report, string? receiptCode, bool mayExist, CancellationToken cancellationToken)
    {
        if (mayExist && await workflows.GetInstanceAsync(report.InstanceId, cancellationToken) is not null)
        {
            return;
        }

        var sealedCode = receiptCode is null ? null : sealer.Seal(receiptCode);
        var input = new CaseProgress(report.Reference, report.ReceivedAt, report.Details.IsUrgent, sealedCode, schedule.Value);
        try
        {
            await workflows.ScheduleNewOrchestrationInstanceAsync(
                nameof(ReportWorkflow), input, new StartOrchestrationOptions(report.InstanceId), cancellationToken);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.AlreadyExists)
        {
            // A retry or the sweep raced another start: the workflow already runs.
        }
    }
}
