using System.Net;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using CocReports.Api.OpenCases;
using CocReports.Procedure.Links;
using CocReports.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CocReports.IntegrationTests;

public sealed partial class OpenCasesTests(OpenCasesPageHost host) : IClassFixture<OpenCasesPageHost>
{
    [Fact]
    public async Task A_member_sees_all_and_only_the_open_cases_they_are_neither_excluded_nor_recused_from()
    {
        var excluded = Submissions.Fields(Submissions.NewReporter(), "Kim was part of it.");
        excluded["excludedMembers"] = "kim";
        var keptFromKim = (await SubmitAsync(excluded)).Reference;
        var recusedFrom = (await SubmitAsync(Submissions.Fields(Submissions.NewReporter()))).Reference;
        var shared = (await SubmitAsync(Submissions.Fields(Submissions.NewReporter()))).Reference;
        await ActAsync(recusedFrom, "kim", CaseAction.Recuse);

        // Kim follows the link in the committee's email about the one report Kim handles.
        var mail = (await host.Inbox.WaitForAsync(m => m.IsTo(host.EmailOf("kim")) && m.Subject.Contains(shared, StringComparison.Ordinal))).First();
        var kimsLink = MailLinks.Find(await host.Inbox.TextAsync(mail), "open-cases");
        var kims = await PageAsync(kimsLink);
        var alexs = await PageAsync(host.Links().CreateOpenCases("alex"));

        // Every case this host's tests left open (no other test here excludes Kim or has Kim recuse); Alex is kept from none.
        var open = await OpenInStorageAsync();
        Assert.Superset(new HashSet<string> { keptFromKim, recusedFrom, shared }, open.ToHashSet());
        Assert.Equal(open.Except([keptFromKim, recusedFrom]).Order(), References(kims).Order());
        Assert.Equal(open.Order(), References(alexs).Order());
        Assert.DoesNotContain(keptFromKim, kims, StringComparison.Ordinal);
        Assert.DoesNotContain(recusedFrom, kims, StringComparison.Ordinal);

        // Nothing on the page counts what Kim can't see: a row per case Kim sees, nothing more.
        Assert.Equal(References(kims).Count, Rows(kims));

        // Each reference opens its case page, in the member's own name.
        var view = Assert.Single(ViewLinks().Matches(kims), m => m.Value.Contains($"/api/reports/{shared}/view?token=", StringComparison.Ordinal));
        var viewLink = new Uri(WebUtility.HtmlDecode(view.Groups[1].Value));
        Assert.Equal("kim", host.Links().Check(MailLinks.Token(viewLink), shared, CaseAction.View).MemberId);

        // The view is in the audit trail, which names the member and no report.
        var audit = new List<TableEntity>();
        await foreach (var row in host.Audit.QueryAsync<TableEntity>(e => e.PartitionKey == OpenCasesPage.AuditChain))
        {
            audit.Add(row);
        }

        Assert.Contains(audit, a => a.GetString("MemberId") == "kim" && a.GetBoolean("Allowed") == true);
        Assert.All(audit, a => Assert.DoesNotMatch("COC-", a.GetString("What") ?? ""));

        // Resolved, a case leaves the list.
        await ActAsync(shared, "alex", CaseAction.Resolve, new()
        {
            ["violation"] = "no",
            ["incidentType"] = "Disrupting discussions or events",
            ["actions"] = "None.",
            ["publicSummary"] = "A report was found not to breach the Code of Conduct.",
        });
        Assert.DoesNotContain(shared, References(await PageAsync(host.Links().CreateOpenCases("kim"))));
        Assert.DoesNotContain(shared, await OpenInStorageAsync());
    }

    [Fact]
    public async Task An_open_cases_link_opens_the_list_in_one_browser_only()
    {
        var reference = (await SubmitAsync(Submissions.Fields(Submissions.NewReporter()))).Reference;
        var link = host.Links().CreateOpenCases("alex");
        using var first = MemberBrowser.NewBrowser(host.BaseUrl);
        using var second = MemberBrowser.NewBrowser(host.BaseUrl);

        var listed = await ReadAsync(await MemberBrowser.OpenAsync(first, link));
        using var offer = await second.GetAsync(link);
        using var exchange = await MemberBrowser.PressOpenAsync(second, link);

        Assert.Contains(reference, References(listed));
        foreach (var refused in new[] { offer, exchange })
        {
            var html = await refused.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Empty(References(html));
        }
    }

    [Fact]
    public async Task Overdue_cases_come_first_and_say_so()
    {
        // Filed first, then acknowledged: its next promise, the follow-up, is days of test time away.
        var earlier = (await SubmitAsync(Submissions.Fields(Submissions.NewReporter()))).Reference;
        await ActAsync(earlier, "sam", CaseAction.Acknowledge);
        var unacknowledged = (await SubmitAsync(Submissions.Fields(Submissions.NewReporter()))).Reference;

        // Acknowledgment is due within 2 s on this host: the page says so once it is late.
        var page = await WaitForPageAsync(host.Links().CreateOpenCases("sam"), html => Cells(html, unacknowledged)[^1].EndsWith("(overdue)", StringComparison.Ordinal));

        var order = References(page).Where(r => r == earlier || r == unacknowledged).ToList();
        Assert.Equal([unacknowledged, earlier], order);
        Assert.Equal(["", "The report form", "Acknowledge"], Cells(page, unacknowledged)[2..5]);
        Assert.Equal(["", "The report form", "Follow up with the reporter"], Cells(page, earlier)[2..5]);
        Assert.DoesNotContain("overdue", Cells(page, earlier)[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_tampered_other_or_revoked_link_is_refused_and_shows_no_case()
    {
        var reference = (await SubmitAsync(Submissions.Fields(Submissions.NewReporter()))).Reference;
        var fourDaysAgo = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-4));
        var good = host.Links().CreateOpenCases("kim");
        var token = MailLinks.Token(good);

        await RefusedAsync(host.Links(fourDaysAgo).CreateOpenCases("kim"), HttpStatusCode.Gone, reference);
        await RefusedAsync(new Uri(good, "/api/open-cases?token=" + token[..^2] + (token.EndsWith("AA", StringComparison.Ordinal) ? "BB" : "AA")), HttpStatusCode.BadRequest, reference);
        await RefusedAsync(new Uri(good, "/api/open-cases?token=" + MailLinks.Token(host.Links().CreateTransparency("kim"))), HttpStatusCode.BadRequest, reference);
        await RefusedAsync(new Uri(good, "/api/open-cases"), HttpStatusCode.Unauthorized, reference);
        await RefusedAsync(host.Links().CreateOpenCases("former-member"), HttpStatusCode.Forbidden, reference);

        var revoked = DateTimeOffset.UtcNow;
        await host.Revocations.UpsertEntityAsync(new TableEntity("member", "kim") { ["NotBefore"] = revoked });
        try
        {
            await RefusedAsync(good, HttpStatusCode.Forbidden, reference);

            // A link issued the millisecond after the revocation (issue times are kept to the millisecond) works.
            Assert.Contains(reference, await PageAsync(host.Links(new FakeTimeProvider(revoked.AddMilliseconds(1))).CreateOpenCases("kim")), StringComparison.Ordinal);
        }
        finally
        {
            await host.Revocations.DeleteEntityAsync("member", "kim");
        }
    }

    async Task<List<string>> OpenInStorageAsync()
    {
        var open = new List<string>();
        await foreach (var row in host.Reports.QueryAsync<TableEntity>(e => e.PartitionKey == "open-cases", select: ["RowKey"]))
        {
            open.Add(row.RowKey);
        }

        return open;
    }

    async Task RefusedAsync(Uri link, HttpStatusCode status, string reference)
    {
        using var response = await host.Http.GetAsync(link);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(status, response.StatusCode);
        Assert.DoesNotContain(reference, html, StringComparison.Ordinal);
        Assert.Empty(References(html));
    }

    /// <summary>The page as the member sees it after following <paramref name="link"/> in a browser of their own.</summary>
    async Task<string> PageAsync(Uri link)
    {
        using var browser = MemberBrowser.NewBrowser(host.BaseUrl);
        return await ReadAsync(await MemberBrowser.OpenAsync(browser, link));
    }

    /// <summary>The page, reloaded in the browser that opened it until <paramref name="until"/> holds; a page that never shows it fails the test.</summary>
    async Task<string> WaitForPageAsync(Uri link, Func<string, bool> until)
    {
        using var browser = MemberBrowser.NewBrowser(host.BaseUrl);
        var html = await ReadAsync(await MemberBrowser.OpenAsync(browser, link));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!until(html) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            html = await ReadAsync(await browser.GetAsync("/api/open-cases"));
        }

        Assert.True(until(html), "The open-cases page did not show what the test waited for within 30 s.");
        return html;
    }

    static async Task<string> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var html = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {html}");
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
            return html;
        }
    }

    /// <summary>Files a report and waits for the committee's first mail: members act from it, and the case is listed before it goes.</summary>
    async Task<Receipt> SubmitAsync(Dictionary<string, string> fields)
    {
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(fields));
        await host.Inbox.WaitForAsync(m => m.Subject.StartsWith("New Code of Conduct report", StringComparison.Ordinal) && m.Subject.Contains(receipt.Reference, StringComparison.Ordinal));
        return receipt;
    }

    async Task ActAsync(string reference, string memberId, CaseAction action, Dictionary<string, string>? fields = null)
    {
        if (Declarations.WaitFor(host.Services, action))
        {
            await Declarations.NoneAsync(host.Http, host.Links(), reference, memberId);
        }

        var link = host.Links().Create(reference, memberId, action);
        fields ??= [];
        fields["token"] = MailLinks.Token(link);
        using var response = await host.Http.PostAsync(link.AbsolutePath, new FormUrlEncodedContent(fields));
        Assert.True(response.IsSuccessStatusCode, $"{action} by {memberId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>The references the page lists, in its order (each is the text of its case page's link).</summary>
    static List<string> References(string html) => [.. ListedReference().Matches(html).Select(m => m.Groups[1].Value)];

    /// <summary>The text of each cell in the row of <paramref name="reference"/>.</summary>
    static string[] Cells(string html, string reference)
    {
        var row = Regex.Match(html, $"<tr>((?:(?!</tr>).)*>{reference}</a>(?:(?!</tr>).)*)</tr>", RegexOptions.Singleline);
        Assert.True(row.Success, $"{reference} is not listed.");
        return [.. Regex.Matches(row.Groups[1].Value, "<td>(.*?)</td>", RegexOptions.Singleline).Select(c => WebUtility.HtmlDecode(Regex.Replace(c.Groups[1].Value, "<[^>]+>", "")).Trim())];
    }

    static int Rows(string html) => Regex.Count(html, "<tr>") - 1;

    [GeneratedRegex(">(COC-[0-9A-Z]{4}-[0-9A-Z]{4})</a>")]
    private static partial Regex ListedReference();

    [GeneratedRegex("<a href=\"([^\"]+/view\\?token=[^\"]+)\">")]
    private static partial Regex ViewLinks();
}
