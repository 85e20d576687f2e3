using CocReports.Procedure.Links;
using static CocReports.Procedure.Tests.Samples;

namespace CocReports.Procedure.Tests.Links;

public class CaseSessionsTests
{
    const string Reference = "COC-AB12-CD34";

    static CaseSessions Sessions(TimeProvider clock, string? key = null) => new(LinkOptions(key), clock);

    [Fact]
    public void A_session_names_its_member_and_lasts_the_session_lifetime()
    {
        var clock = Clock();
        var sessions = Sessions(clock);
        var session = sessions.Start(Reference, "grace");

        clock.Advance(new LinkOptions().SessionLifetime - TimeSpan.FromSeconds(1));
        var check = sessions.Check(session.Value, Reference);
        Assert.Equal("grace", check?.MemberId);
        Assert.Equal(Start, check?.IssuedAt);

        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Null(sessions.Check(session.Value, Reference));
    }

    [Fact]
    public void A_session_for_one_report_opens_no_other()
    {
        var sessions = Sessions(Clock());

        Assert.Null(sessions.Check(sessions.Start(Reference, "grace").Value, "COC-ZZ99-YY88"));
    }

    [Fact]
    public void A_view_link_token_is_not_a_session_and_a_session_is_not_a_link()
    {
        var clock = Clock();
        var links = SignedLinks(clock);
        var viewToken = System.Web.HttpUtility.ParseQueryString(links.Create(Reference, "grace", CaseAction.View).Query)["token"];
        var session = Sessions(clock).Start(Reference, "grace");

        Assert.Null(Sessions(clock).Check(viewToken, Reference));
        Assert.Equal(LinkCheck.Tampered, links.Check(session.Value, Reference, CaseAction.View));
    }

    [Fact]
    public void A_session_signed_with_another_key_is_refused_and_one_from_the_previous_key_accepted()
    {
        var clock = Clock();
        var old = Sessions(clock).Start(Reference, "grace");
        var rotated = LinkOptions(OtherSigningKey);
        rotated.PreviousSigningKey = SigningKey;

        Assert.Null(Sessions(clock, OtherSigningKey).Check(old.Value, Reference));
        Assert.Equal("grace", new CaseSessions(rotated, clock).Check(old.Value, Reference)?.MemberId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("a.b.c")]
    [InlineData("garbage")]
    public void Garbage_is_no_session(string? value)
    {
        Assert.Null(Sessions(Clock()).Check(value, Reference));
    }
}
