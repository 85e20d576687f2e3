using CocReports.Procedure.Committee;
using CocReports.Procedure.Links;
using CocReports.Procedure.Passkeys;
using static CocReports.Procedure.Tests.Samples;

namespace CocReports.Procedure.Tests.Passkeys;

public class PasskeyRuleTests
{
    const string Reference = "COC-AB12-CD34";

    static CommitteeOptions Committee(PasskeyUse use) => new() { Passkeys = use, PasskeyStepUpWithin = TimeSpan.FromMinutes(5) };

    [Fact]
    public void With_passkeys_off_nothing_is_asked_even_of_a_member_who_has_one()
    {
        var off = Committee(PasskeyUse.Off);

        Assert.False(PasskeyRule.SignInNeeded(off, hasPasskey: true));
        Assert.False(PasskeyRule.MustAdd(off, hasPasskey: false));
        Assert.False(PasskeyRule.Offered(off, hasPasskey: false));
        Assert.False(PasskeyRule.StepUpNeeded(off, hasPasskey: true, confirmedAt: null, Start));
    }

    [Fact]
    public void Offered_passkeys_are_asked_only_of_members_who_added_one()
    {
        var offered = Committee(PasskeyUse.Offered);

        Assert.True(PasskeyRule.Offered(offered, hasPasskey: false));
        Assert.False(PasskeyRule.MustAdd(offered, hasPasskey: false));
        Assert.False(PasskeyRule.SignInNeeded(offered, hasPasskey: false));
        Assert.True(PasskeyRule.SignInNeeded(offered, hasPasskey: true));
    }

    [Fact]
    public void Required_passkeys_must_be_added_before_a_case_is_shown()
    {
        var required = Committee(PasskeyUse.Required);

        Assert.True(PasskeyRule.MustAdd(required, hasPasskey: false));
        Assert.False(PasskeyRule.MustAdd(required, hasPasskey: true));
    }

    [Fact]
    public void A_step_up_is_asked_once_the_last_confirmation_is_older_than_the_window()
    {
        var offered = Committee(PasskeyUse.Offered);

        Assert.False(PasskeyRule.StepUpNeeded(offered, true, Start, Start.AddMinutes(5)));
        Assert.True(PasskeyRule.StepUpNeeded(offered, true, Start, Start.AddMinutes(5).AddSeconds(1)));
        Assert.True(PasskeyRule.StepUpNeeded(offered, true, confirmedAt: null, Start));
        Assert.False(PasskeyRule.StepUpNeeded(offered, hasPasskey: false, confirmedAt: null, Start));
    }

    [Fact]
    public void A_confirmed_session_keeps_its_start_and_end_and_carries_the_confirmation_time()
    {
        var clock = Clock();
        var sessions = new CaseSessions(LinkOptions(), clock);
        var started = sessions.Start(Reference, "grace");
        clock.Advance(TimeSpan.FromMinutes(10));

        var confirmed = sessions.Check(sessions.Confirmed(started, Reference).Value, Reference);

        Assert.Null(sessions.Check(started.Value, Reference)?.ConfirmedAt);
        Assert.Equal((started.IssuedAt, started.ExpiresAt, Start.AddMinutes(10)), (confirmed?.IssuedAt, confirmed?.ExpiresAt, confirmed?.ConfirmedAt));
    }

    [Fact]
    public void A_sealed_ceremony_opens_only_for_its_member_and_place_and_only_for_a_few_minutes()
    {
        var clock = Clock();
        var seal = new CeremonySeal(LinkOptions(), clock);
        var sealedCeremony = seal.Seal(Reference, "grace", """{"challenge":"abc"}""");

        Assert.Equal("""{"challenge":"abc"}""", seal.Open(sealedCeremony, Reference, "grace"));
        Assert.Null(seal.Open(sealedCeremony, Reference, "ada"));
        Assert.Null(seal.Open(sealedCeremony, "COC-ZZ99-YY88", "grace"));
        clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Null(seal.Open(sealedCeremony, Reference, "grace"));
    }
}
