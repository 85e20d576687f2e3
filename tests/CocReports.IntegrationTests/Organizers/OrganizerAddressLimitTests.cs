using System.Globalization;
using System.Net;
using CocReports.Procedure.Links;
using CocReports.Testing;

namespace CocReports.IntegrationTests;

/// <summary>The report form's budget per client address covers the organizer door too: one budget for both doors.</summary>
[Collection(Name)]
public sealed class OrganizerAddressLimitTests(OrganizerAddressLimitTests.Host host)
{
    public const string Name = "organizer address limit";
    const int IntakeLimit = 2;

    [Fact]
    public async Task An_address_over_its_intake_budget_is_refused_at_the_organizer_door_too()
    {
        using var viaForm = Submissions.Multipart(Submissions.Fields(Submissions.NewReporter()));
        await Submissions.SubmitAsync(host.Http, viaForm);
        Assert.Equal(HttpStatusCode.Created, (await SubmitAsync("Within the budget.")).StatusCode);

        var refused = await SubmitAsync("Over the budget.");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Contains("The report was not sent", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    async Task<HttpResponseMessage> SubmitAsync(string description)
    {
        var link = new OrganizerLinks(new LinkOptions { SigningKey = host.SigningKey, PublicBaseUrl = host.BaseUrl }, TimeProvider.System).Create("ada");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = link.Query["?token=".Length..],
            ["description"] = description,
            ["identity"] = "anonymous",
        });
        return await host.Http.PostAsync("/api/organizer/intake", content);
    }

    public sealed class Host : LocalHostFixture
    {
        protected override void Configure(IDictionary<string, string?> settings)
        {
            settings["RateLimits:Intake:PermitLimit"] = IntakeLimit.ToString(CultureInfo.InvariantCulture);
            settings["Organizers:People:0:Id"] = "ada";
            settings["Organizers:People:0:Name"] = "Ada Lovelace";
            settings["Organizers:People:0:Email"] = "ada@organizers.test";
            settings["Organizers:People:0:Event"] = "TestConf";
        }
    }

    [CollectionDefinition(Name)]
    public sealed class Collection : ICollectionFixture<Host>;
}
