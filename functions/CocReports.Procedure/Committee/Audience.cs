namespace CocReports.Procedure.Committee;

/// <summary>
/// Who may know about a report: every member the reporter did not exclude and who has not recused, and the escalation
/// contacts once fewer than the quorum remain, or once everyone left declared a soft conflict (no one could decide it).
/// This is the one place conflicts of interest are decided; mail addressing and every read of a case go through it.
/// </summary>
public sealed record Audience(IReadOnlyList<string> MemberIds, bool ToEscalationContacts, int EscalationContactCount)
{
    /// <summary>The audience of a stored report: its reporter's exclusions and its case's recusals and soft conflicts.</summary>
    public static Audience For(CommitteeOptions committee, Reports.Report report, Storage.CaseState state) =>
        For(committee, report.Details.ExcludedMembers, state.RecusedMembers, state.SoftConflicts);

    public static Audience For(CommitteeOptions committee, IEnumerable<string> excluded, IEnumerable<string> recused, IEnumerable<string>? softConflicts = null)
    {
        var barred = excluded.Concat(recused).ToHashSet(StringComparer.Ordinal);
        var members = committee.Members.Select(m => m.Id).Where(id => !barred.Contains(id)).ToArray();
        var mayDecide = members.Except(softConflicts ?? [], StringComparer.Ordinal).Any();

        // A report about the whole committee must still reach someone; one about most of it, someone besides the few left.
        var quorum = Math.Min(committee.Quorum, committee.Members.Count);
        return new Audience(members, members.Length == 0 || members.Length < quorum || !mayDecide, committee.EscalationContacts.Count);
    }

    public bool Includes(string memberId) => MemberIds.Contains(memberId, StringComparer.Ordinal);
}
