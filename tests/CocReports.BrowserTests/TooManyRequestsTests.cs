using Azure.Data.Tables;
using CocReports.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CocReports.BrowserTests;

/// <summary>
/// The form on a community's site and the API on another origin, with an intake budget of one report: the browser's
/// submission goes through a real CORS preflight (it carries an Idempotency-Key) and gets the API's real 429.
/// </summary>
public sealed class TooManyRequestsTests(TooManyRequestsTests.Host host) : IClassFixture<TooManyRequestsTests.Host>
{
    const string Description = "Threats in the issue tracker, sent while the network was busy.";

    [Fact]
    public async Task A_refused_submission_tells_the_reporter_the_wait_the_api_gave_and_keeps_the_report()
    {
        await SpendIntakeBudgetAsync();
        var counted = await IntakeCountAsync();
        await using var context = await host.NewContextAsync();
        var form = await ReportForm.OpenAsync(context, host.AllowedSite.ComponentPage);
        await form.WaitForApiDataAsync();
        await form.FillAnonymousAsync(Description);

        var refused = await form.Page.RunAndWaitForResponseAsync(() => form.SendButton.ClickAsync(), IsSubmission);

        Assert.Equal(429, refused.Status);
        var wait = int.Parse(await refused.HeaderValueAsync("retry-after") ?? "", System.Globalization.CultureInfo.InvariantCulture);
        await Expect(form.Summary).ToContainTextAsync($"Please try again in {Minutes(wait)}.");
        await Expect(form.Control("description")).ToHaveValueAsync(Description);
        await Expect(form.Done).ToBeHiddenAsync();

        // The post reached the API, counted against the address: a browser sends it only once the preflight allowed it.
        Assert.Equal(counted + 1, await IntakeCountAsync());
    }

    [Fact]
    public async Task Behind_a_cors_policy_that_exposes_no_headers_the_form_reads_the_wait_from_the_apis_problem()
    {
        await SpendIntakeBudgetAsync();
        await using var context = await host.NewContextAsync();
        var form = await ReportForm.OpenAsync(context, host.AllowedSite.ComponentPage);
        await form.WaitForApiDataAsync();
        await form.FillAnonymousAsync(Description);

        // The API's own answers, with Access-Control-Expose-Headers left out, as a platform's CORS policy may leave it:
        // the page can't read Retry-After then, only the problem's body.
        int? wait = null;
        await context.RouteAsync(new Uri(host.BaseUrl, "/api/reports").AbsoluteUri, async route =>
        {
            if (route.Request.Method != "POST")
            {
                await route.ContinueAsync();
                return;
            }

            var answer = await route.FetchAsync();
            using var problem = System.Text.Json.JsonDocument.Parse(await answer.TextAsync());
            wait = problem.RootElement.GetProperty("retryAfter").GetInt32();
            await route.FulfillAsync(new()
            {
                Response = answer,
                Headers = answer.Headers.Where(h => !h.Key.Equals("access-control-expose-headers", StringComparison.OrdinalIgnoreCase)).ToDictionary(),
            });
        });

        var refused = await form.Page.RunAndWaitForResponseAsync(() => form.SendButton.ClickAsync(), IsSubmission);

        Assert.Equal(429, refused.Status);
        Assert.Null(await refused.HeaderValueAsync("access-control-expose-headers"));
        await Expect(form.Summary).ToContainTextAsync($"Please try again in {Minutes(wait!.Value)}.");
        await Expect(form.Control("description")).ToHaveValueAsync(Description);
    }

    bool IsSubmission(IResponse response) =>
        response.Url == new Uri(host.BaseUrl, "/api/reports").AbsoluteUri && response.Request.Method == "POST";

    // As the form words it: whole minutes, rounded up.
    static string Minutes(int seconds)
    {
        var minutes = (seconds + 59) / 60;
        return minutes > 1 ? $"{minutes} minutes" : "a minute";
    }

    /// <summary>Sends reports from this machine's address until the API refuses one.</summary>
    async Task SpendIntakeBudgetAsync()
    {
        for (var sent = 0; sent <= Host.IntakeLimit; sent++)
        {
            using var answer = await host.Http.PostAsync("/api/reports", Submissions.Multipart(Submissions.Fields(Submissions.NewReporter())));
            if (answer.StatusCode == System.Net.HttpStatusCode.TooManyRequests)
            {
                return;
            }
        }

        Assert.Fail("The API never refused a report.");
    }

    /// <summary>What the API counted against this machine's address (the only one this host sees) in the current window.</summary>
    async Task<int> IntakeCountAsync()
    {
        var rows = new List<TableEntity>();
        await foreach (var row in host.RateLimits.QueryAsync<TableEntity>(e => e.PartitionKey == "intake"))
        {
            rows.Add(row);
        }

        return Assert.Single(rows).GetInt32("Count") ?? 0;
    }

    /// <summary>A browser host of its own whose intake budget is one report in ten minutes.</summary>
    public sealed class Host : BrowserFixture
    {
        public const int IntakeLimit = 1;

        protected override void Configure(IDictionary<string, string?> settings)
        {
            base.Configure(settings);
            settings["RateLimits:Intake:PermitLimit"] = IntakeLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings["RateLimits:Intake:Window"] = "00:10:00";
        }
    }
}
