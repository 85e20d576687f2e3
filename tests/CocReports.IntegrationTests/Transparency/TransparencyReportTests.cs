using System.Net;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using CocReports.Api.Transparency;
using CocReports.Procedure.Intake;
using CocReports.Procedure.Links;
using CocReports.Procedure.Storage;
using CocReports.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CocReports.IntegrationTests;

/// <summary>
/// The yearly transparency report as members draft it: a member link from every committee email, a page, the January 1
/// mail. On a host of its own: every report a draft counts is one these tests filed.
/// </summary>
[Collection(Name)]
public sealed partial class TransparencyReportTests(TransparencyReportTests.Host host)
{
    public const string Name = "transparency report";

    /// <summary>The words every draft carries, to every member alike.</summary>
    const string Note = "counts only the reports you may see";

    [Fact]
    public async Task Every_committee_email_links_to_the_transparency_page_which_drafts_the_report_without_report_content()
    {
        var reporter = Submissions.NewReporter();
        var secret = "Transparency secret " + Guid.NewGuid().ToString("N");
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(reporter, secret)));
        var mail = (await host.Inbox.WaitForAsync(m => m.Subject.Contains(receipt.Reference, StringComparison.Ordinal) && m.IsTo("alex@committee.test"), 1)).First();
        var link = MailLinks.Find(await host.Inbox.TextAsync(mail), "transparency");

        using var form = await host.Http.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("How the Code of Conduct was promoted", await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The days around the report's, so that a test run across midnight still counts it: no other report of this host is near.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var fields = new Dictionary<string, string>
        {
            ["token"] = MailLinks.Token(link),
            ["from"] = $"{today.AddDays(-1):yyyy-MM-dd}",
            ["to"] = $"{today.AddDays(1):yyyy-MM-dd}",
            ["promotion"] = "We read the Code of Conduct at the start of every meetup.",
        };
        using var draft = await host.Http.PostAsync(link.AbsolutePath, new FormUrlEncodedContent(fields));
        var html = await draft.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        Assert.Contains("We read the Code of Conduct at the start of every meetup.", html, StringComparison.Ordinal);
        Assert.Contains("<pre># ", html, StringComparison.Ordinal); // the Markdown to publish
        Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
        Assert.DoesNotContain(reporter, html, StringComparison.Ordinal);
        Assert.DoesNotContain(receipt.Reference, html, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\| [12] \|", html);
        Assert.Contains("Reports received: **fewer than 3**", Figures(html, today.AddDays(-1), today.AddDays(1)), StringComparison.Ordinal);
        Assert.Equal("fewer than 3", Shown(html, "Reports received"));
        Assert.DoesNotMatch("<td>[12]</td>", html);
    }

    [Fact]
    public async Task A_tampered_transparency_link_drafts_nothing()
    {
        var link = host.Links().CreateTransparency("alex");
        var fields = new Dictionary<string, string> { ["token"] = MailLinks.Token(link) + "x" };

        using var draft = await host.Http.PostAsync(link.AbsolutePath, new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.BadRequest, draft.StatusCode);
        Assert.DoesNotContain("<pre>", await draft.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_that_excludes_a_member_or_that_they_recused_from_is_not_in_their_draft_of_any_period()
    {
        // A day of its own, years back: no other test's report came in on it.
        var day = new DateOnly(2009, 6, 15);
        var reference = await StoreAsync(new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero), excluded: "kim", recused: "sam");

        // The day before is empty: the figures of every period around the report's day are the empty day's.
        var empty = Figures(await DraftAsync("alex", day.AddDays(-1), day.AddDays(-1)), day.AddDays(-1), day.AddDays(-1));
        foreach (var member in new[] { "kim", "sam" })
        {
            foreach (var (from, to) in new[] { (day, day), (day.AddDays(-1), day.AddDays(-1)), (day.AddDays(-1), day), (day, day.AddDays(1)), (day.AddDays(-1), day.AddDays(1)) })
            {
                var draft = await DraftAsync(member, from, to);
                Assert.Equal(empty, Figures(draft, from, to));
                Assert.Equal("0", Shown(draft, "Reports received"));
            }
        }

        Assert.Contains("Reports received: **0**", empty, StringComparison.Ordinal);

        // Alex, whom the report keeps from nothing, has it counted.
        var alexs = await DraftAsync("alex", day, day);
        Assert.Contains("Reports received: **fewer than 3**", Figures(alexs, day, day), StringComparison.Ordinal);
        Assert.Equal("fewer than 3", Shown(alexs, "Reports received"));
        Assert.DoesNotContain(reference, alexs, StringComparison.Ordinal);

        // Every draft says so in the same words, left out or not.
        var kims = await DraftAsync("kim", day, day);
        Assert.Equal(NoteOf(alexs), NoteOf(kims));
        Assert.Contains(Note, NoteOf(kims), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drafting_is_in_the_audit_trail_with_who_drafted_which_period()
    {
        await DraftAsync("kim", new DateOnly(2010, 2, 1), new DateOnly(2010, 2, 28));

        var audit = new List<TableEntity>();
        await foreach (var row in host.Audit.QueryAsync<TableEntity>(e => e.PartitionKey == TransparencyPage.AuditChain))
        {
            audit.Add(row);
        }

        Assert.Contains(audit, a => a.GetString("MemberId") == "kim" && a.GetString("What") == "transparency draft 2010-02-01..2010-02-28" && a.GetBoolean("Allowed") == true);
    }

    [Fact]
    public async Task A_period_longer_than_five_years_is_refused_with_the_form_again()
    {
        var link = host.Links().CreateTransparency("alex");
        var fields = new Dictionary<string, string> { ["token"] = MailLinks.Token(link), ["from"] = "2015-01-01", ["to"] = "2020-01-01" };

        using var draft = await host.Http.PostAsync(link.AbsolutePath, new FormUrlEncodedContent(fields));
        var html = await draft.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, draft.StatusCode);
        Assert.Contains("at most 5 years", html, StringComparison.Ordinal);
        Assert.Contains("name=\"from\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<pre>", html, StringComparison.Ordinal);

        // Five years to the day are drafted.
        using var fiveYears = await PostAsync(link, "2015-01-01", "2019-12-31");
        Assert.Equal(HttpStatusCode.OK, fiveYears.StatusCode);
    }

    [Fact]
    public async Task The_january_review_mails_every_member_last_years_draft_of_the_reports_they_may_see_with_a_link_to_the_page()
    {
        // The review as its timer runs it on a January 1 of its own, so no clock's New Year comes between.
        const int year = 2012;
        var january = new FakeTimeProvider(new DateTimeOffset(year + 1, 1, 1, 6, 0, 0, TimeSpan.Zero));

        // The only report of that year on this host: it excludes Kim.
        await StoreAsync(new DateTimeOffset(year, 6, 15, 10, 0, 0, TimeSpan.Zero), excluded: "kim");
        await ActivatorUtilities.CreateInstance<TransparencyReview>(host.Services, (TimeProvider)january).RunAsync(CancellationToken.None);

        var texts = await ReviewMailsAsync(year);
        Assert.Equal(LocalHostFixture.Members.Select(m => m.Id).Order(), texts.Keys.Order());
        Assert.Contains($"Code of Conduct transparency report, {year}", texts["alex"], StringComparison.Ordinal);
        Assert.Equal("/api/transparency", MailLinks.Find(texts["alex"], "transparency").AbsolutePath);
        Assert.Contains("Reports received: **fewer than 3**", texts["alex"], StringComparison.Ordinal);
        Assert.Contains("Reports received: **fewer than 3**", texts["sam"], StringComparison.Ordinal);
        Assert.Contains("Reports received: **0**", texts["kim"], StringComparison.Ordinal);
        Assert.All(texts.Values, text => Assert.Contains(Note, text, StringComparison.Ordinal));
    }

    /// <summary>The text of each member's review mail of <paramref name="year"/> from this host, by the member its own transparency link names.</summary>
    async Task<Dictionary<string, string>> ReviewMailsAsync(int year)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var texts = new Dictionary<string, string>();
            foreach (var mail in (await host.Inbox.AllAsync()).Where(m => m.Subject.Contains($"Transparency report {year}: draft for review", StringComparison.Ordinal)))
            {
                var text = await host.Inbox.TextAsync(mail);
                var check = host.Links().Check(MailLinks.Token(MailLinks.Find(text, "transparency")), ActionLinks.TransparencyScope, CaseAction.Transparency);
                if (check.Status == LinkStatus.Valid && LocalHostFixture.Members.Any(m => m.Id == check.MemberId && mail.IsTo(m.Email)))
                {
                    texts[check.MemberId!] = text;
                }
            }

            if (texts.Count == LocalHostFixture.Members.Length || DateTime.UtcNow > deadline)
            {
                return texts;
            }

            await Task.Delay(250);
        }
    }

    /// <summary>A report stored as intake stores it, received at <paramref name="receivedAt"/>, that excludes a member and that another recused from.</summary>
    async Task<string> StoreAsync(DateTimeOffset receivedAt, string excluded, string? recused = null)
    {
        var fields = Submissions.Fields(Submissions.NewReporter(), "Transparency secret " + Guid.NewGuid().ToString("N"));
        fields[ReportFields.ExcludedMembers] = excluded;
        var report = await StoredReports.StoreWithoutWorkflowAsync(host.Services, fields, receivedAt: receivedAt);
        if (recused is not null)
        {
            Assert.NotNull(await host.Services.GetRequiredService<ICaseStates>().TryChangeCaseAsync(report.Reference, state => state.Recuse(recused), CancellationToken.None));
        }

        return report.Reference;
    }

    /// <summary>The draft page <paramref name="memberId"/> gets for the period, from a link of their own.</summary>
    async Task<string> DraftAsync(string memberId, DateOnly from, DateOnly to)
    {
        using var response = await PostAsync(host.Links().CreateTransparency(memberId), $"{from:yyyy-MM-dd}", $"{to:yyyy-MM-dd}");
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {html}");
        return html;
    }

    async Task<HttpResponseMessage> PostAsync(Uri link, string from, string to) =>
        await host.Http.PostAsync(link.AbsolutePath, new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = MailLinks.Token(link), ["from"] = from, ["to"] = to }));

    /// <summary>The Markdown to publish, with the period (in its heading) taken out: what it counts, and nothing else.</summary>
    static string Figures(string html, DateOnly from, DateOnly to) =>
        WebUtility.HtmlDecode(Preformatted().Match(html).Groups[1].Value).Replace($"{from:yyyy-MM-dd} to {to:yyyy-MM-dd}", "(period)", StringComparison.Ordinal);

    /// <summary>What the rendered page (not its Markdown) shows for <paramref name="label"/>.</summary>
    static string Shown(string html, string label)
    {
        var field = Regex.Match(html, $"<dt>{Regex.Escape(label)}</dt><dd>(.*?)</dd>", RegexOptions.Singleline);
        Assert.True(field.Success, $"The page shows no \"{label}\".");
        return WebUtility.HtmlDecode(field.Groups[1].Value).Trim();
    }

    /// <summary>The paragraph of the draft page that says which reports it counts.</summary>
    static string NoteOf(string html) =>
        Paragraphs().Matches(html).Select(m => m.Groups[1].Value).FirstOrDefault(p => p.Contains(Note, StringComparison.Ordinal)) ?? "";

    [GeneratedRegex("<pre>(.*?)</pre>", RegexOptions.Singleline)]
    private static partial Regex Preformatted();

    [GeneratedRegex("<p>(.*?)</p>", RegexOptions.Singleline)]
    private static partial Regex Paragraphs();

    /// <summary>The shared settings, on storage of its own.</summary>
    public sealed class Host : LocalHostFixture;

    [CollectionDefinition(Name)]
    public sealed class Collection : ICollectionFixture<Host>;
}
