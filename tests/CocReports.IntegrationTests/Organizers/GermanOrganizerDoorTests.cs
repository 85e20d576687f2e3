using System.Net;
using CocReports.Procedure.Links;
using CocReports.Testing;

namespace CocReports.IntegrationTests;

/// <summary>
/// A German-speaking community's organizers take reports in German: the intake page, its errors and the reporter's
/// receipt page, and the reporter's receipt mail, since the report is taken in the committee's language.
/// </summary>
public sealed class GermanOrganizerDoorTests(GermanOrganizerDoorTests.Host host) : IClassFixture<GermanOrganizerDoorTests.Host>
{
    [Fact]
    public async Task An_organizer_of_a_german_committee_takes_a_report_in_german_and_the_reporter_is_answered_in_german()
    {
        var token = MailLinks.Token(host.OrganizerLink("ada"));
        var form = WebUtility.HtmlDecode(await host.Http.GetStringAsync($"/api/organizer/intake?token={Uri.EscapeDataString(token)}"));
        Assert.Contains("lang=\"de\"", form, StringComparison.Ordinal);
        Assert.Contains("Eine Verhaltenskodex-Meldung bei TestConf aufnehmen", form, StringComparison.Ordinal);
        Assert.Contains("Gilt für jemanden eine Maßnahme? Prüfen", form, StringComparison.Ordinal);

        using var missing = await SubmitAsync(token, new() { ["identity"] = "anonymous" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("Bitte schreiben Sie auf, was passiert ist.", WebUtility.HtmlDecode(await missing.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var reporter = Submissions.NewReporter();
        using var sent = await SubmitAsync(token, new() { ["description"] = "Jemand hat mich am Stand beleidigt.", ["identity"] = "share", ["contactEmail"] = reporter });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        var receipt = WebUtility.HtmlDecode(await sent.Content.ReadAsStringAsync());
        Assert.Contains("lang=\"de\"", receipt, StringComparison.Ordinal);
        Assert.Contains("Bestätigungscode", receipt, StringComparison.Ordinal);
        Assert.Contains("Die meldende Person erhält das Aktenzeichen und den Code auch per E-Mail.", receipt, StringComparison.Ordinal);
        Assert.StartsWith("Wir haben Ihre Meldung", (await host.Inbox.WaitForAsync(m => m.IsTo(reporter))).Single().Subject, StringComparison.Ordinal);
    }

    async Task<HttpResponseMessage> SubmitAsync(string token, Dictionary<string, string> fields)
    {
        fields["token"] = token;
        return await host.Http.PostAsync("/api/organizer/intake", new FormUrlEncodedContent(fields));
    }

    /// <summary>A committee working in German, with one organizer.</summary>
    public sealed class Host : LocalHostFixture
    {
        public Uri OrganizerLink(string id) =>
            new OrganizerLinks(new LinkOptions { SigningKey = SigningKey, PublicBaseUrl = BaseUrl }, TimeProvider.System).Create(id);

        protected override void Configure(IDictionary<string, string?> settings)
        {
            base.Configure(settings);
            settings["Committee:Language"] = "de";
            settings["Organizers:People:0:Id"] = "ada";
            settings["Organizers:People:0:Name"] = "Ada Lovelace";
            settings["Organizers:People:0:Email"] = "ada@organizers.test";
            settings["Organizers:People:0:Event"] = "TestConf";
        }
    }
}
