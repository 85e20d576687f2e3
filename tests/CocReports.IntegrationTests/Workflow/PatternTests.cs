using System.Net;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using CocReports.Procedure.Links;
using CocReports.Procedure.Storage;
using CocReports.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CocReports.IntegrationTests;

/// <summary>Reports that may name the same person are shown to the members who may see both, and to no one else.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class PatternTests(LocalHostFixture host)
{
    [Fact]
    public async Task A_shared_identifier_is_shown_to_members_who_may_see_both_reports_and_leaves_no_trace_for_others()
    {
        var handle = "jex" + Guid.NewGuid().ToString("N")[..8];
        var earlier = Submissions.Fields(Submissions.NewReporter());
        earlier["reportedPerson"] = $"Jordan Example (https://github.com/{handle.ToUpperInvariant()})";
        earlier["excludedMembers"] = "kim";
        var first = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(earlier));
        var sam = host.Links().Create(first.Reference, "sam", CaseAction.Recuse);
        using (var recused = await host.Http.PostAsync(sam.AbsolutePath, new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = MailLinks.Token(sam) })))
        {
            Assert.Equal(HttpStatusCode.OK, recused.StatusCode);
        }

        var later = Submissions.Fields(Submissions.NewReporter());
        later["reportedPerson"] = $"http://www.github.com/{handle}/";
        var second = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(later));

        var alexMail = (await host.Inbox.WaitForAsync(m => m.Subject.Contains(second.Reference, StringComparison.Ordinal) && m.IsTo("alex@committee.test"))).First();
        var alexText = await host.Inbox.TextAsync(alexMail);
        Assert.Contains("The reported person may be named in other reports you can see:", alexText, StringComparison.Ordinal);
        Assert.Contains($"/api/reports/{first.Reference}/view?token=", alexText, StringComparison.Ordinal);
        foreach (var address in new[] { "kim@committee.test", "sam@committee.test" })
        {
            var text = await host.Inbox.TextAsync((await host.Inbox.WaitForAsync(m => m.Subject.Contains(second.Reference, StringComparison.Ordinal) && m.IsTo(address))).First());
            Assert.DoesNotContain(first.Reference, text, StringComparison.Ordinal);
            Assert.DoesNotContain("may be named in other reports", text, StringComparison.Ordinal);
        }

        var seenByAlex = await OpenAsync(host.Links().Create(second.Reference, "alex", CaseAction.View));
        Assert.Contains("The reported person may be named in other reports", seenByAlex, StringComparison.Ordinal);
        Assert.Contains($">{first.Reference}</a></td><td>Same identifier</td>", seenByAlex, StringComparison.Ordinal);
        var fromTheEarlierCase = await OpenAsync(host.Links().Create(first.Reference, "alex", CaseAction.View));
        Assert.Contains($">{second.Reference}</a>", fromTheEarlierCase, StringComparison.Ordinal);

        foreach (var barred in new[] { "kim", "sam" })
        {
            var html = await OpenAsync(host.Links().Create(second.Reference, barred, CaseAction.View));
            Assert.DoesNotContain(first.Reference, html, StringComparison.Ordinal);
            Assert.DoesNotContain("may be named in other reports", html, StringComparison.Ordinal);
        }

        var index = new TableServiceClient(host.StorageConnectionString).GetTableClient(host.Reports.Name[..^"Reports".Length] + "Patterns");
        var stored = new List<string>();
        await foreach (var row in index.QueryAsync<TableEntity>())
        {
            stored.Add(string.Join("|", row.Keys.Select(k => $"{k}={row[k]}")));
        }

        Assert.Contains(stored, row => row.Contains(first.Reference, StringComparison.Ordinal));
        Assert.All(stored, row => Assert.DoesNotContain(handle, row, StringComparison.OrdinalIgnoreCase));
        Assert.All(stored, row => Assert.DoesNotContain("jordan", row, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task An_identifier_a_member_adds_is_told_on_the_earlier_report_to_members_who_may_see_both_and_removing_it_ends_the_match()
    {
        var address = $"quinn.{Unique()}@example.org";
        var person = Unique();
        var earlier = Submissions.Fields(Submissions.NewReporter());
        earlier["reportedPerson"] = $"{address}, on the forum";
        earlier["excludedMembers"] = "kim";
        var first = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(earlier));
        var later = Submissions.Fields(Submissions.NewReporter());
        later["reportedPerson"] = $"Someone called {person}";
        var second = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(later));
        await host.Inbox.WaitForAsync(m => m.Subject.Contains(first.Reference, StringComparison.Ordinal) && m.IsTo("alex@committee.test"));
        await host.Inbox.WaitForAsync(m => m.Subject.Contains(second.Reference, StringComparison.Ordinal) && m.IsTo("sam@committee.test"));
        await PostAsync(host.Links().Create(second.Reference, "sam", CaseAction.Recuse), new());

        // From the later report's case page: its link to the identifiers, and a spelling of the address the earlier report gave.
        var seenByAlex = await OpenAsync(host.Links().Create(second.Reference, "alex", CaseAction.View));
        var identify = new Uri(host.BaseUrl, WebUtility.HtmlDecode(Regex.Match(seenByAlex, "href=\"([^\"]*/identify\\?token=[^\"]*)\"").Groups[1].Value));
        var form = await GetAsync(identify);
        Assert.Contains($"Name: someone {person}", form, StringComparison.Ordinal);
        var saved = await PostAsync(identify, new() { ["add"] = $"MAILTO:{address.ToUpperInvariant()}" });
        Assert.Contains("1 added, 0 removed", saved, StringComparison.Ordinal);
        Assert.Contains($"Report {first.Reference}", saved, StringComparison.Ordinal);

        // Told on the earlier report, with a View link to the later one, to the one member who may see both.
        var told = (await host.Inbox.WaitForAsync(m => m.IsTo("alex@committee.test") && m.Subject == $"Report {first.Reference} may name the same person as another report")).Single();
        var toldText = await host.Inbox.TextAsync(told);
        Assert.Contains($"/api/reports/{second.Reference}/view?token=", toldText, StringComparison.Ordinal);
        Assert.DoesNotContain(address, toldText, StringComparison.OrdinalIgnoreCase);

        // The mails of one announcement are composed before any is sent: with Alex's sent, no other was composed.
        var store = host.Services.GetRequiredService<ISentMailLedger>();
        Assert.True(await store.IsMailSentAsync(first.Reference, $"{first.Reference}.PatternFound.{second.Reference}.alex@coc-reports", CancellationToken.None));
        foreach (var member in new[] { "sam", "kim" })
        {
            Assert.False(await store.IsMailSentAsync(first.Reference, $"{first.Reference}.PatternFound.{second.Reference}.{member}@coc-reports", CancellationToken.None));
            Assert.False(await store.IsMailSentAsync(second.Reference, $"{second.Reference}.PatternFound.{first.Reference}.{member}@coc-reports", CancellationToken.None));
        }

        var all = await host.Inbox.AllAsync();
        foreach (var mail in all.Where(m => m.IsTo("kim@committee.test")))
        {
            Assert.DoesNotContain(first.Reference, mail.Subject + await host.Inbox.TextAsync(mail), StringComparison.Ordinal);
        }

        foreach (var mail in all.Where(m => m.IsTo("sam@committee.test") && m.Subject.Contains(first.Reference, StringComparison.Ordinal)))
        {
            Assert.DoesNotContain(second.Reference, await host.Inbox.TextAsync(mail), StringComparison.Ordinal);
        }

        Assert.Contains($">{first.Reference}</a>", await OpenAsync(host.Links().Create(second.Reference, "alex", CaseAction.View)), StringComparison.Ordinal);
        Assert.Contains($">{second.Reference}</a>", await OpenAsync(host.Links().Create(first.Reference, "alex", CaseAction.View)), StringComparison.Ordinal);
        Assert.DoesNotContain(first.Reference, await OpenAsync(host.Links().Create(second.Reference, "kim", CaseAction.View)), StringComparison.Ordinal);
        Assert.DoesNotContain(second.Reference, await OpenAsync(host.Links().Create(first.Reference, "sam", CaseAction.View)), StringComparison.Ordinal);
        await AssertNoPlaintextAsync(address, person, "quinn");

        // Found wrong: the added address is listed by kind only, and removing it ends the match on both case pages.
        var correct = host.Links().Create(second.Reference, "alex", CaseAction.Identify);
        var listed = await GetAsync(correct);
        Assert.DoesNotContain(address, listed, StringComparison.OrdinalIgnoreCase);
        var added = Regex.Match(listed, "name=\"remove-added\" type=\"checkbox\" value=\"([0-9a-f]{64})\"\\s*/?> <label[^>]*>Email address, added by Alex Rivera on ");
        Assert.True(added.Success, listed);
        Assert.Contains("0 added, 1 removed", await PostAsync(correct, new() { ["remove-added"] = added.Groups[1].Value }), StringComparison.Ordinal);
        Assert.DoesNotContain(first.Reference, await OpenAsync(host.Links().Create(second.Reference, "alex", CaseAction.View)), StringComparison.Ordinal);
        Assert.DoesNotContain(second.Reference, await OpenAsync(host.Links().Create(first.Reference, "alex", CaseAction.View)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrongly_taken_identifier_a_member_removes_stays_removed_when_the_report_is_read_again()
    {
        var address = $"rowan.{Unique()}@example.org";
        var earlier = Submissions.Fields(Submissions.NewReporter());
        earlier["reportedPerson"] = address;
        var first = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(earlier));
        await host.Inbox.WaitForAsync(m => m.Subject.Contains(first.Reference, StringComparison.Ordinal) && m.IsTo("alex@committee.test"));
        var later = Submissions.Fields(Submissions.NewReporter());
        later["reportedPerson"] = $" {address.ToUpperInvariant()} ";
        var second = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(later));
        var announced = await host.Inbox.WaitForAsync(m => m.Subject.Contains(second.Reference, StringComparison.Ordinal) && m.IsTo("alex@committee.test"));
        Assert.Contains(first.Reference, await host.Inbox.TextAsync(announced.Single()), StringComparison.Ordinal);

        // The new report's announcement told the earlier report's members too, on the earlier report.
        await host.Inbox.WaitForAsync(m => m.IsTo("kim@committee.test") && m.Subject == $"Report {first.Reference} may name the same person as another report");

        // The identifiers are edited from the case page, which Alex opens (and declares no conflict on) first.
        await OpenAsync(host.Links().Create(first.Reference, "alex", CaseAction.View));
        var correct = host.Links().Create(first.Reference, "alex", CaseAction.Identify);
        var taken = Regex.Match(await GetAsync(correct), $"name=\"remove\" type=\"checkbox\" value=\"([0-9a-f]{{64}})\"\\s*/?> <label[^>]*>Email address: {Regex.Escape(address)}</label>");
        Assert.True(taken.Success);
        Assert.Contains("0 added, 1 removed", await PostAsync(correct, new() { ["remove"] = taken.Groups[1].Value }), StringComparison.Ordinal);

        // Every view of a case indexes its report again: the removal holds.
        for (var view = 0; view < 2; view++)
        {
            Assert.DoesNotContain(second.Reference, await OpenAsync(host.Links().Create(first.Reference, "alex", CaseAction.View)), StringComparison.Ordinal);
            Assert.DoesNotContain(first.Reference, await OpenAsync(host.Links().Create(second.Reference, "alex", CaseAction.View)), StringComparison.Ordinal);
        }

        Assert.Contains("removed by Alex Rivera", await GetAsync(host.Links().Create(first.Reference, "alex", CaseAction.Identify)), StringComparison.Ordinal);
    }

    async Task AssertNoPlaintextAsync(params string[] secrets)
    {
        var index = new TableServiceClient(host.StorageConnectionString).GetTableClient(host.Reports.Name[..^"Reports".Length] + "Patterns");
        var stored = new List<string>();
        await foreach (var row in index.QueryAsync<TableEntity>())
        {
            stored.Add(string.Join("|", row.Keys.Select(k => $"{k}={row[k]}")));
        }

        Assert.NotEmpty(stored);
        foreach (var secret in secrets)
        {
            Assert.All(stored, row => Assert.DoesNotContain(secret, row, StringComparison.OrdinalIgnoreCase));
        }
    }

    Task<string> GetAsync(Uri link) => MemberBrowser.ShowAsync(host.Http, link);

    Task<string> PostAsync(Uri link, Dictionary<string, string> fields) => MemberBrowser.ActAsync(host.Http, link, fields);

    // Letters only, so that a name made of it is read as one word.
    static string Unique() => string.Concat(Guid.NewGuid().ToByteArray().Take(8).Select(b => (char)('a' + (b % 26))));

    Task<string> OpenAsync(Uri link) => MemberBrowser.OpenStringAsync(MemberBrowser.NewBrowser(host.BaseUrl), link);
}
