using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using CocReports.Procedure.Links;
using CocReports.Testing;

namespace CocReports.IntegrationTests;

/// <summary>The case's audit trail as a member sees it: every view, download and action, chained, verified on the case page, exported.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class AuditTrailTests(LocalHostFixture host)
{
    [Fact]
    public async Task Views_downloads_and_actions_are_chained_and_the_case_page_says_the_trail_verifies()
    {
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(
            Submissions.Fields(Submissions.NewReporter()), [("screenshot.png", "image/png", Submissions.Png(512))]));
        var acknowledge = host.Links().Create(receipt.Reference, "sam", CaseAction.Acknowledge);
        using (var acknowledged = await host.Http.PostAsync(acknowledge.AbsolutePath, new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = MailLinks.Token(acknowledge) })))
        {
            Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        }

        var browser = NewBrowser();
        await OpenAsync(browser, host.Links().Create(receipt.Reference, "alex", CaseAction.View));
        (await browser.GetAsync($"/api/reports/{receipt.Reference}/evidence/0")).Dispose();
        var html = await OpenAsync(browser, host.Links().Create(receipt.Reference, "alex", CaseAction.View));

        Assert.Contains("<td>Sam Okafor</td><td>Action: acknowledge</td><td>Done</td>", html, StringComparison.Ordinal);
        Assert.Contains("The audit trail verifies: 4 entries", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/api/reports/{receipt.Reference}/trail.json\"", html, StringComparison.Ordinal);

        using var json = await browser.GetAsync($"/api/reports/{receipt.Reference}/trail.json");
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("attachment", json.Content.Headers.ContentDisposition?.DispositionType);
        using var exported = JsonDocument.Parse(await json.Content.ReadAsStringAsync());
        Assert.True(exported.RootElement.GetProperty("verifies").GetBoolean());
        var entries = exported.RootElement.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(["action:acknowledge", "case", "", "case", "trail.json"], entries.Select(e => e.GetProperty("what").GetString()!.StartsWith(receipt.Reference, StringComparison.Ordinal) ? "" : e.GetProperty("what").GetString()));
        Assert.Equal([1L, 2, 3, 4, 5], entries.Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.All(entries.Skip(1).Zip(entries), pair => Assert.Equal(pair.Second.GetProperty("hash").GetString(), pair.First.GetProperty("previousHash").GetString()));

        var csv = await browser.GetStringAsync($"/api/reports/{receipt.Reference}/trail.csv");
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("sequence,at,memberId,what,allowed,previousHash,hash", lines[0]);
        Assert.Equal(7, lines.Length); // the header, five entries, and this export
        Assert.StartsWith("6,", lines[6], StringComparison.Ordinal);
        Assert.Contains(",alex,trail.csv,true,", lines[6], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_entry_changed_in_storage_shows_on_the_case_page_as_the_first_broken_link()
    {
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(Submissions.NewReporter()), []));
        var browser = NewBrowser();
        await OpenAsync(browser, host.Links().Create(receipt.Reference, "alex", CaseAction.View));
        await OpenAsync(browser, host.Links().Create(receipt.Reference, "alex", CaseAction.View));

        TableEntity? first = null;
        await foreach (var row in host.Audit.QueryAsync<TableEntity>(e => e.PartitionKey == receipt.Reference))
        {
            first = row; // the last row read is the oldest entry
        }

        first!["MemberId"] = "sam";
        await host.Audit.UpdateEntityAsync(first, first.ETag, TableUpdateMode.Replace);

        var html = await OpenAsync(browser, host.Links().Create(receipt.Reference, "alex", CaseAction.View));
        Assert.Contains("The audit trail does not verify: Entry 1 was changed after it was written. Entries from 1 on cannot be trusted.", html, StringComparison.Ordinal);
        using var exported = JsonDocument.Parse(await browser.GetStringAsync($"/api/reports/{receipt.Reference}/trail.json"));
        Assert.False(exported.RootElement.GetProperty("verifies").GetBoolean());
        Assert.Equal(1, exported.RootElement.GetProperty("firstBroken").GetInt64());
    }

    HttpClient NewBrowser() => MemberBrowser.NewBrowser(host.BaseUrl);

    static Task<string> OpenAsync(HttpClient browser, Uri link) => MemberBrowser.OpenStringAsync(browser, link);
}
