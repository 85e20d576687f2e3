using CocReports.Procedure.Committee;
using CocReports.Procedure.Paging;
using CocReports.Procedure.Storage;
using static CocReports.Procedure.Tests.Samples;

namespace CocReports.Procedure.Tests.Paging;

public sealed class UrgentPageTests
{
    [Fact]
    public void Only_members_the_report_reaches_who_may_decide_it_and_have_a_pager_are_paged()
    {
        var committee = ThreeMembers();
        committee.Members[0].Pager = "https://ntfy.example.org/ada-7f3k";
        committee.Members[1].Pager = "https://hooks.example.org/grace";
        committee.Members[2].Pager = " ";
        var everyone = new Audience(["ada", "grace", "alan"], false, 1);

        Assert.Equal(["ada", "grace"], UrgentPage.Recipients(committee, everyone, CaseState.New).Select(m => m.Id));
        Assert.Equal(["grace"], UrgentPage.Recipients(committee, new Audience(["grace", "alan"], false, 1), CaseState.New).Select(m => m.Id));
        Assert.Equal(["ada"], UrgentPage.Recipients(committee, everyone, CaseState.New.Declare("grace", ConflictKind.Soft)!).Select(m => m.Id));
    }
}
