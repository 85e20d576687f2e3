using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CocReports.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed partial class NoScriptTests(BrowserFixture host)
{
    [Fact]
    public async Task Without_javascript_the_form_page_leads_to_the_plain_form_and_the_server_answers_with_the_reference()
    {
        await using var context = await host.Browser.NewContextAsync(new() { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();

        // The <noscript> refresh moves on by itself; the URL is polled, as the refresh may land before a wait starts.
        await page.GotoAsync(new Uri(host.BaseUrl, "/").AbsoluteUri);
        await Expect(page).ToHaveURLAsync(new Uri(host.BaseUrl, "/api/report-form").AbsoluteUri);

        await page.GetByLabel("What happened? (required)").FillAsync("Threats in a direct message, sent without JavaScript.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the report" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Uri(host.BaseUrl, "/api/reports").AbsoluteUri);
        await Expect(page.Locator("main")).ToContainTextAsync(Reference());
        var reference = Reference().Match(await page.Locator("main").InnerTextAsync()).Value;
        var row = (await host.Reports.GetEntityAsync<TableEntity>(reference, "report")).Value;
        Assert.Equal("Threats in a direct message, sent without JavaScript.", row.GetString("Description"));
    }

    [GeneratedRegex("COC-[0-9A-Z]{4}-[0-9A-Z]{4}")]
    private static partial Regex Reference();
}
