using System.Collections.Concurrent;
using CocReports.Procedure.Storage;

namespace CocReports.Api.Tests.InMemory;

/// <summary>Case states in a dictionary; a rule is applied and stored under a lock, as the table store does under its ETag.</summary>
public sealed class InMemoryCaseStates(Journal journal) : ICaseStates
{
    readonly ConcurrentDictionary<string, CaseState> states = new(StringComparer.Ordinal);

    public Task<CaseState> GetCaseStateAsync(string reference, CancellationToken cancellationToken) =>
        Task.FromResult(states.GetValueOrDefault(reference, CaseState.New));

    public Task<CaseState?> TryChangeCaseAsync(string reference, Func<CaseState, CaseState?> rule, CancellationToken cancellationToken)
    {
        lock (states)
        {
            if (rule(states.GetValueOrDefault(reference, CaseState.New)) is not { } after)
            {
                return Task.FromResult<CaseState?>(null);
            }

            states[reference] = after;
            journal.Add("state");
            return Task.FromResult<CaseState?>(after);
        }
    }
}
