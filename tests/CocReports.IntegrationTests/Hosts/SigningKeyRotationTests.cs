using System.Net;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using CocReports.Procedure.Links;
using CocReports.Testing;

namespace CocReports.IntegrationTests;

/// <summary>
/// Its own host, since it rotates the link-signing key: what the app recorded before a rotation (the pattern index,
/// what members added and removed, references of submissions) still holds after it.
/// </summary>
[Collection(Name)]
public sealed class SigningKeyRotationTests(SigningKeyRotationTests.Host host)
{
    public const string Name = "signing key rotation";

    [Fact]
    public async Task After_a_rotation_reports_still_match_what_members_added_and_removed_holds_and_a_retry_is_the_same_report()
    {
        var handle = "ann" + Unique();
        var name = "bob" + Unique();
        var address = $"x.{Unique()}@example.org";
        var key = Guid.NewGuid().ToString();
        var earlierFields = Submissions.Fields(Submissions.NewReporter());
        earlierFields["reportedPerson"] = $"{name} @{handle}";
        var earlier = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(earlierFields), key);
        await host.Inbox.WaitForAsync(m => m.Subject.Contains(earlier.Reference, StringComparison.Ordinal) && m.IsTo("alex@committee.test"));

        // From the case page, a member adds an address the report missed and removes the name as wrong.
        await OpenAsync(host.Links().Create(earlier.Reference, "alex", CaseAction.View));
        var identify = host.Links().Create(earlier.Reference, "alex", CaseAction.Identify);
        var taken = Regex.Match(await GetAsync(identify), $"name=\"remove\" type=\"checkbox\" value=\"([0-9a-f]{{64}})\"\\s*/?> <label[^>]*>Name: {name}</label>");
        Assert.True(taken.Success);
        Assert.Contains("1 added, 1 removed", await PostAsync(identify, new() { ["add"] = address, ["remove"] = taken.Groups[1].Value }), StringComparison.Ordinal);

        await host.RotateSigningKeyAsync();

        // A new report naming the handle is told of the earlier one from its first email.
        var later = await SubmitNamingAsync($"@{handle}");
        Assert.Contains(earlier.Reference, await AnnouncementToAlexAsync(later.Reference), StringComparison.Ordinal);
        Assert.Contains($">{later.Reference}</a>", await OpenAsync(host.Links().Create(earlier.Reference, "alex", CaseAction.View)), StringComparison.Ordinal);

        // The address the member added still matches; the name they removed stays removed after that view.
        var naming = await SubmitNamingAsync(address);
        Assert.Contains(earlier.Reference, await AnnouncementToAlexAsync(naming.Reference), StringComparison.Ordinal);
        Assert.Contains($"Name: {name}: removed by Alex Rivera", await GetAsync(host.Links().Create(earlier.Reference, "alex", CaseAction.Identify)), StringComparison.Ordinal);

        // The reporter's retry of the first submission, after the rotation, is still that report.
        var reports = await ReportCountAsync();
        Assert.Equal(earlier, await Submissions.SubmitAsync(host.Http, Submissions.Multipart(earlierFields), key));
        Assert.Equal(reports, await ReportCountAsync());
    }

    async Task<Receipt> SubmitNamingAsync(string reportedPerson)
    {
        var fields = Submissions.Fields(Submissions.NewReporter());
        fields["reportedPerson"] = reportedPerson;
        return await Submissions.SubmitAsync(host.Http, Submissions.Multipart(fields));
    }

    async Task<string> AnnouncementToAlexAsync(string reference) =>
        await host.Inbox.TextAsync((await host.Inbox.WaitForAsync(m => m.Subject.Contains(reference, StringComparison.Ordinal) && m.IsTo("alex@committee.test"))).First());

    async Task<int> ReportCountAsync()
    {
        var count = 0;
        await foreach (var _ in host.Reports.QueryAsync<TableEntity>(e => e.RowKey == "report", select: ["PartitionKey"]))
        {
            count++;
        }

        return count;
    }

    Task<string> GetAsync(Uri link) => MemberBrowser.ShowAsync(host.Http, link);

    Task<string> PostAsync(Uri link, Dictionary<string, string> fields) => MemberBrowser.ActAsync(host.Http, link, fields);

    Task<string> OpenAsync(Uri link) => MemberBrowser.OpenStringAsync(MemberBrowser.NewBrowser(host.BaseUrl), link);

    // Letters only, so that a name made of it is read as one word.
    static string Unique() => string.Concat(Guid.NewGuid().ToByteArray().Take(8).Select(b => (char)('a' + (b % 26))));

    public sealed class Host : LocalHostFixture;

    [CollectionDefinition(Name)]
    public sealed class Collection : ICollectionFixture<Host>;
}
