using Azure.Data.Tables;
using static Microsoft.Playwright.Assertions;

namespace CocReports.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class EmbeddingTests(BrowserFixture host)
{
    [Fact]
    public async Task A_site_on_another_origin_can_frame_the_form_and_the_report_is_sent_from_inside_the_frame()
    {
        await using var context = await host.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(host.AllowedSite.FramePage.AbsoluteUri);
        var form = await ReportForm.InFrameAsync(page);
        Assert.Equal(host.BaseUrl.GetLeftPart(UriPartial.Authority), new Uri(form.Frame.Url).GetLeftPart(UriPartial.Authority));
        Assert.NotEqual(host.BaseUrl.GetLeftPart(UriPartial.Authority), host.AllowedSite.OriginHeader);

        await form.FillAnonymousAsync("Insults in the project chat, reported from the framed form.");
        var (reference, _) = await form.SendAsync();

        var row = (await host.Reports.GetEntityAsync<TableEntity>(reference, "report")).Value;
        Assert.Equal("Insults in the project chat, reported from the framed form.", row.GetString("Description"));
        Assert.Null(row.GetString("ContactEmail"));
    }

    [Fact]
    public async Task A_site_whose_origin_is_not_allowed_cannot_send_a_report_because_the_browser_blocks_the_request()
    {
        const string description = "Sent from a site that may not embed the form.";
        var rowsBefore = await CountReportsAsync();
        await using var context = await host.NewContextAsync();
        var form = await ReportForm.OpenAsync(context, host.RefusedSite.ComponentPage);
        var failed = new List<string>();
        form.Page.RequestFailed += (_, request) =>
        {
            if (request.Method == "POST")
            {
                lock (failed)
                {
                    failed.Add(request.Url + " " + request.Failure);
                }
            }
        };

        // The reads are refused too: the committee can't be listed, and the form says so.
        await Expect(form.Frame.Locator(".warning")).ToContainTextAsync("could not be loaded");
        await form.FillAnonymousAsync(description);
        await form.SendButton.ClickAsync();

        await Expect(form.Summary).ToContainTextAsync("The connection failed before your report was completely sent.");
        await Expect(form.Done).ToBeHiddenAsync();
        await Expect(form.Control("description")).ToHaveValueAsync(description);
        lock (failed)
        {
            Assert.Contains(failed, f => f.StartsWith(new Uri(host.BaseUrl, "/api/reports").AbsoluteUri, StringComparison.Ordinal));
        }

        Assert.Equal(rowsBefore, await CountReportsAsync());
        await foreach (var row in host.Reports.QueryAsync<TableEntity>(e => e.RowKey == "report"))
        {
            Assert.NotEqual(description, row.GetString("Description"));
        }
    }

    async Task<int> CountReportsAsync()
    {
        var count = 0;
        await foreach (var _ in host.Reports.QueryAsync<TableEntity>(e => e.RowKey == "report", select: ["PartitionKey"]))
        {
            count++;
        }

        return count;
    }
}
