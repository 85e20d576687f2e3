using CocReports.Procedure.Reports;
using CocReports.Procedure.Workflow;
using Grpc.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CocReports.Api.Engine;

/// <summary>
/// <see cref="ICaseWorkflow"/> on the Durable Task engine: the only class outside the hosts' edges that holds its client
/// (the Functions triggers get one from <c>[DurableClient]</c>, the local host from its container, and wrap it here).
/// </summary>
public sealed class DurableCaseWorkflow(DurableTaskClient engine) : ICaseWorkflow
{
    public async Task StartAsync(CaseProgress progress, CancellationToken cancellationToken)
    {
        try
        {
            await engine.ScheduleNewOrchestrationInstanceAsync(
                nameof(ReportWorkflow), progress, new StartOrchestrationOptions(WorkflowInstance.For(progress.Reference)), cancellationToken);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.AlreadyExists)
        {
            // A retry or the sweep raced another start: the workflow already runs.
        }
        catch (RpcException e)
        {
            throw Unavailable(e);
        }
    }

    public async Task TellAsync(string reference, CaseEvent happened, CancellationToken cancellationToken)
    {
        try
        {
            await engine.RaiseEventAsync(WorkflowInstance.For(reference), CaseEvent.Name, happened, cancellationToken);
        }
        catch (RpcException e)
        {
            throw Unavailable(e);
        }
    }

    public async Task<CaseWorkflowState> StateAsync(string reference, CancellationToken cancellationToken)
    {
        try
        {
            return await engine.GetInstanceAsync(WorkflowInstance.For(reference), cancellationToken) switch
            {
                null => CaseWorkflowState.NotStarted,
                { IsCompleted: true } => CaseWorkflowState.Ended,
                _ => CaseWorkflowState.Running,
            };
        }
        catch (RpcException e)
        {
            throw Unavailable(e);
        }
    }

    // Both hosts reach the engine over gRPC (the Functions host's extension, the local host's sidecar).
    static CaseWorkflowUnavailableException Unavailable(RpcException e) => new($"The workflow engine did not answer ({e.StatusCode}).", e);
}
