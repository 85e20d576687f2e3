using CocReports.Procedure.Committee;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;

namespace CocReports.Procedure.Transparency;

/// <summary>
/// The reports a member's transparency draft counts: those whose <see cref="Audience"/> includes them. A report that
/// excludes them, or that they recused from, is not read into their draft at all, so no period they draft, however
/// short, tells them it exists: the exclusion protects a reporter from the person they report.
/// </summary>
public sealed class CountedReports(CommitteeOptions committee, string memberId)
{
    public bool Includes(Report report, CaseState state) => Audience.For(committee, report, state).Includes(memberId);
}
