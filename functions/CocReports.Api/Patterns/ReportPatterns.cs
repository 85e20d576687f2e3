using CocReports.Procedure.Committee;
using CocReports.Procedure.Links;
using CocReports.Procedure.Patterns;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CocReports.Api.Patterns;

/// <summary>
/// Indexes a report's identifiers of the reported person (hashes only), and tells a member which other reports may name
/// the same person, among those the member may see.
/// </summary>
public sealed class ReportPatterns(IPatternIndex index, IReportStore reports, ActionLinks links, IOptions<CommitteeOptions> committee, ILogger<ReportPatterns> log)
{
    readonly IdentifierHashes hashes = new(links.DeriveKey("patterns"));

    /// <summary>Safe to run again: intake indexes, and opening the case indexes again in case intake could not.</summary>
    public async Task IndexAsync(Report report, CancellationToken cancellationToken)
    {
        try
        {
            await index.AddAsync(report.Reference, hashes.Of(Identifiers.From(report.Details.ReportedPerson)), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The report is stored; matching it can wait for the next view of its case.
            log.LogWarning("Report {Reference} could not be indexed for patterns: {Reason}", report.Reference, e.GetType().Name);
        }
    }

    public async Task<IReadOnlyList<PatternMatch>> ForMemberAsync(string reference, string memberId, CancellationToken cancellationToken)
    {
        var others = new List<(PatternMatch, Report, CaseState)>();
        foreach (var match in await index.MatchesAsync(reference, cancellationToken))
        {
            if (await reports.FindAsync(match.Reference, cancellationToken) is { } other)
            {
                others.Add((match, other, await reports.GetCaseStateAsync(match.Reference, cancellationToken)));
            }
        }

        return PatternDisclosure.For(memberId, others, committee.Value);
    }
}
