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
        // The report's own heading: its timeline's first step is written by the workflow a moment after the receipt.
        Assert.DoesNotContain($"Your report {receipt.Reference}", await blocked.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The reporter on the same network (a conference's) still gets in with the right code.
        using var opened = await OpenAsync(receipt.Reference, receipt.ReceiptCode);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Contains($"Your report {receipt.Reference}", await opened.Content.ReadAsStringAsync(), StringComparison.Ordinal);
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

    Task<HttpResponseMessage> OpenAsync(string reference, string code) => OpenAsync(host.Http, reference, code);

    static Task<HttpResponseMessage> OpenAsync(HttpClient http, string reference, string code) =>
        http.PostAsync("/api/status", new FormUrlEncodedContent(new Dictionary<string, string> { ["reference"] = reference, ["receiptCode"] = code }));

    public sealed class Host : LocalHostFixture;

    /// <summary>
    /// A conference's Wi-Fi: one address for everyone, whose budget of posts others spent. A reporter there still gets
    /// in with their right code, on a host of its own with a small budget.
    /// </summary>
    [Fact]
    public async Task From_an_address_over_its_budget_the_right_code_still_opens_the_report()
    {
        var shared = new SharedAddressHost();
        await shared.InitializeAsync();
        try
        {
            await OverBudgetAsync(shared);
        }
        finally
        {
            await shared.DisposeAsync();
        }
    }

    static async Task OverBudgetAsync(LocalHostFixture shared)
    {
        var receipt = await Submissions.SubmitAsync(shared.Http, Submissions.Multipart(Submissions.Fields(Submissions.NewReporter())));
        for (var i = 0; i < 3; i++)
        {
            (await OpenAsync(shared.Http, receipt.Reference, "WRONG-WRONG-WRONG-WRONG")).Dispose();
        }

        using var wrong = await OpenAsync(shared.Http, receipt.Reference, "0000-00000-00000-00000");
        using var right = await OpenAsync(shared.Http, receipt.Reference, receipt.ReceiptCode);

        Assert.Equal(HttpStatusCode.TooManyRequests, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains($"Your report {receipt.Reference}", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    sealed class SharedAddressHost : LocalHostFixture
    {
        protected override void Configure(IDictionary<string, string?> settings) => settings["RateLimits:Status:PermitLimit"] = "3";
    }

    [CollectionDefinition(Name)]
    public sealed class Collection : ICollectionFixture<Host>;
}
