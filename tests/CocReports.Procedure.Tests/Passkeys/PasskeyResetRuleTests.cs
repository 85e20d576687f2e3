using CocReports.Procedure.Committee;
using CocReports.Procedure.Passkeys;
using static CocReports.Procedure.Tests.Samples;

namespace CocReports.Procedure.Tests.Passkeys;

public class PasskeyResetRuleTests
{
    static readonly CommitteeOptions Committee = ThreeMembers();

    static PasskeyResetVouch Vouch(string by, TimeSpan after, string member = "ada") => new(member, by, Start + after);

    [Fact]
    public void One_vouch_does_not_reset_and_two_other_members_within_a_day_do()
    {
        var one = Vouch("grace", TimeSpan.Zero);
        var two = Vouch("alan", TimeSpan.FromHours(23));

        Assert.False(PasskeyResetRule.Resets(Committee, PasskeyResetRule.Counted(Committee, "ada", [one], Start + TimeSpan.FromHours(23))));
        Assert.True(PasskeyResetRule.Resets(Committee, PasskeyResetRule.Counted(Committee, "ada", [one, two], Start + TimeSpan.FromHours(23))));
    }

    [Fact]
    public void A_member_never_vouches_for_their_own_reset()
    {
        Assert.Equal(PasskeyResetRefusal.Themselves, PasskeyResetRule.Refusal(Committee, "ada", "ada", voucherHasPasskey: true, memberHasPasskey: true));
        Assert.Single(PasskeyResetRule.Counted(Committee, "ada", [Vouch("ada", TimeSpan.Zero), Vouch("grace", TimeSpan.Zero)], Start));
    }

    [Fact]
    public void The_same_member_vouching_twice_counts_once()
    {
        var vouches = new[] { Vouch("grace", TimeSpan.Zero), Vouch("grace", TimeSpan.FromMinutes(1)) };

        Assert.Single(PasskeyResetRule.Counted(Committee, "ada", vouches, Start + TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void Vouches_more_than_a_day_apart_do_not_reset()
    {
        var vouches = new[] { Vouch("grace", TimeSpan.Zero), Vouch("alan", PasskeyResetRule.Within + TimeSpan.FromSeconds(1)) };

        Assert.Single(PasskeyResetRule.Counted(Committee, "ada", vouches, Start + PasskeyResetRule.Within + TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void A_vouch_of_someone_no_longer_on_the_committee_does_not_count()
    {
        var vouches = new[] { Vouch("grace", TimeSpan.Zero), Vouch("former", TimeSpan.Zero) };

        Assert.Equal(PasskeyResetRefusal.NotAMember, PasskeyResetRule.Refusal(Committee, "former", "ada", voucherHasPasskey: true, memberHasPasskey: true));
        Assert.Single(PasskeyResetRule.Counted(Committee, "ada", vouches, Start));
    }

    [Fact]
    public void With_passkeys_required_a_member_without_one_vouches_for_nobody()
    {
        var required = ThreeMembers();
        required.Passkeys = PasskeyUse.Required;

        Assert.Equal(PasskeyResetRefusal.NoPasskeyOfTheirOwn, PasskeyResetRule.Refusal(required, "grace", "ada", voucherHasPasskey: false, memberHasPasskey: true));
        Assert.Null(PasskeyResetRule.Refusal(required, "grace", "ada", voucherHasPasskey: true, memberHasPasskey: true));
        Assert.Null(PasskeyResetRule.Refusal(Committee, "grace", "ada", voucherHasPasskey: false, memberHasPasskey: true));
    }

    [Fact]
    public void A_member_without_a_passkey_has_nothing_to_reset()
    {
        Assert.Equal(PasskeyResetRefusal.NothingToReset, PasskeyResetRule.Refusal(Committee, "grace", "ada", voucherHasPasskey: true, memberHasPasskey: false));
    }

    [Fact]
    public void In_a_committee_of_two_the_other_member_and_an_escalation_contact_reset_but_contacts_alone_never_do()
    {
        var two = ThreeMembers();
        two.Members.RemoveAt(2);
        two.EscalationContacts = [new EscalationContact { Name = "Board", Email = "board@example.org" }, new EscalationContact { Name = "Chair", Email = "chair@example.org" }];
        var board = PasskeyResetRule.VoucherIdOf(two.EscalationContacts[0]);
        var chair = PasskeyResetRule.VoucherIdOf(two.EscalationContacts[1]);

        Assert.Null(PasskeyResetRule.Unavailable(two));
        Assert.Null(PasskeyResetRule.Refusal(two, board, "ada", voucherHasPasskey: false, memberHasPasskey: true));
        Assert.True(PasskeyResetRule.Resets(two, PasskeyResetRule.Counted(two, "ada", [Vouch("grace", TimeSpan.Zero), Vouch(board, TimeSpan.Zero)], Start)));
        Assert.False(PasskeyResetRule.Resets(two, PasskeyResetRule.Counted(two, "ada", [Vouch(board, TimeSpan.Zero), Vouch(chair, TimeSpan.Zero)], Start)));
        Assert.DoesNotContain("board", board, StringComparison.Ordinal);
    }

    [Fact]
    public void An_escalation_contact_vouches_for_nobody_in_a_committee_of_three()
    {
        var three = ThreeMembers();
        three.EscalationContacts = [new EscalationContact { Name = "Board", Email = "board@example.org" }];

        Assert.Equal(PasskeyResetRefusal.NotAMember, PasskeyResetRule.Refusal(three, PasskeyResetRule.VoucherIdOf(three.EscalationContacts[0]), "ada", voucherHasPasskey: false, memberHasPasskey: true));
        Assert.Equal(PasskeyResetRefusal.NotAMember, PasskeyResetRule.Refusal(three, "escalation:000000000000", "ada", voucherHasPasskey: false, memberHasPasskey: true));
    }

    [Fact]
    public void A_committee_of_one_or_of_two_without_escalation_contacts_cannot_reset_by_vouches_and_nobody_can_with_passkeys_off()
    {
        var two = ThreeMembers();
        two.Members.RemoveAt(2);
        two.EscalationContacts = [];
        var one = ThreeMembers();
        one.Members.RemoveRange(1, 2);
        var off = ThreeMembers();
        off.Passkeys = PasskeyUse.Off;

        Assert.Equal(PasskeyResetRefusal.TooFewMembers, PasskeyResetRule.Refusal(two, "grace", "ada", voucherHasPasskey: true, memberHasPasskey: true));
        Assert.Equal(PasskeyResetRefusal.TooFewMembers, PasskeyResetRule.Unavailable(one));
        Assert.Equal(PasskeyResetRefusal.PasskeysOff, PasskeyResetRule.Refusal(off, "grace", "ada", voucherHasPasskey: true, memberHasPasskey: true));
        Assert.Null(PasskeyResetRule.Refusal(Committee, "grace", "ada", voucherHasPasskey: true, memberHasPasskey: true));
    }
}
