using System.Net;
using CocReports.Procedure.Links;
using CocReports.Testing;

namespace CocReports.IntegrationTests;

/// <summary>Its own host, published at an https address as in Azure (TLS ends at the front end, the app sees http).</summary>
[Collection(Name)]
public sealed class SecureCookieTests(SecureCookieTests.Host host)
{
    public const string Name = "secure cookie";

    [Fact]
    public async Task Where_the_app_is_published_over_https_the_case_session_cookie_is_secure()
    {
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(Submissions.NewReporter())));
        var link = host.Links().Create(receipt.Reference, "alex", CaseAction.View);

        using var exchange = await MemberBrowser.PressOpenAsync(host.Http, link);

        Assert.Equal(HttpStatusCode.OK, exchange.StatusCode);
        var attributes = Assert.Single(exchange.Headers.GetValues("Set-Cookie")).Split(';', StringSplitOptions.TrimEntries).Skip(1);
        Assert.Contains("secure", attributes, StringComparer.OrdinalIgnoreCase);
    }

    public sealed class Host : LocalHostFixture
    {
        protected override void Configure(IDictionary<string, string?> settings) =>
            settings["Links:PublicBaseUrl"] = "https://coc.example.test";
    }

    [CollectionDefinition(Name)]
    public sealed class Collection : ICollectionFixture<Host>;
}
