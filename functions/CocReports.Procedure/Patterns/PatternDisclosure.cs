using CocReports.Procedure.Committee;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;

namespace CocReports.Procedure.Patterns;

/// <summary>
/// "We can compile several anonymized reports into a pattern of behavior": a member is told of another report that
/// may name the same person only when they may see that report too. Of one they may not see (excluded there,
/// recused) they learn nothing, not even that it exists.
/// </summary>
public static class PatternDisclosure
{
    public static IReadOnlyList<PatternMatch> For(
        string memberId, IEnumerable<(PatternMatch Match, Report Report, CaseState State)> others, CommitteeOptions committee) =>
        [.. others.Where(o => Audience.For(committee, o.Report, o.State).Includes(memberId)).Select(o => o.Match)];
}
