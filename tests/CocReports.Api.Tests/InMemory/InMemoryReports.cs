using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;

namespace CocReports.Api.Tests.InMemory;

/// <summary>Reports in a dictionary, with the store's promises: the first add of a reference wins.</summary>
public sealed class InMemoryReports(InMemoryCaseMessages caseMessages) : IReportStore
{
    readonly ConcurrentDictionary<string, Report> reports = new(StringComparer.Ordinal);

    public Task<Report?> FindAsync(string reference, CancellationToken cancellationToken) =>
        Task.FromResult(reports.GetValueOrDefault(reference));

    public Task<bool> TryAddAsync(Report report, CancellationToken cancellationToken) =>
        Task.FromResult(reports.TryAdd(report.Reference, report));

    public async IAsyncEnumerable<Report> ReceivedSinceAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        foreach (var report in reports.Values.Where(r => r.ReceivedAt >= since))
        {
            yield return report;
        }
    }

    public Task<Report?> TryConfirmSenderAsync(string reference, CancellationToken cancellationToken)
    {
        lock (reports)
        {
            if (reports.GetValueOrDefault(reference)?.WithSenderConfirmed() is not { } confirmed)
            {
                return Task.FromResult<Report?>(null);
            }

            reports[reference] = confirmed;
            return Task.FromResult<Report?>(confirmed);
        }
    }

    public Task RetainOnlyAsync(Report report, IReadOnlyList<CaseMessage> messages, CancellationToken cancellationToken)
    {
        reports[report.Reference] = report;
        caseMessages.RetainOnly(report.Reference, messages);
        return Task.CompletedTask;
    }
}
