using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CocReports.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class StorageUnavailableTests(BrowserFixture host)
{
    [Fact]
    public async Task When_storage_is_briefly_down_the_form_keeps_the_report_and_sending_again_uses_the_same_key()
    {
        await using var context = await host.NewContextAsync();
        var form = await ReportForm.OpenAsync(context, host.AllowedSite.ComponentPage);
        await form.WaitForApiDataAsync();
        var origin = host.AllowedSite.OriginHeader;

        // The first submission meets the API's answer during a storage outage; later ones reach the real API.
        var keys = new List<string?>();
        await context.RouteAsync(new Uri(host.BaseUrl, "/api/reports").AbsoluteUri, async route =>
        {
            if (route.Request.Method != "POST")
            {
                await route.ContinueAsync();
                return;
            }

            keys.Add(await route.Request.HeaderValueAsync("idempotency-key"));
            if (keys.Count > 1)
            {
                await route.ContinueAsync();
                return;
            }

            await route.FulfillAsync(new()
            {
                Status = 503,
                Headers = new Dictionary<string, string> { ["Access-Control-Allow-Origin"] = origin, ["Retry-After"] = "30" },
                ContentType = "application/problem+json",
                Body = """{"status":503,"title":"The service is briefly unavailable","retryAfter":30}""",
            });
        });

        await form.FillAnonymousAsync("Someone posted my home address in the chat.");
        await form.SendButton.ClickAsync();

        await Expect(form.Summary).ToContainTextAsync("Everything you entered is still here");
        await Expect(form.Control("description")).ToHaveValueAsync("Someone posted my home address in the chat.");
        await Expect(form.Done).ToBeHiddenAsync();

        var (reference, _) = await form.SendAsync();

        Assert.Equal(2, keys.Count);
        Assert.False(string.IsNullOrEmpty(keys[0]));
        Assert.Equal(keys[0], keys[1]);
        Assert.True((await host.Reports.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>(reference, "report")).HasValue);
    }
}
