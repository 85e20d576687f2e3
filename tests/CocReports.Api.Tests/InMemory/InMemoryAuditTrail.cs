using System.Collections.Concurrent;
using CocReports.Procedure.Storage;

namespace CocReports.Api.Tests.InMemory;

/// <summary>Each case's audit entries in the order appended, chained by the real <see cref="AuditChain"/>.</summary>
public sealed class InMemoryAuditTrail(Journal journal, AuditChain chain) : IAuditTrail
{
    readonly ConcurrentDictionary<string, List<AuditLink>> trails = new(StringComparer.Ordinal);

    public Task AppendAsync(string reference, AuditEntry entry, CancellationToken cancellationToken)
    {
        lock (trails)
        {
            var trail = trails.GetOrAdd(reference, _ => []);
            trail.Add(chain.Next(reference, trail.LastOrDefault(), entry));
        }

        journal.Add("audit");
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditLink>> ReadAsync(string reference, CancellationToken cancellationToken)
    {
        lock (trails)
        {
            return Task.FromResult<IReadOnlyList<AuditLink>>([.. trails.GetValueOrDefault(reference) ?? []]);
        }
    }

    public async Task<AuditLink?> NewestAsync(string reference, CancellationToken cancellationToken) =>
        (await ReadAsync(reference, cancellationToken)).LastOrDefault();

    /// <summary>The case's entries, without their chain.</summary>
    public IReadOnlyList<AuditEntry> Entries(string reference)
    {
        lock (trails)
        {
            return [.. (trails.GetValueOrDefault(reference) ?? []).Select(l => l.Entry)];
        }
    }
}
