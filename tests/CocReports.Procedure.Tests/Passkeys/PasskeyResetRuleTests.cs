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

        Assert.Single(PasskeyResetRule.Counted(Committee, "ada", [one], Start + TimeSpan.FromHours(23)));
        Assert.Equal(PasskeyResetRule.VouchesNeeded, PasskeyResetRule.Counted(Committee, "ada", [one, two], Start + TimeSpan.FromHours(23)).Count);
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
    public void A_committee_of_two_cannot_reset_by_vouches_and_nobody_can_with_passkeys_off()
    {
        var two = ThreeMembers();
        two.Members.RemoveAt(2);
        var off = ThreeMembers();
        off.Passkeys = PasskeyUse.Off;

        Assert.Equal(PasskeyResetRefusal.TooFewMembers, PasskeyResetRule.Refusal(two, "grace", "ada", voucherHasPasskey: true, memberHasPasskey: true));
        Assert.Equal(PasskeyResetRefusal.PasskeysOff, PasskeyResetRule.Refusal(off, "grace", "ada", voucherHasPasskey: true, memberHasPasskey: true));
        Assert.Null(PasskeyResetRule.Refusal(Committee, "grace", "ada", voucherHasPasskey: true, memberHasPasskey: true));
    }
}
