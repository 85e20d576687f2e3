using System.Net;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using CocReports.Procedure.Links;
using CocReports.Testing;

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

    Task<string> OpenAsync(Uri link) => MemberBrowser.OpenStringAsync(MemberBrowser.NewBrowser(host.BaseUrl), link);
}
