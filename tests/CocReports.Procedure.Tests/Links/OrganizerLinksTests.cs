using System.Web;
using CocReports.Procedure.Links;
using CocReports.Procedure.Organizers;
using static CocReports.Procedure.Tests.Samples;

namespace CocReports.Procedure.Tests.Links;

public class OrganizerLinksTests
{
    static readonly OrganizerOptions Organizers = new() { People = [new Organizer { Id = "ada", Name = "Ada", Event = "TestConf" }] };

    static string TokenOf(Uri link) => HttpUtility.ParseQueryString(link.Query)["token"]!;

    [Fact]
    public void A_link_names_its_organizer_and_when_it_was_issued()
    {
        var clock = Clock();
        var links = new OrganizerLinks(LinkOptions(), clock);

        var check = links.Check(TokenOf(links.Create("ada")), Organizers);

        Assert.Equal(LinkStatus.Valid, check.Status);
        Assert.Equal("ada", check.Organizer!.Id);
        Assert.Equal(Start, check.IssuedAt);
    }

    [Fact]
    public void A_link_works_for_its_lifetime_and_not_a_second_longer()
    {
        var clock = Clock();
        var options = LinkOptions();
        options.OrganizerLifetime = TimeSpan.FromDays(30);
        var links = new OrganizerLinks(options, clock);
        var token = TokenOf(links.Create("ada"));

        clock.Advance(TimeSpan.FromDays(30));
        Assert.Equal(LinkStatus.Valid, links.Check(token, Organizers).Status);

        clock.Advance(TimeSpan.FromSeconds(1));
        var expired = links.Check(token, Organizers);
        Assert.Equal(LinkStatus.Expired, expired.Status);
        Assert.Null(expired.Organizer);
    }

    [Fact]
    public void A_link_made_before_links_expired_is_refused()
    {
        // The format before issue 19: "organizer|<id>", signed for the same purpose, valid forever.
        var old = new SignedToken(new SigningKeys(LinkOptions()), KeyPurpose.OrganizerIntake).Sign("organizer|ada");

        var check = new OrganizerLinks(LinkOptions(), Clock()).Check(old, Organizers);

        Assert.Equal(LinkStatus.Tampered, check.Status);
        Assert.Null(check.Organizer);
    }

    [Fact]
    public void A_link_of_an_organizer_no_longer_configured_is_refused()
    {
        var links = new OrganizerLinks(LinkOptions(), Clock());

        Assert.Null(links.Check(TokenOf(links.Create("former")), Organizers).Organizer);
    }

    [Fact]
    public void A_link_signed_with_another_key_or_altered_is_refused()
    {
        var links = new OrganizerLinks(LinkOptions(), Clock());
        var other = new OrganizerLinks(LinkOptions(OtherSigningKey), Clock());
        var token = TokenOf(links.Create("ada"));

        Assert.Equal(LinkStatus.Tampered, links.Check(TokenOf(other.Create("ada")), Organizers).Status);
        Assert.Equal(LinkStatus.Tampered, links.Check(token[..^2], Organizers).Status);
        Assert.Equal(LinkStatus.Tampered, links.Check(null, Organizers).Status);
    }

    [Fact]
    public void An_action_link_is_not_an_organizer_link()
    {
        var token = TokenOf(SignedLinks(Clock()).Create("COC-AB12-CD34", "ada", CaseAction.View));

        Assert.Equal(LinkStatus.Tampered, new OrganizerLinks(LinkOptions(), Clock()).Check(token, Organizers).Status);
    }
}
