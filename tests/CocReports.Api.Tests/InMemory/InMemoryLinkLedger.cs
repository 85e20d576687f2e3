using System.Collections.Concurrent;
using CocReports.Procedure.Storage;

namespace CocReports.Api.Tests.InMemory;

/// <summary>Spent links as a set: of two posts of one link, one adds it.</summary>
public sealed class InMemoryLinkLedger : ILinkLedger
{
    readonly ConcurrentDictionary<(string Reference, string LinkId), bool> used = new();

    public Task<bool> TryUseLinkAsync(string reference, string linkId, CancellationToken cancellationToken) =>
        Task.FromResult(used.TryAdd((reference, linkId), true));

    public Task<bool> IsLinkUsedAsync(string reference, string linkId, CancellationToken cancellationToken) =>
        Task.FromResult(used.ContainsKey((reference, linkId)));
}
