using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CocReports.Procedure.Workflow;

namespace CocReports.Api.Tests.InMemory;

/// <summary>Marks of events not yet told, with when each was marked.</summary>
public sealed class InMemoryUntoldCaseEvents(TimeProvider clock) : IUntoldCaseEvents
{
    readonly ConcurrentDictionary<UntoldCaseEvent, DateTimeOffset> marks = new();

    public IReadOnlyList<UntoldCaseEvent> Marked => [.. marks.Keys];

    public Task MarkAsync(string reference, CaseEvent happened, CancellationToken cancellationToken)
    {
        marks.TryAdd(new UntoldCaseEvent(reference, happened), clock.GetUtcNow());
        return Task.CompletedTask;
    }

    public Task ToldAsync(string reference, CaseEvent happened, CancellationToken cancellationToken)
    {
        marks.TryRemove(new UntoldCaseEvent(reference, happened), out _);
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<UntoldCaseEvent> MarkedBeforeAsync(DateTimeOffset before, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        foreach (var (untold, _) in marks.Where(m => m.Value < before).OrderBy(m => m.Value))
        {
            yield return untold;
        }
    }
}
