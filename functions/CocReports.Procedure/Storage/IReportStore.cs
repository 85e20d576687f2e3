using CocReports.Procedure.Reports;

namespace CocReports.Procedure.Storage;

/// <summary>
/// Where reports live (Table storage in production). What the committee did on a case is kept beside them, each
/// concern behind its own interface: <see cref="ICaseStates"/>, <see cref="ICaseMessages"/>,
/// <see cref="ISentMailLedger"/>, <see cref="ILinkLedger"/> and <see cref="IOpenCasesProjection"/>.
/// </summary>
public interface IReportStore
{
    Task<Report?> FindAsync(string reference, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a new report. False, changing nothing, when a report with this reference is already stored: of two
    /// attempts of one submission racing, the first keeps its report and the second is answered from it.
    /// </summary>
    Task<bool> TryAddAsync(Report report, CancellationToken cancellationToken);

    /// <summary>Reports received at or after <paramref name="since"/>, for the sweep that starts workflows intake could not.</summary>
    IAsyncEnumerable<Report> ReceivedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>
    /// Makes the unconfirmed From address the report's contact (<see cref="Report.WithSenderConfirmed"/>) and returns
    /// the report so changed; null, changing nothing, when no confirmation was pending.
    /// </summary>
    Task<Report?> TryConfirmSenderAsync(string reference, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the report with <paramref name="report"/> and its messages with <paramref name="messages"/> (matched by
    /// id), deleting every other message: what retention keeps.
    /// </summary>
    Task RetainOnlyAsync(Report report, IReadOnlyList<CaseMessage> messages, CancellationToken cancellationToken);
}
