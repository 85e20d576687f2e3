using CocReports.Procedure.Reports;

namespace CocReports.Procedure.Storage;

/// <summary>Where reports and their case state live (Table storage in production).</summary>
public interface IReportStore
{
    Task<Report?> FindAsync(string reference, CancellationToken cancellationToken);

    /// <summary>Stores the report; storing the same reference again overwrites it (retries of one submission).</summary>
    Task SaveAsync(Report report, CancellationToken cancellationToken);

    Task<CaseState> GetCaseStateAsync(string reference, CancellationToken cancellationToken);

    /// <summary>
    /// Records the first acknowledgment. Returns false, changing nothing, when another member already
    /// acknowledged: two members clicking at once must not both win.
    /// </summary>
    Task<bool> TryAcknowledgeAsync(string reference, string memberId, DateTimeOffset at, CancellationToken cancellationToken);
}
