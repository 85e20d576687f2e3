using System.Collections.Concurrent;

namespace CocReports.Api.Tests.InMemory;

/// <summary>What the fakes were asked to keep, in the order asked: how a test sees the desk's order.</summary>
public sealed class Journal
{
    readonly ConcurrentQueue<string> entries = new();

    public IReadOnlyList<string> Entries => [.. entries];

    public void Add(string entry) => entries.Enqueue(entry);
}
