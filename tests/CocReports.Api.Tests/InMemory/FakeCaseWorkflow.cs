using System.Collections.Concurrent;
using CocReports.Procedure.Workflow;

namespace CocReports.Api.Tests.InMemory;

/// <summary>The engine as the desk sees it: what it was told, and whether it can be reached at all.</summary>
public sealed class FakeCaseWorkflow(Journal journal) : ICaseWorkflow
{
    readonly ConcurrentQueue<(string Reference, CaseEvent Event)> told = new();
    readonly ConcurrentQueue<CaseProgress> started = new();

    /// <summary>While false, every call fails as the engine's client does when it can't reach the engine.</summary>
    public bool Reachable { get; set; } = true;

    public IReadOnlyList<(string Reference, CaseEvent Event)> Told => [.. told];

    public IReadOnlyList<CaseProgress> Started => [.. started];

    public async Task StartAsync(CaseProgress progress, CancellationToken cancellationToken)
    {
        await Reach();
        started.Enqueue(progress);
    }

    public async Task TellAsync(string reference, CaseEvent happened, CancellationToken cancellationToken)
    {
        await Reach();
        told.Enqueue((reference, happened));
        journal.Add("told");
    }

    public async Task<CaseWorkflowState> StateAsync(string reference, CancellationToken cancellationToken)
    {
        await Reach();
        return CaseWorkflowState.Running;
    }

    Task Reach() => Reachable ? Task.CompletedTask : throw new CaseWorkflowUnavailableException("The engine did not answer.", new TimeoutException());
}
