using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using CocReports.Procedure.Links;
using CocReports.Procedure.Storage;
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
        Assert.Contains("The audit trail verifies: 5 entries", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/api/reports/{receipt.Reference}/trail.json\"", html, StringComparison.Ordinal);

        using var json = await browser.GetAsync($"/api/reports/{receipt.Reference}/trail.json");
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("attachment", json.Content.Headers.ContentDisposition?.DispositionType);
        using var exported = JsonDocument.Parse(await json.Content.ReadAsStringAsync());
        Assert.True(exported.RootElement.GetProperty("verifies").GetBoolean());
        var entries = exported.RootElement.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(["action:acknowledge", "action:declare", "case", "", "case", "trail.json"], entries.Select(e => e.GetProperty("what").GetString()!.StartsWith(receipt.Reference, StringComparison.Ordinal) ? "" : e.GetProperty("what").GetString()));
        Assert.Equal([1L, 2, 3, 4, 5, 6], entries.Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.All(entries.Skip(1).Zip(entries), pair => Assert.Equal(pair.Second.GetProperty("hash").GetString(), pair.First.GetProperty("previousHash").GetString()));

        var csv = await browser.GetStringAsync($"/api/reports/{receipt.Reference}/trail.csv");
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("sequence,at,memberId,what,allowed,previousHash,hash", lines[0]);
        Assert.Equal(8, lines.Length); // the header, six entries, and this export
        Assert.StartsWith("7,", lines[7], StringComparison.Ordinal);
        Assert.Contains(",alex,trail.csv,true,", lines[7], StringComparison.Ordinal);
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

    [Fact]
    public async Task A_trail_rewritten_wholly_in_plain_hashes_for_a_case_received_after_the_cut_over_does_not_verify()
    {
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(Submissions.NewReporter()), []));
        var browser = NewBrowser();
        await OpenAsync(browser, host.Links().Create(receipt.Reference, "alex", CaseAction.View));
        await OpenAsync(browser, host.Links().Create(receipt.Reference, "alex", CaseAction.View));

        // Someone who can write the table but lacks the key: every entry re-hashed in plain SHA-256 and dated before
        // the cut-over, as a trail from before the chain was keyed would be.
        var rows = new List<TableEntity>();
        await foreach (var row in host.Audit.QueryAsync<TableEntity>(e => e.PartitionKey == receipt.Reference))
        {
            rows.Insert(0, row); // oldest first
        }

        var previousHash = new string('0', 64);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var at = LocalHostFixture.KeyedSince.AddDays(-1).AddMinutes(i);
            row["At"] = at;
            row["PreviousHash"] = previousHash;
            row["Hash"] = previousHash = AuditChain.HashOf(receipt.Reference, i + 1, new AuditEntry(at, row.GetString("MemberId")!, row.GetString("What")!, row.GetBoolean("Allowed")!.Value), previousHash);
            await host.Audit.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
        }

        var html = await OpenAsync(browser, host.Links().Create(receipt.Reference, "alex", CaseAction.View));
        Assert.Contains("The audit trail does not verify: Entry 1 was hashed without the key", html, StringComparison.Ordinal);
        using var exported = JsonDocument.Parse(await browser.GetStringAsync($"/api/reports/{receipt.Reference}/trail.json"));
        Assert.False(exported.RootElement.GetProperty("verifies").GetBoolean());
    }

    HttpClient NewBrowser() => MemberBrowser.NewBrowser(host.BaseUrl);

    static Task<string> OpenAsync(HttpClient browser, Uri link) => MemberBrowser.OpenStringAsync(browser, link);
}
