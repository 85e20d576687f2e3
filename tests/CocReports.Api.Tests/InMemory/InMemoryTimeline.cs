using System.Collections.Concurrent;
using CocReports.Procedure.Timeline;

namespace CocReports.Api.Tests.InMemory;

/// <summary>Each case's steps in the order appended; the same entry twice is kept once, as the table keeps it.</summary>
public sealed class InMemoryTimeline(Journal journal) : ITimeline
{
    readonly ConcurrentDictionary<string, List<TimelineEntry>> steps = new(StringComparer.Ordinal);

    public Task<bool> AppendAsync(string reference, TimelineEntry entry, CancellationToken cancellationToken)
    {
        lock (steps)
        {
            var list = steps.GetOrAdd(reference, _ => []);
            if (list.Contains(entry))
            {
                return Task.FromResult(false);
            }

            list.Add(entry);
        }

        journal.Add("step");
        return Task.FromResult(true);
    }

    public Task<IReadOnlyList<TimelineEntry>> ReadAsync(string reference, CancellationToken cancellationToken)
    {
        lock (steps)
        {
            return Task.FromResult<IReadOnlyList<TimelineEntry>>([.. steps.GetValueOrDefault(reference) ?? []]);
        }
    }
}
