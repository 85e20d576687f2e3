using Azure.Data.Tables;
using CocReports.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CocReports.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed partial class RetryTests(BrowserFixture host)
{
    [System.Text.RegularExpressions.GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")]
    private static partial System.Text.RegularExpressions.Regex RandomUuid();

    [Fact]
    public async Task A_report_edited_after_its_answer_was_lost_is_filed_on_its_own_and_the_first_one_stays()
    {
        await using var context = await host.NewContextAsync();
        var form = await ReportForm.OpenAsync(context, host.AllowedSite.ComponentPage);
        await form.WaitForApiDataAsync();
        var keys = new List<string>();
        var loseTheAnswer = true;
        await context.RouteAsync("**/api/reports", async route =>
        {
            if (route.Request.Method != "POST")
            {
                await route.ContinueAsync();
                return;
            }

            keys.Add(route.Request.Headers["idempotency-key"]);
            if (loseTheAnswer)
            {
                // The report reaches the server and is stored; its answer never reaches the reporter.
                loseTheAnswer = false;
                await route.FetchAsync();
                await route.AbortAsync();
            }
            else
            {
                await route.ContinueAsync();
            }
        });
        var first = $"First account {Guid.NewGuid():N}.";
        var edited = first + " And what I remembered after.";

        await form.FillAnonymousAsync(first);
        await form.SendButton.ClickAsync();
        await Expect(form.Summary).ToContainTextAsync("connection failed");
        await form.Control("description").FillAsync(edited);
        await form.Frame.GetByRole(AriaRole.Button, new() { Name = "Try again" }).ClickAsync();
        await Expect(form.Summary).ToContainTextAsync("A different report was already received with this Idempotency-Key");
        await form.Frame.GetByRole(AriaRole.Button, new() { Name = "Try again" }).ClickAsync();
        await Expect(form.Done).ToBeVisibleAsync();
        var reference = (await form.Frame.Locator("#done-reference").TextContentAsync())!.Trim();

        Assert.Equal(3, keys.Count);
        Assert.All(keys, key => Assert.Matches(RandomUuid(), key));
        Assert.Equal(keys[0], keys[1]);
        Assert.NotEqual(keys[0], keys[2]);
        var descriptions = new Dictionary<string, string>();
        await foreach (var row in host.Reports.QueryAsync<TableEntity>(e => e.RowKey == "report"))
        {
            descriptions[row.PartitionKey] = row.GetString("Description");
        }

        Assert.Equal(edited, descriptions[reference]);
        Assert.Single(descriptions, d => d.Value == first);
    }
}
