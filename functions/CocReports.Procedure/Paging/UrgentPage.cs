using CocReports.Procedure.Committee;
using CocReports.Procedure.Rendering;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;

namespace CocReports.Procedure.Paging;

/// <summary>
/// "Pages every un-conflicted member at once on every channel the community configured": whom an urgent report pages
/// and what the page says, in the member's words. A pager is a third party's service, so the page carries the reference
/// and nothing else of the report, and no link (links are a member's credentials): the member reads their mail.
/// </summary>
public static class UrgentPage
{
    public static string Title(Texts t) => t["CommitteeMail.Page.Title"];

    /// <summary>The members with a pager who may see the report and decide it (a soft conflict is not paged).</summary>
    public static IReadOnlyList<CommitteeMember> Recipients(CommitteeOptions committee, Audience audience, CaseState state) =>
        [.. committee.Members.Where(m => m.PagerUrl is not null && audience.Includes(m.Id) && !state.SoftConflicts.Contains(m.Id, StringComparer.Ordinal))];

    public static string Text(Report report, string community, Texts t) => t.Format("CommitteeMail.Page.Text", report.Reference, community);
}
