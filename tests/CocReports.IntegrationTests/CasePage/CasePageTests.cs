using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using CocReports.Procedure.Links;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
using CocReports.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CocReports.IntegrationTests;

[Collection(LocalHostCollection.Name)]
public sealed class CasePageTests(LocalHostFixture host)
{
    readonly byte[] png = Submissions.Png(4096);
    readonly byte[] pdf = Submissions.Pdf(6000);

    [Fact]
    public async Task A_members_view_link_shows_the_report_and_its_evidence()
    {
        var fields = Submissions.Fields(Submissions.NewReporter(), "He posted <b>insults</b> in the call chat.");
        var receipt = await SubmitAsync(fields);
        var link = host.Links().Create(receipt.Reference, "alex", CaseAction.View);

        using var response = await OpenAsync(link);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Contains(receipt.Reference, html, StringComparison.Ordinal);
        Assert.Contains("He posted &lt;b&gt;insults&lt;/b&gt; in the call chat.", html, StringComparison.Ordinal);
        Assert.Contains("Rita Reporter", html, StringComparison.Ordinal);
        Assert.Contains("Username @loud", html, StringComparison.Ordinal);
        Assert.Contains("Weekly community call", html, StringComparison.Ordinal);
        Assert.Contains("screenshot.png", html, StringComparison.Ordinal);
        Assert.Contains("minutes.pdf", html, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(png)), html, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(pdf)), html, StringComparison.Ordinal);
        Assert.Contains("4,096 bytes", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/api/reports/{receipt.Reference}/evidence/0\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/api/reports/{receipt.Reference}/evidence/1\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(MailLinks.Token(link), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_anonymous_reporter_is_shown_as_anonymous()
    {
        var fields = Submissions.Fields(Submissions.NewReporter());
        fields["contactChoice"] = "anonymous";
        fields.Remove("contactName");
        fields.Remove("contactEmail");
        var receipt = await SubmitAsync(fields);

        var html = await OpenStringAsync(host.Links().Create(receipt.Reference, "sam", CaseAction.View));

        Assert.Contains("<dt>Reporter</dt><dd>Anonymous (follows up through the status page)</dd>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Rita Reporter", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_timeline_names_members_not_ids()
    {
        var receipt = await SubmitAsync(Submissions.Fields(Submissions.NewReporter()));
        var acknowledge = host.Links().Create(receipt.Reference, "sam", CaseAction.Acknowledge);
        using var acknowledged = await host.Http.PostAsync(
            acknowledge.AbsolutePath, new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = MailLinks.Token(acknowledge) }));
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);

        var html = await OpenStringAsync(host.Links().Create(receipt.Reference, "alex", CaseAction.View));

        Assert.Contains("<td>Acknowledged</td><td>Sam Okafor</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_image_is_streamed_inline_with_the_same_bytes_and_nosniff()
    {
        var receipt = await SubmitAsync(Submissions.Fields(Submissions.NewReporter()));
        var link = host.Links().Create(receipt.Reference, "alex", CaseAction.View);

        using var response = await OpenEvidenceAsync(link, 0);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(png, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("inline", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("evidence-1.png", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("default-src 'none'; sandbox", Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task A_pdf_is_downloaded_as_an_attachment()
    {
        var receipt = await SubmitAsync(Submissions.Fields(Submissions.NewReporter()));
        var link = host.Links().Create(receipt.Reference, "sam", CaseAction.View);

        using var response = await OpenEvidenceAsync(link, 1);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(pdf, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("evidence-2.pdf", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task A_download_is_named_by_its_sniffed_type_and_the_senders_name_is_shown_only_as_text()
    {
        var reporter = Submissions.NewReporter();
        var disguised = "invoice\u202Efdp.hta"; // shown by a right-to-left override as "invoiceath.pdf"
        var htmlAsPdf = "%PDF-1.7\n<html><script>alert(1)</script></html>"u8.ToArray();
        var receipt = await SubmitAsync(
            Submissions.Fields(reporter), (disguised, "application/pdf", "Meeting notes, plain text."u8.ToArray()), ("report.html", "text/html", htmlAsPdf));
        var link = host.Links().Create(receipt.Reference, "kim", CaseAction.View);

        using var browser = NewBrowser();
        using var page = await OpenAsync(link, browser);
        var html = await page.Content.ReadAsStringAsync();
        using var text = await browser.GetAsync(Evidence(receipt.Reference, 0)); // in kim's session
        using var pdf = await browser.GetAsync(Evidence(receipt.Reference, 1));

        Assert.Equal("text/plain", text.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", text.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("evidence-1.txt", text.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Null(text.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.Equal("evidence-2.pdf", pdf.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Null(pdf.Content.Headers.ContentDisposition?.FileNameStar);

        Assert.DoesNotContain('\u202E', html);
        Assert.Contains($"<td><a href=\"/api/reports/{receipt.Reference}/evidence/0\">evidence-1.txt</a></td><td>invoicefdp.hta</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>report.html</td><td>application/pdf</td>", html, StringComparison.Ordinal);

        var mail = (await host.Inbox.WaitForAsync(m => m.IsTo("kim@committee.test") && m.Subject.Contains(receipt.Reference, StringComparison.Ordinal))).First();
        var body = await host.Inbox.TextAsync(mail);
        Assert.Contains("evidence-1.txt, sent as \"invoicefdp.hta\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain('\u202E', body);
        Assert.DoesNotContain('\u202E', await host.Inbox.HtmlAsync(mail));
    }

    [Fact]
    public async Task Every_view_and_download_is_in_the_audit_trail_with_member_and_time()
    {
        var receipt = await SubmitAsync(Submissions.Fields(Submissions.NewReporter()));
        var alex = host.Links().Create(receipt.Reference, "alex", CaseAction.View);
        var sam = host.Links().Create(receipt.Reference, "sam", CaseAction.View);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        using var alexsBrowser = NewBrowser();
        using var samsBrowser = NewBrowser();
        (await OpenAsync(alex, alexsBrowser)).Dispose();
        (await alexsBrowser.GetAsync(Evidence(receipt.Reference, 0))).Dispose();
        (await MemberBrowser.PressOpenAsync(samsBrowser, sam)).Dispose(); // sam's session, reading only the declaration it asks for
        await MemberBrowser.DeclareAsync(samsBrowser, $"/api/reports/{receipt.Reference}/view", "none");
        (await samsBrowser.GetAsync(Evidence(receipt.Reference, 1))).Dispose();
        var after = DateTimeOffset.UtcNow.AddSeconds(1);

        var audit = await AuditAsync(receipt.Reference);
        var blobs = await BlobNamesAsync(receipt.Reference);
        Assert.Equal(
            [("alex", "action:declare", true), ("alex", "case", true), ("alex", blobs[0], true), ("sam", "action:declare", true), ("sam", blobs[1], true)],
            audit.Select(a => (a.MemberId, a.What, a.Allowed)));
        Assert.All(audit, a => Assert.InRange(a.At, before, after));

        var html = await (await samsBrowser.GetAsync($"/api/reports/{receipt.Reference}/view")).Content.ReadAsStringAsync();
        Assert.Contains("<td>Alex Rivera</td><td>The case page</td><td>Opened</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>Sam Okafor</td><td>Evidence: evidence-2.pdf</td><td>Opened</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_excluded_member_is_refused_the_case_and_its_evidence_and_the_refusal_is_audited()
    {
        var fields = Submissions.Fields(Submissions.NewReporter(), "Kim said something hurtful.");
        fields["excludedMembers"] = "kim";
        var receipt = await SubmitAsync(fields);
        var kim = host.Links().Create(receipt.Reference, "kim", CaseAction.View);

        using var browser = NewBrowser();
        using var page = await OpenAsync(kim, browser);
        using var file = await browser.GetAsync(Evidence(receipt.Reference, 0)); // in kim's session

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("This link no longer works", html, StringComparison.Ordinal);
        Assert.DoesNotContain("hurtful", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, file.StatusCode);
        Assert.Equal("text/html", file.Content.Headers.ContentType?.MediaType);
        Assert.NotEqual(png, await file.Content.ReadAsByteArrayAsync());

        var audit = await AuditAsync(receipt.Reference);
        Assert.Equal(
            [("kim", "case", false), ("kim", (await BlobNamesAsync(receipt.Reference))[0], false)],
            audit.Select(a => (a.MemberId, a.What, a.Allowed)));

        var seenByAlex = await OpenStringAsync(host.Links().Create(receipt.Reference, "alex", CaseAction.View));
        Assert.Contains("<td>Kim Tanaka</td><td>The case page</td><td>Refused</td>", seenByAlex, StringComparison.Ordinal);
        Assert.Contains("<dt>Kept from (at the reporter&#x27;s request)</dt><dd>Kim Tanaka</dd>", seenByAlex, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tampered_expired_or_other_action_link_shows_a_clear_page_and_opens_nothing()
    {
        var receipt = await SubmitAsync(Submissions.Fields(Submissions.NewReporter()));
        var good = host.Links().Create(receipt.Reference, "alex", CaseAction.View);
        var token = MailLinks.Token(good);
        var flip = token.IndexOf('.', StringComparison.Ordinal) + 5; // a character of the signature that carries six bits
        var tampered = new Uri(host.BaseUrl, $"/api/reports/{receipt.Reference}/view?token={token[..flip]}{(token[flip] == 'A' ? 'B' : 'A')}{token[(flip + 1)..]}");
        var otherReport = new Uri(good.AbsoluteUri.Replace(receipt.Reference, "COC-0000-0000", StringComparison.Ordinal));
        var acknowledgeToken = MailLinks.Token(host.Links().Create(receipt.Reference, "alex", CaseAction.Acknowledge));
        var otherAction = new Uri(host.BaseUrl, $"/api/reports/{receipt.Reference}/view?token={acknowledgeToken}");
        var expired = host.Links(new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-30))).Create(receipt.Reference, "alex", CaseAction.View);

        foreach (var link in new[] { tampered, otherReport, otherAction })
        {
            using var page = await host.Http.GetAsync(link);
            using var file = await host.Http.GetAsync(EvidenceLink(link, 0));
            Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
            Assert.Contains("This link is not valid", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.BadRequest, file.StatusCode);
            Assert.Equal("text/html", file.Content.Headers.ContentType?.MediaType);
        }

        using var expiredPage = await host.Http.GetAsync(expired);
        using var expiredFile = await host.Http.GetAsync(EvidenceLink(expired, 0));
        Assert.Equal(HttpStatusCode.Gone, expiredPage.StatusCode);
        Assert.Contains("This link has expired", await expiredPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Gone, expiredFile.StatusCode);
        Assert.Empty(await AuditAsync(receipt.Reference));
    }

    [Fact]
    public async Task Evidence_that_is_not_there_shows_a_clear_not_found_page()
    {
        var receipt = await SubmitAsync(Submissions.Fields(Submissions.NewReporter()));
        var link = host.Links().Create(receipt.Reference, "alex", CaseAction.View);
        await host.Evidence.DeleteBlobAsync((await BlobNamesAsync(receipt.Reference))[0]);

        using var browser = NewBrowser();
        using var purged = await OpenEvidenceAsync(link, 0, browser);
        using var beyond = await browser.GetAsync(Evidence(receipt.Reference, 2));

        foreach (var response in new[] { purged, beyond })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("This file is not available", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(await AuditAsync(receipt.Reference), a => a.What is not ("case" or "action:declare"));
    }

    [Fact]
    public async Task A_view_link_is_exchanged_for_a_strict_http_only_cookie_for_the_report_and_the_page_moves_on_without_the_token()
    {
        var receipt = await SubmitAsync(Submissions.Fields(Submissions.NewReporter()));
        var link = host.Links().Create(receipt.Reference, "alex", CaseAction.View);
        using var browser = NewBrowser();

        // Following the link (as a mail gateway's scanner also does) sets nothing; its Open button does.
        using var offer = await browser.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, offer.StatusCode);
        Assert.False(offer.Headers.Contains("Set-Cookie"));
        using var exchange = await MemberBrowser.PressOpenAsync(browser, link);
        var html = await exchange.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, exchange.StatusCode);
        Assert.Equal("no-referrer", Assert.Single(exchange.Headers.GetValues("Referrer-Policy")));
        Assert.Equal($"/api/reports/{receipt.Reference}/view", MemberBrowser.RefreshTarget(html));
        var cookie = Assert.Single(exchange.Headers.GetValues("Set-Cookie"));
        var attributes = cookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToList();
        Assert.StartsWith("coc-case=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);
        Assert.Contains($"path=/api/reports/{receipt.Reference.ToLowerInvariant()}", attributes);
        Assert.DoesNotContain("secure", attributes); // this host is reached over http
        Assert.Contains(attributes, a => a.StartsWith("expires=", StringComparison.Ordinal));
        Assert.DoesNotContain(MailLinks.Token(link), cookie, StringComparison.Ordinal);

        await MemberBrowser.DeclareAsync(browser, MemberBrowser.RefreshTarget(html), "none");
        using var page = await browser.GetAsync(MemberBrowser.RefreshTarget(html));
        using var file = await browser.GetAsync(Evidence(receipt.Reference, 0));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Someone kept interrupting me", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(png, await file.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_view_link_opens_the_case_in_one_browser_only_and_again_in_that_one()
    {
        var receipt = await SubmitAsync(Submissions.Fields(Submissions.NewReporter()));
        var link = host.Links().Create(receipt.Reference, "alex", CaseAction.View);
        using var first = NewBrowser();
        using var second = NewBrowser();

        using var opened = await MemberBrowser.OpenAsync(first, link);
        using var offer = await second.GetAsync(link);
        using var exchange = await MemberBrowser.PressOpenAsync(second, link);
        using var page = await second.GetAsync($"/api/reports/{receipt.Reference}/view");
        using var again = await MemberBrowser.OpenAsync(first, link);

        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        foreach (var refused in new[] { offer, exchange })
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Contains("This link was already used", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("Someone kept interrupting me", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_browser_with_one_members_case_session_is_not_switched_to_another_member_by_a_link()
    {
        var receipt = await SubmitAsync(Submissions.Fields(Submissions.NewReporter()));
        using var browser = NewBrowser();
        using var opened = await MemberBrowser.OpenAsync(browser, host.Links().Create(receipt.Reference, "alex", CaseAction.View));
        var samsLink = host.Links().Create(receipt.Reference, "sam", CaseAction.View);

        using var exchange = await MemberBrowser.PressOpenAsync(browser, samsLink);

        Assert.Equal(HttpStatusCode.Conflict, exchange.StatusCode);
        Assert.Contains("signed in as another committee member", await exchange.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Sam's link was not spent: it still opens the case in Sam's own browser.
        using var samsBrowser = NewBrowser();
        using var samsPage = await MemberBrowser.OpenAsync(samsBrowser, samsLink);
        Assert.Equal(HttpStatusCode.OK, samsPage.StatusCode);
    }

    [Fact]
    public async Task Without_a_case_session_the_case_and_its_evidence_are_refused_and_nothing_is_audited()
    {
        var receipt = await SubmitAsync(Submissions.Fields(Submissions.NewReporter()));
        using var browser = NewBrowser();

        using var page = await browser.GetAsync($"/api/reports/{receipt.Reference}/view");
        using var file = await browser.GetAsync(Evidence(receipt.Reference, 0));

        foreach (var response in new[] { page, file })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains("Open this case from your email", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Empty(await AuditAsync(receipt.Reference));
    }

    [Fact]
    public async Task A_session_for_one_report_opens_no_other()
    {
        var first = await SubmitAsync(Submissions.Fields(Submissions.NewReporter()));
        var second = await SubmitAsync(Submissions.Fields(Submissions.NewReporter(), "Something only the second report says."));
        using var exchange = await MemberBrowser.PressOpenAsync(NewBrowser(), host.Links().Create(first.Reference, "alex", CaseAction.View));
        var session = Assert.Single(exchange.Headers.GetValues("Set-Cookie")).Split(';')[0];
        using var browser = NewBrowser();

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/reports/{second.Reference}/view") { Headers = { { "Cookie", session } } };
        using var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("only the second report", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_member_loses_their_open_session_and_earlier_links_even_to_act_and_a_later_link_works()
    {
        var receipt = await SubmitAsync(Submissions.Fields(Submissions.NewReporter()));
        var earlier = host.Links().Create(receipt.Reference, "sam", CaseAction.View);
        var acknowledge = host.Links().Create(receipt.Reference, "sam", CaseAction.Acknowledge);
        using var browser = NewBrowser();
        Assert.Equal(HttpStatusCode.OK, (await OpenAsync(earlier, browser)).StatusCode);

        // What an administrator does (docs/deploying.md, "Revoking links").
        await host.Revocations.UpsertEntityAsync(new TableEntity("member", "sam") { ["NotBefore"] = DateTimeOffset.UtcNow });
        try
        {
            using var open = await browser.GetAsync($"/api/reports/{receipt.Reference}/view");
            using var file = await browser.GetAsync(Evidence(receipt.Reference, 0));
            using var relinked = await NewBrowser().GetAsync(earlier);
            using var acknowledging = await host.Http.PostAsync(
                acknowledge.AbsolutePath, new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = MailLinks.Token(acknowledge) }));
            foreach (var response in new[] { open, file, relinked, acknowledging })
            {
                Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
                Assert.Contains("This link was withdrawn", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            var later = host.Links(new FakeTimeProvider(DateTimeOffset.UtcNow.AddSeconds(1))).Create(receipt.Reference, "sam", CaseAction.View);
            using var reopened = await OpenAsync(later, NewBrowser());
            Assert.Equal(HttpStatusCode.OK, reopened.StatusCode);
            Assert.Equal([("sam", "action:declare", true), ("sam", "case", true), ("sam", "case", true)], (await AuditAsync(receipt.Reference)).Select(a => (a.MemberId, a.What, a.Allowed)));
            Assert.Null((await host.Services.GetRequiredService<ICaseStates>().GetCaseStateAsync(receipt.Reference, CancellationToken.None)).AcknowledgedAt);
        }
        finally
        {
            await host.Revocations.DeleteEntityAsync("member", "sam");
        }
    }

    [Fact]
    public async Task A_view_link_lasts_three_days_an_action_link_fourteen()
    {
        var receipt = await SubmitAsync(Submissions.Fields(Submissions.NewReporter()));
        var sentFourDaysAgo = host.Links(new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-4)));

        using var view = await host.Http.GetAsync(sentFourDaysAgo.Create(receipt.Reference, "alex", CaseAction.View));
        using var acknowledge = await host.Http.GetAsync(sentFourDaysAgo.Create(receipt.Reference, "alex", CaseAction.Acknowledge));

        Assert.Equal(HttpStatusCode.Gone, view.StatusCode);
        Assert.Equal(HttpStatusCode.OK, acknowledge.StatusCode);
    }

    async Task<Receipt> SubmitAsync(Dictionary<string, string> fields, params (string Name, string Type, byte[] Bytes)[] files) =>
        await Submissions.SubmitAsync(
            host.Http,
            Submissions.Multipart(fields, files.Length > 0 ? files : [("screenshot.png", "image/png", png), ("minutes.pdf", "application/pdf", pdf)]));

    // A View link's token works at an evidence address too (a member who saved one from an older page).
    static Uri EvidenceLink(Uri viewLink, int index) =>
        new(viewLink.AbsoluteUri.Replace("/view?", $"/evidence/{index}?", StringComparison.Ordinal));

    static string Evidence(string reference, int index) => $"/api/reports/{reference}/evidence/{index}";

    /// <summary>
    /// Follows a View link as a member's browser does (a new one unless given): the link starts a case session (a
    /// cookie, kept by the client's cookie container) and its page sends the browser on to the case page.
    /// </summary>
    async Task<HttpResponseMessage> OpenAsync(Uri link, HttpClient? browser = null) =>
        await MemberBrowser.OpenAsync(browser ?? NewBrowser(), link);

    /// <summary>Opens the case from <paramref name="viewLink"/>, then one of its evidence files, as the case page's link does.</summary>
    async Task<HttpResponseMessage> OpenEvidenceAsync(Uri viewLink, int index, HttpClient? browser = null)
    {
        browser ??= NewBrowser();
        (await OpenAsync(viewLink, browser)).Dispose();
        return await browser.GetAsync(Evidence(viewLink.AbsolutePath.Split('/')[3], index));
    }

    async Task<string> OpenStringAsync(Uri link)
    {
        using var response = await OpenAsync(link);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    HttpClient NewBrowser() => MemberBrowser.NewBrowser(host.BaseUrl);

    async Task<List<string>> BlobNamesAsync(string reference)
    {
        var row = (await host.Reports.GetEntityAsync<TableEntity>(reference, "report")).Value;
        return [.. JsonSerializer.Deserialize<EvidenceFile[]>(row.GetString("Evidence")!)!.Select(e => e.BlobName)];
    }

    async Task<List<(DateTimeOffset At, string MemberId, string What, bool Allowed)>> AuditAsync(string reference)
    {
        var entries = new List<(DateTimeOffset, string, string, bool)>();
        await foreach (var e in host.Audit.QueryAsync<TableEntity>(e => e.PartitionKey == reference))
        {
            entries.Add((e.GetDateTimeOffset("At")!.Value, e.GetString("MemberId"), e.GetString("What"), e.GetBoolean("Allowed")!.Value));
        }

        entries.Reverse(); // the newest entry is the partition's first row
        return entries;
    }
}
