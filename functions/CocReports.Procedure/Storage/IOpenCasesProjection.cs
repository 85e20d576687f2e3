using CocReports.Procedure.OpenCases;
using CocReports.Procedure.Reports;

namespace CocReports.Procedure.Storage;

/// <summary>The unresolved cases, for the open-cases page and the digest.</summary>
public interface IOpenCasesProjection
{
    /// <summary>
    /// Lists the report among the open cases, when its workflow announces it to the committee. From then on the list
    /// follows the case as it is recorded (acknowledgment, recusals, follow-ups and status updates) and drops it at
    /// resolution. <paramref name="announcedTo"/>: the members told of it, so a member who joins later is known as a newcomer to it.
    /// </summary>
    Task ListOpenCaseAsync(Report report, IReadOnlyList<string> announcedTo, CancellationToken cancellationToken);

    /// <summary>Every open case: one query, however many there are.</summary>
    Task<IReadOnlyList<OpenCaseSummary>> OpenCasesAsync(CancellationToken cancellationToken);
}
