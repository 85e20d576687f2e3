using CocReports.Procedure.Committee;
using CocReports.Procedure.Links;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CocReports.Procedure.Patterns;

/// <summary>
/// Indexes a report's identifiers of the reported person (hashes only), and tells a member which other reports may name
/// the same person, among those the member may see.
/// </summary>
public sealed class ReportPatterns(IPatternIndex index, IReportStore reports, ICaseStates cases, ActionLinks links, IOptions<CommitteeOptions> committee, ILogger<ReportPatterns> log)
{
    readonly IdentifierHashes hashes = new(links.DeriveRecordKey(KeyPurpose.Patterns));

    /// <summary>
    /// Safe to run again: the announcement of every new report indexes it, whatever its door, and opening the case
    /// indexes it again in case that could not.
    /// </summary>
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

    /// <summary>The identifiers taken from the report's text, derived afresh: the index keeps none of them in plaintext.</summary>
    public IReadOnlyList<(Identifier Identifier, IdentifierHash Hash)> TakenFrom(Report report)
    {
        var taken = Identifiers.From(report.Details.ReportedPerson);
        return [.. taken.Zip(hashes.Of(taken))];
    }

    /// <summary>What the index holds for the report: the identifiers members added and removed, by hash and kind only.</summary>
    public Task<IReadOnlyList<IndexedIdentifier>> IndexedAsync(string reference, CancellationToken cancellationToken) =>
        index.OfAsync(reference, cancellationToken);

    /// <summary>A member adds identifiers the report missed (hashes only), or restores ones removed before.</summary>
    public Task AddAsync(string reference, IEnumerable<Identifier> identifiers, IdentifierChange change, CancellationToken cancellationToken) =>
        index.AddByMemberAsync(reference, hashes.Of(identifiers), change, cancellationToken);

    /// <summary>A member removes identifiers found to be wrong: the report no longer matches on them.</summary>
    public Task RemoveAsync(string reference, IReadOnlyList<IdentifierHash> wrong, IdentifierChange change, CancellationToken cancellationToken) =>
        index.RemoveAsync(reference, wrong, change, cancellationToken);

    /// <summary>The reports that name any of <paramref name="identifiers"/>, each once, found by keyed hash as matches are.</summary>
    public async Task<IReadOnlyList<string>> NamingAsync(IEnumerable<Identifier> identifiers, CancellationToken cancellationToken)
    {
        var references = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var hash in hashes.Of(identifiers))
        {
            references.UnionWith(await index.NamingAsync(hash.Hash, cancellationToken));
        }

        return [.. references];
    }

    /// <summary>At the end of the retention period, with the rest of what described the reported person.</summary>
    public Task ForgetAsync(string reference, CancellationToken cancellationToken) => index.ForgetAsync(reference, cancellationToken);

    /// <summary>The other reports that may name the same person, with what decides who may know of each.</summary>
    public async Task<IReadOnlyList<OtherReport>> OthersAsync(string reference, CancellationToken cancellationToken)
    {
        var others = new List<OtherReport>();
        foreach (var match in await index.MatchesAsync(reference, cancellationToken))
        {
            if (await reports.FindAsync(match.Reference, cancellationToken) is { } other)
            {
                others.Add(new OtherReport(match, other, await cases.GetCaseStateAsync(match.Reference, cancellationToken)));
            }
        }

        return others;
    }

    /// <summary>Of <paramref name="others"/>, those the member may see: of the rest they learn nothing, not even that they exist.</summary>
    public IReadOnlyList<PatternMatch> ForMember(string memberId, IEnumerable<OtherReport> others) =>
        PatternDisclosure.For(memberId, others.Select(o => (o.Match, o.Report, o.State)), committee.Value);

    public async Task<IReadOnlyList<PatternMatch>> ForMemberAsync(string reference, string memberId, CancellationToken cancellationToken) =>
        ForMember(memberId, await OthersAsync(reference, cancellationToken));
}

/// <summary>A report that shares an identifier of the reported person, with what decides who may know of it.</summary>
public sealed record OtherReport(PatternMatch Match, Report Report, CaseState State);
