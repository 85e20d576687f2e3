using System.Text.RegularExpressions;
using Azure.Data.Tables;
using CocReports.Api.OpenCases;
using CocReports.Procedure.Links;
using CocReports.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CocReports.IntegrationTests;

/// <summary>
/// The weekly digest anchors each open case's audit trail outside storage: the newest entry and its hash sit in the
/// members' mailboxes, where whoever removes the newest entries from the table cannot reach them.
/// </summary>
public sealed class AuditAnchorTests(AuditAnchorHost host) : IClassFixture<AuditAnchorHost>
{
    [Fact]
    public async Task The_digest_names_each_cases_audit_head_which_the_case_page_no_longer_shows_once_the_newest_entries_are_deleted()
    {
        var reference = (await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(Submissions.NewReporter()), []))).Reference;
        await host.Inbox.WaitForAsync(m => m.IsTo(host.EmailOf("sam")) && m.Subject.Contains(reference, StringComparison.Ordinal)); // announced: the case is open
        var browser = MemberBrowser.NewBrowser(host.BaseUrl);
        await View(browser, reference);
        await View(browser, reference);

        await host.Services.GetRequiredService<OpenCasesDigest>().RunAsync(CancellationToken.None);
        var digest = (await host.Inbox.WaitForAsync(m => m.IsTo(host.EmailOf("sam")) && m.Subject.Contains("Your open cases", StringComparison.Ordinal)))[0];
        var mailed = Regex.Match(await host.Inbox.TextAsync(digest), $@"{Regex.Escape(reference)} \|[^\n]*\| audit entry (?<entry>\d+), hash (?<hash>[0-9a-f]{{16}})");
        Assert.True(mailed.Success);
        Assert.Equal("3", mailed.Groups["entry"].Value); // Sam's declaration, then the two views
        var hash = mailed.Groups["hash"].Value;

        // The case page shows the mailed entry with the mailed hash, and its own view as entry 4.
        var before = await View(browser, reference);
        Assert.Contains($"<td>{hash}</td>", before, StringComparison.Ordinal);
        Assert.Contains("Its newest is entry 4", before, StringComparison.Ordinal);

        // Someone with access to the table deletes the two newest entries: the shorter chain still holds.
        var deleted = 0;
        await foreach (var row in host.Audit.QueryAsync<TableEntity>(e => e.PartitionKey == reference))
        {
            if (deleted++ < 2)
            {
                await host.Audit.DeleteEntityAsync(row.PartitionKey, row.RowKey);
            }
        }

        var after = await View(browser, reference);
        Assert.Contains("The audit trail verifies: 3 entries", after, StringComparison.Ordinal);
        Assert.DoesNotContain(hash, after, StringComparison.Ordinal);
    }

    Task<string> View(HttpClient browser, string reference) =>
        MemberBrowser.OpenStringAsync(browser, host.Links().Create(reference, "sam", CaseAction.View));
}
