using System.Net;
using CocReports.Testing;

namespace CocReports.IntegrationTests;

/// <summary>
/// Its own host: the status page answers "too many attempts" to a client that guessed one reference's code wrong too
/// often, and every test here comes from 127.0.0.1, so those counts must not reach the other tests' host.
/// </summary>
[Collection(Name)]
public sealed class StatusRateLimitTests(StatusRateLimitTests.Host host)
{
    public const string Name = "status rate limit";

    [Fact]
    public async Task After_too_many_wrong_codes_for_a_reference_wrong_codes_are_refused_for_a_while_but_the_right_one_opens_it()
    {
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(Submissions.NewReporter())));
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await OpenAsync(receipt.Reference, "WRONG-WRONG-WRONG-WRONG")).StatusCode);
        }

        using var blocked = await OpenAsync(receipt.Reference, "WRONG-WRONG-WRONG-WRONG");
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.InRange(blocked.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
        Assert.DoesNotContain("Your report was received", await blocked.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The reporter on the same network (a conference's) still gets in with the right code.
        using var opened = await OpenAsync(receipt.Reference, receipt.ReceiptCode);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Contains("Your report was received", await opened.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_codes_for_one_reference_do_not_lock_the_address_out_of_another()
    {
        var guessed = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(Submissions.NewReporter())));
        var other = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(Submissions.NewReporter())));
        for (var i = 0; i < 11; i++)
        {
            (await OpenAsync(guessed.Reference, "WRONG-WRONG-WRONG-WRONG")).Dispose();
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await OpenAsync(guessed.Reference, "WRONG-WRONG-WRONG-WRONG")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await OpenAsync(other.Reference, "WRONG-WRONG-WRONG-WRONG")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await OpenAsync(other.Reference, other.ReceiptCode)).StatusCode);
    }

    Task<HttpResponseMessage> OpenAsync(string reference, string code) =>
        host.Http.PostAsync("/api/status", new FormUrlEncodedContent(new Dictionary<string, string> { ["reference"] = reference, ["receiptCode"] = code }));

    public sealed class Host : LocalHostFixture;

    [CollectionDefinition(Name)]
    public sealed class Collection : ICollectionFixture<Host>;
}
