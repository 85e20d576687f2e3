using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CocReports.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class TooManyRequestsTests(BrowserFixture host)
{
    [Fact]
    public async Task A_refused_submission_tells_the_reporter_how_long_to_wait_and_keeps_the_report()
    {
        await using var context = await host.NewContextAsync();
        var form = await ReportForm.OpenAsync(context, host.AllowedSite.ComponentPage);
        await form.WaitForApiDataAsync();
        var origin = host.AllowedSite.OriginHeader;

        // The API's answer when an address is over its budget. Retry-After is not exposed to the other origin here,
        // so the form has to read the wait from the problem's body, as it must behind a platform CORS policy.
        await context.RouteAsync(new Uri(host.BaseUrl, "/api/reports").AbsoluteUri, route => route.Request.Method == "OPTIONS"
            ? route.FulfillAsync(new()
            {
                Status = 204,
                Headers = new Dictionary<string, string>
                {
                    ["Access-Control-Allow-Origin"] = origin,
                    ["Access-Control-Allow-Methods"] = "POST",
                    ["Access-Control-Allow-Headers"] = "Content-Type, Accept, Idempotency-Key",
                },
            })
            : route.FulfillAsync(new()
            {
                Status = 429,
                Headers = new Dictionary<string, string> { ["Access-Control-Allow-Origin"] = origin, ["Retry-After"] = "110" },
                ContentType = "application/problem+json",
                Body = """{"status":429,"title":"Please wait before trying again","retryAfter":110}""",
            }));

        await form.FillAnonymousAsync("Threats in the issue tracker, sent while the network was busy.");
        await form.SendButton.ClickAsync();

        await Expect(form.Summary).ToContainTextAsync("Please try again in 2 minutes.");
        await Expect(form.Control("description")).ToHaveValueAsync("Threats in the issue tracker, sent while the network was busy.");
        await Expect(form.Done).ToBeHiddenAsync();
    }
}
