using System.Collections.Concurrent;
using CocReports.Procedure.Storage;

namespace CocReports.Api.Tests.InMemory;

/// <summary>Each case's messages in the order written.</summary>
public sealed class InMemoryCaseMessages(Journal journal) : ICaseMessages
{
    readonly ConcurrentDictionary<string, List<CaseMessage>> messages = new(StringComparer.Ordinal);

    public Task AddMessageAsync(string reference, CaseMessage message, CancellationToken cancellationToken)
    {
        lock (messages)
        {
            messages.GetOrAdd(reference, _ => []).Add(message);
        }

        journal.Add("message");
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<CaseMessage>> GetMessagesAsync(string reference, CancellationToken cancellationToken)
    {
        lock (messages)
        {
            return Task.FromResult<IReadOnlyList<CaseMessage>>([.. messages.GetValueOrDefault(reference) ?? []]);
        }
    }

    /// <summary>What <see cref="IReportStore.RetainOnlyAsync"/> keeps of a case's messages.</summary>
    public void RetainOnly(string reference, IReadOnlyList<CaseMessage> kept)
    {
        lock (messages)
        {
            messages[reference] = [.. kept];
        }
    }
}
