using CocReports.Procedure.Committee;
using static CocReports.Procedure.Tests.Samples;

namespace CocReports.Procedure.Tests.Committee;

public class AudienceTests
{
    [Fact]
    public void Everyone_hears_when_nobody_is_excluded_or_recused()
    {
        var audience = Audience.For(ThreeMembers(), [], []);

        Assert.Equal(["ada", "grace", "alan"], audience.MemberIds);
        Assert.False(audience.ToEscalationContacts);
    }

    [Fact]
    public void Excluded_and_recused_members_are_left_out_and_the_others_keep_their_order()
    {
        var audience = Audience.For(ThreeMembers(), excluded: ["grace"], recused: []);
        Assert.Equal(["ada", "alan"], audience.MemberIds);

        audience = Audience.For(ThreeMembers(), excluded: [], recused: ["ada"]);
        Assert.Equal(["grace", "alan"], audience.MemberIds);

        audience = Audience.For(ThreeMembers(), excluded: ["alan"], recused: ["ada"]);
        Assert.Equal(["grace"], audience.MemberIds);
        Assert.False(audience.Includes("ada"));
        Assert.False(audience.Includes("alan"));
        Assert.True(audience.Includes("grace"));
        Assert.False(audience.ToEscalationContacts);
    }

    [Fact]
    public void A_report_everyone_left_has_a_soft_conflict_with_is_handed_to_the_escalation_contacts_and_still_read_by_them()
    {
        Assert.False(Audience.For(ThreeMembers(), excluded: [], recused: ["ada"], softConflicts: ["grace"]).ToEscalationContacts);

        var audience = Audience.For(ThreeMembers(), excluded: [], recused: ["ada"], softConflicts: ["grace", "alan"]);

        Assert.True(audience.ToEscalationContacts);
        Assert.Equal(["grace", "alan"], audience.MemberIds);
    }

    [Fact]
    public void Member_ids_are_matched_exactly()
    {
        var audience = Audience.For(ThreeMembers(), excluded: ["ADA"], recused: ["grace "]);

        Assert.Equal(["ada", "grace", "alan"], audience.MemberIds);
    }

    [Fact]
    public void Report_that_no_member_may_see_goes_to_the_escalation_contacts()
    {
        var audience = Audience.For(ThreeMembers(), excluded: ["ada", "grace"], recused: ["alan", "grace"]);

        Assert.Empty(audience.MemberIds);
        Assert.True(audience.ToEscalationContacts);
        Assert.Equal(2, audience.EscalationContactCount);
    }

    [Fact]
    public void A_report_goes_to_the_escalation_contacts_too_once_fewer_than_the_quorum_remain()
    {
        var committee = ThreeMembers();
        committee.Members.Add(new CommitteeMember { Id = "lin", Name = "Lin", Email = "lin@example.org" });
        committee.Members.Add(new CommitteeMember { Id = "mo", Name = "Mo", Email = "mo@example.org" });
        committee.Quorum = 3;

        Assert.False(Audience.For(committee, excluded: ["ada"], recused: ["grace"]).ToEscalationContacts);

        var below = Audience.For(committee, excluded: ["ada"], recused: ["grace", "alan"]);
        Assert.True(below.ToEscalationContacts);
        Assert.Equal(["lin", "mo"], below.MemberIds);
    }

    [Fact]
    public void A_committee_smaller_than_its_quorum_needs_all_its_members()
    {
        var committee = ThreeMembers();
        committee.Quorum = 5;

        Assert.False(Audience.For(committee, [], []).ToEscalationContacts);
        Assert.True(Audience.For(committee, [], recused: ["alan"]).ToEscalationContacts);
    }

    [Fact]
    public void By_default_a_report_stays_with_the_committee_while_any_member_remains()
    {
        Assert.False(Audience.For(ThreeMembers(), excluded: ["ada"], recused: ["alan"]).ToEscalationContacts);
    }

    [Fact]
    public void Escalation_contact_count_follows_the_configuration()
    {
        var committee = ThreeMembers();
        committee.EscalationContacts.Add(new EscalationContact { Name = "Alternate", Email = "alt@example.org" });

        Assert.Equal(3, Audience.For(committee, [], []).EscalationContactCount);

        committee.EscalationContacts.Clear();
        Assert.Equal(0, Audience.For(committee, [], []).EscalationContactCount);
    }
}
