using System.Net;
using CocReports.Testing;

namespace CocReports.IntegrationTests;

/// <summary>
/// Its own host: the status page refuses a client that guessed wrong too often, and every test here comes from
/// 127.0.0.1, so this block must not reach the other tests' host.
/// </summary>
[Collection(Name)]
public sealed class StatusRateLimitTests(StatusRateLimitTests.Host host)
{
    public const string Name = "status rate limit";

    [Fact]
    public async Task Repeated_wrong_codes_on_the_status_page_are_refused_for_a_while()
    {
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(Submissions.NewReporter())));
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await OpenAsync(receipt.Reference, "WRONG-WRONG-WRONG-WRONG")).StatusCode);
        }

        var blocked = await OpenAsync(receipt.Reference, receipt.ReceiptCode);

        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.DoesNotContain("Your report was received", await blocked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    Task<HttpResponseMessage> OpenAsync(string reference, string code) =>
        host.Http.PostAsync("/api/status", new FormUrlEncodedContent(new Dictionary<string, string> { ["reference"] = reference, ["receiptCode"] = code }));

    public sealed class Host : LocalHostFixture;

    [CollectionDefinition(Name)]
    public sealed class Collection : ICollectionFixture<Host>;
}
