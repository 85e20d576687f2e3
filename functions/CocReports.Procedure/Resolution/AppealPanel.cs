using CocReports.Procedure.Committee;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;

namespace CocReports.Procedure.Resolution;

/// <summary>
/// Who hears an appeal, as the members its case is kept from: everyone kept from the appealed case (excluded by its
/// reporter, recused), the members who resolved it, and, where the community names a panel, everyone else. Once too
/// few remain, <see cref="Audience"/> hands the appeal to the escalation contacts as it does any case.
/// </summary>
public static class AppealPanel
{
    public static IReadOnlyList<string> KeptFrom(CommitteeOptions committee, AppealOptions appeals, Report appealed, CaseState state, IEnumerable<CaseMessage> messages)
    {
        var deciders = messages.Where(m => m.Kind == CaseMessageKind.Resolution).Select(m => m.From);
        var outsidePanel = appeals.Panel.Count == 0 ? [] : committee.Members.Select(m => m.Id).Except(appeals.Panel, StringComparer.Ordinal);
        return [.. appealed.Details.ExcludedMembers.Concat(state.RecusedMembers).Concat(deciders).Concat(outsidePanel).Distinct(StringComparer.Ordinal)];
    }
}
